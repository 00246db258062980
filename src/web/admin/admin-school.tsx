import type { ComponentChildren } from 'preact';
import type { ManagedSchoolList } from '../../contracts/school-admin.contract.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { NotAllowedPage } from '../pages/not-allowed.page.tsx';
import type { AppLocation } from '../router.ts';
import { schoolIdOf, type Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';
import './admin.css';

/** The school set-up pages, in the order an administrator usually visits them. */
export const adminPages = [
  { path: '/admin/school', label: 'School details and register times' },
  { path: '/admin/calendar', label: 'Calendar: years, terms and closures' },
  { path: '/admin/policy', label: 'Attendance policy' },
  { path: '/admin/classes', label: 'Classes' },
  { path: '/admin/users', label: 'Users and roles' },
  { path: '/admin/imports', label: 'Imports' },
] as const;

function readSchoolId(location: AppLocation): number | null {
  const id = Number(location.query.get('school'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The address of an admin page for one school, kept when moving between the pages. */
export function adminHref(path: string, schoolId: number): string {
  return `${path}?school=${String(schoolId)}`;
}

/**
 * Decides which school an admin page works on: the one in the address, the admin's own
 * school, or the only one they manage; otherwise it asks which.
 */
export function AdminSchool(props: {
  location: AppLocation;
  session: Session;
  heading: string;
  children: (schoolId: number) => ComponentChildren;
}) {
  const { location, session } = props;
  const chosen = readSchoolId(location) ?? schoolIdOf(session);
  const managesSchools = session.capabilities.includes('manage-school');
  const list = useApiResource<ManagedSchoolList>(
    chosen === null && managesSchools ? '/api/admin/schools' : null,
  );
  if (!managesSchools)
    return <NotAllowedPage detail="Setting a school up is for administrators." />;
  if (chosen !== null) return <>{props.children(chosen)}</>;
  if (list.kind === 'failed') return <ResourceFailure error={list.error} heading={props.heading} />;
  if (list.kind === 'loading') return <Loading what="your schools" />;
  const [only] = list.value.schools;
  if (list.value.schools.length === 1 && only !== undefined) return <>{props.children(only.id)}</>;
  return (
    <div class="narrow">
      <h1>{props.heading}</h1>
      {list.value.schools.length === 0 ? (
        <p>You do not manage any school yet.</p>
      ) : (
        <>
          <p class="lead">Choose the school to set up.</p>
          <ul class="link-list">
            {list.value.schools.map((school) => (
              <li key={school.id}>
                <Link href={adminHref(location.path, school.id)}>{school.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Links between the set-up pages of one school; the current one is marked for everyone. */
export function AdminNav(props: { current: string; schoolId: number; schoolName?: string }) {
  return (
    <nav class="admin-nav" aria-label="School set-up">
      {props.schoolName !== undefined && <p class="subtitle">{props.schoolName}</p>}
      <ul>
        {adminPages.map((page) => (
          <li key={page.path}>
            <Link
              href={adminHref(page.path, props.schoolId)}
              aria-current={page.path === props.current ? 'page' : undefined}
            >
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
