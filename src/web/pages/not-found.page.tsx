import { Link } from '../components/link.tsx';
import { usePageTitle } from '../page-title.ts';

export function NotFoundPage(props: { detail?: string }) {
  usePageTitle('Page not found');
  return (
    <div class="narrow">
      <h1>Page not found</h1>
      <p>
        {props.detail ??
          'There is no page at this address. Check it, or start again from your home page.'}
      </p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </div>
  );
}
