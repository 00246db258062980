import { Link } from '../components/link.tsx';
import { usePageTitle } from '../page-title.ts';

/** Shown when the server refuses (403) what the address asks for. */
export function NotAllowedPage(props: { detail: string }) {
  usePageTitle('Not allowed');
  return (
    <div class="narrow">
      <h1>You are not allowed to see this page</h1>
      <p>{props.detail}</p>
      <p>
        If you think you should be able to, ask your school’s Rollcall administrator to check your
        role and classes.
      </p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </div>
  );
}
