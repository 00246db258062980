import type { SchoolGroupStatisticsResponse } from '../../contracts/statistics.contract.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { NotAllowedPage } from '../pages/not-allowed.page.tsx';
import { usePageTitle } from '../page-title.ts';
import type { Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';

/**
 * For a page that works one school at a time, opened by someone whose reach is a trust: the
 * trust's schools, each a link to the page for that school.
 */
export function SchoolChoice(props: { session: Session; path: string; title: string }) {
  const { scope } = props.session;
  const trustId = scope.kind === 'trust' ? scope.trustId : null;
  const schools = useApiResource<SchoolGroupStatisticsResponse>(
    trustId === null ? null : `/api/trusts/${String(trustId)}/statistics`,
  );
  usePageTitle(props.title);
  if (trustId === null)
    return (
      <NotAllowedPage detail="This page works for one school at a time, and your account is not set up for one school." />
    );
  if (schools.kind === 'loading') return <Loading what="the trust’s schools" />;
  if (schools.kind === 'failed')
    return <ResourceFailure error={schools.error} heading={props.title} />;
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <p>Choose a school of {schools.value.name}:</p>
      <ul class="link-list">
        {schools.value.schools.map((school) => (
          <li key={school.schoolId}>
            <Link href={`${props.path}?school=${String(school.schoolId)}`}>{school.label}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
