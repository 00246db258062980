import type { SchoolGroupStatisticsResponse } from '../../contracts/statistics.contract.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import { formatDate, formatRate } from '../charts/format-figures.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { usePageTitle } from '../page-title.ts';
import { useApiResource } from '../use-api-resource.ts';

type GroupKind = 'trust' | 'local-authority';

const apiFolder: Readonly<Record<GroupKind, string>> = {
  trust: 'trusts',
  'local-authority': 'local-authorities',
};

/** A trust's or local authority's schools side by side, never naming a pupil. */
export function SchoolGroupPage(props: { kind: GroupKind; id: number }) {
  const resource = useApiResource<SchoolGroupStatisticsResponse>(
    `/api/${apiFolder[props.kind]}/${String(props.id)}/statistics`,
  );
  usePageTitle(resource.kind === 'loaded' ? resource.value.name : 'Schools');
  if (resource.kind === 'loading') return <Loading what="the schools" />;
  if (resource.kind === 'failed')
    return <ResourceFailure error={resource.error} heading="Schools" />;
  const group = resource.value;
  const rows = [...group.schools, { ...group.total, schoolId: 0 }];
  return (
    <div>
      <p class="breadcrumb">
        <Link href="/">Home</Link> › {group.name}
      </p>
      <h1>{group.name}</h1>
      <p class="lead">Attendance at each school this academic year to {formatDate(group.asOf)}.</p>
      <table class="data-table" id="schools-table">
        <caption class="visually-hidden">Figures per school and in total</caption>
        <thead>
          <tr>
            <th scope="col">School</th>
            <th scope="col" class="numeric">
              Pupils
            </th>
            <th scope="col" class="numeric">
              Attendance
            </th>
            <th scope="col" class="numeric">
              Authorised absence
            </th>
            <th scope="col" class="numeric">
              Unauthorised absence
            </th>
            <th scope="col" class="numeric">
              Persistent absence
            </th>
            <th scope="col" class="numeric">
              Severe absence
            </th>
            <th scope="col" class="numeric">
              Possible sessions
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((school) => {
            const possible = school.sessions.possible;
            const share = (count: number) => formatRate(possible === 0 ? null : count / possible);
            return (
              <tr key={school.key} class={school.schoolId === 0 ? 'total-row' : undefined}>
                <th scope="row">
                  {school.schoolId === 0 ? (
                    'All schools'
                  ) : (
                    <Link href={`/dashboard?school=${String(school.schoolId)}`}>
                      {school.label}
                    </Link>
                  )}
                </th>
                <td class="numeric">{school.pupils}</td>
                <td class="numeric">{formatRate(school.attendanceRate)}</td>
                <td class="numeric">{share(school.sessions.authorisedAbsence)}</td>
                <td class="numeric">{share(school.sessions.unauthorisedAbsence)}</td>
                <td class="numeric">{school.persistentAbsenceCount}</td>
                <td class="numeric">{school.severeAbsenceCount}</td>
                <td class="numeric">{possible.toLocaleString('en-GB')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <BarChart
        title="Attendance by school"
        max={1}
        columns={['School', 'Attendance', 'Pupils']}
        bars={group.schools.map((school) => ({
          key: school.key,
          label: school.label,
          value: school.attendanceRate ?? 0,
          text: formatRate(school.attendanceRate),
          details: [String(school.pupils)],
        }))}
      />
    </div>
  );
}
