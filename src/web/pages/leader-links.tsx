import { Link } from '../components/link.tsx';
import type { Session } from '../session.ts';

/**
 * The home page's way in to the alerts, dashboards and group figures, for those whose role
 * has them: school leaders and officers, a trust's admin, a local authority's officer.
 */
export function LeaderLinks(props: { session: Session }) {
  const { session } = props;
  const { scope } = session;
  const follows = session.capabilities.includes('manage-follow-up');
  const aggregates = session.capabilities.includes('view-aggregates');
  const links: { href: string; label: string }[] = [];
  if (scope.kind === 'school' && session.user.role !== 'teacher') {
    if (follows)
      links.push({
        href: '/alerts',
        label: 'Policy alerts work list, and the case actions they call for',
      });
    if (aggregates) links.push({ href: '/dashboard', label: 'School dashboard' });
    // The list is the office's follow-up: it needs the capability its API asks for.
    if (session.capabilities.includes('record-absence-reason'))
      links.push({
        href: '/missing-from-lessons',
        label: 'Missing from lessons: in at registration, absent from a lesson later',
      });
  }
  if (scope.kind === 'trust' && aggregates)
    links.push({ href: `/trusts/${String(scope.trustId)}`, label: 'Schools in the trust' });
  if (scope.kind === 'local-authority' && aggregates)
    links.push({
      href: `/local-authorities/${String(scope.localAuthorityId)}`,
      label: 'Schools in the authority',
    });
  if (links.length === 0) return null;
  return (
    <section aria-labelledby="attendance-links">
      <h2 id="attendance-links">Attendance</h2>
      <ul class="link-list leader-links">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
