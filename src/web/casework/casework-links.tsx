import { Link } from '../components/link.tsx';
import type { Session } from '../session.ts';

/**
 * The home page's way in to the messages outbox and the letter wording, for those the server
 * lets work follow-up: school leaders and officers, and a trust's administrator.
 */
export function CaseworkLinks(props: { session: Session }) {
  const { session } = props;
  const { scope } = session;
  if (!session.capabilities.includes('manage-follow-up')) return null;
  if (scope.kind !== 'school' && scope.kind !== 'trust') return null;
  const editsWording = session.capabilities.includes('manage-school');
  return (
    <section aria-labelledby="casework-links">
      <h2 id="casework-links">Letters and messages</h2>
      <ul class="link-list">
        <li>
          <Link href="/messages">Messages: emails and texts to parents, and weekly updates</Link>
        </li>
        <li>
          <Link href="/letter-templates">
            {editsWording
              ? 'Letter templates: the wording of each letter and the letterhead'
              : 'Letter templates: the wording of each letter'}
          </Link>
        </li>
      </ul>
      <p class="hint">A pupil’s casework, penalty notices and letters are on their page.</p>
    </section>
  );
}
