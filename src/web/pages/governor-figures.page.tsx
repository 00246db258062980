import type {
  DashboardResponse,
  GroupStatistics,
  SchoolStatisticsResponse,
} from '../../contracts/statistics.contract.ts';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { formatRate, persistentAbsenceExplanation } from '../family/attendance-words.ts';
import { TrendChart } from '../charts/trend-chart.tsx';
import { formatShortDate } from '../charts/format-figures.ts';
import { formatPlainDate, isPlainDate } from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { useApiResource } from '../use-api-resource.ts';

/** The school's figures for governors: rates, persistent and severe absence, the trend. */
export function GovernorFiguresPage(props: { schoolId: number; location: AppLocation }) {
  usePageTitle('Attendance figures');
  const requested = props.location.query.get('asOf');
  const asOf = isPlainDate(requested) ? `?asOf=${requested}` : '';
  const statistics = useApiResource<SchoolStatisticsResponse>(
    `/api/schools/${String(props.schoolId)}/statistics${asOf}`,
  );
  // The dashboard's weekly figures and target; for a governor it names no pupil.
  const trend = useApiResource<DashboardResponse>(
    `/api/schools/${String(props.schoolId)}/dashboard${asOf}`,
  );
  if (statistics.kind === 'failed')
    return <ResourceFailure error={statistics.error} heading="Attendance figures" />;
  if (statistics.kind === 'loading')
    return (
      <div>
        <h1>Attendance figures</h1>
        <Loading what="the figures" />
      </div>
    );
  const figures = statistics.value;
  return (
    <div>
      <h1>Attendance figures</h1>
      <p class="lead">
        {figures.schoolName}, this school year up to {formatPlainDate(figures.asOf)}. Counts and
        rates only: no pupil is named.
      </p>
      <section aria-labelledby="school-heading">
        <h2 id="school-heading">Whole school</h2>
        <dl class="figure-grid">
          <Figure label="Attendance" value={rateOrDash(figures.school.attendanceRate)} />
          <Figure
            label="Target"
            value={trend.kind === 'loaded' ? formatRate(trend.value.target) : '…'}
          />
          <Figure label="Pupils" value={String(figures.school.pupils)} />
          <Figure
            label="Persistently absent (10%+)"
            value={String(figures.school.persistentAbsenceCount)}
          />
          <Figure
            label="Severely absent (50%+)"
            value={String(figures.school.severeAbsenceCount)}
          />
        </dl>
        <p class="hint">{persistentAbsenceExplanation}</p>
      </section>
      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">Attendance by week against target</h2>
        {trend.kind === 'loading' && <Loading what="the weekly trend" />}
        {trend.kind === 'failed' && (
          <ProblemAlert error={describeError(trend.error)} title="The trend could not be loaded" />
        )}
        {trend.kind === 'loaded' && (
          <TrendChart
            title="Attendance by week against the target"
            target={trend.value.target}
            points={trend.value.weeks.map((week) => ({
              label: `Week of ${formatShortDate(week.monday)}`,
              date: week.monday,
              rate: week.attendanceRate,
              attended: week.attended,
              possible: week.possible,
            }))}
          />
        )}
      </section>
      <section aria-labelledby="years-heading">
        <h2 id="years-heading">By year group</h2>
        <GroupTable groups={figures.byYearGroup} caption="Attendance by year group" />
      </section>
    </div>
  );
}

function rateOrDash(rate: number | null): string {
  return rate === null ? '—' : formatRate(rate);
}

function Figure(props: { label: string; value: string }) {
  return (
    <div class="figure">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

function GroupTable(props: { groups: readonly GroupStatistics[]; caption: string }) {
  return (
    <table class="data-table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Pupils</th>
          <th scope="col">Attendance</th>
          <th scope="col">Persistently absent</th>
          <th scope="col">Severely absent</th>
        </tr>
      </thead>
      <tbody>
        {props.groups.map((group) => (
          <tr key={group.key}>
            <th scope="row">{group.label}</th>
            <td>{group.pupils}</td>
            <td>{rateOrDash(group.attendanceRate)}</td>
            <td>{group.persistentAbsenceCount}</td>
            <td>{group.severeAbsenceCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
