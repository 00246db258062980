import { Link } from '../components/link.tsx';
import type { Session } from '../session.ts';

/** The administration pages, as the home page lists them; one line each. */
const administrationLinks: readonly { href: string; label: string }[] = [
  { href: '/admin/school', label: 'School details and register times' },
  { href: '/admin/calendar', label: 'Calendar: academic years, terms and closures' },
  { href: '/admin/policy', label: 'Attendance policy: preset, settings and rules' },
  { href: '/admin/classes', label: 'Classes: teachers and pupils' },
  { href: '/admin/users', label: 'Users and roles: staff and parent accounts' },
  { href: '/admin/imports', label: 'Imports: pupils, contacts and marks from CSV' },
];

/** The home page's way in to setting a school up, for those who may. */
export function AdminLinks(props: { session: Session }) {
  if (!props.session.capabilities.includes('manage-school')) return null;
  return (
    <section aria-labelledby="administration-links">
      <h2 id="administration-links">Administration</h2>
      <ul class="link-list">
        {administrationLinks.map((link) => (
          <li key={link.href}>
            <Link href={link.href}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
