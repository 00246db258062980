import type { Absentee, DashboardResponse } from '../../contracts/statistics.contract.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import {
  chooseSchoolId,
  formatDate,
  formatRate,
  formatShortDate,
  weekdayNames,
} from '../charts/format-figures.ts';
import { TrendChart } from '../charts/trend-chart.tsx';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { schoolIdOf, type Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';

const cohortNames: Readonly<Record<string, string>> = {
  fsm: 'Free school meals',
  pp: 'Pupil premium',
  sen: 'Special educational needs',
  eal: 'English as an additional language',
  lac: 'Looked after',
  cin: 'Child in need',
  'young-carer': 'Young carer',
  none: 'None of these',
};

/** Where a dashboard's figures come from: the address's ?school=, ?class= or ?year=. */
function dashboardPath(schoolId: number, query: URLSearchParams): string {
  const parameters = new URLSearchParams();
  const classId = query.get('class');
  const yearGroupId = query.get('year');
  if (classId !== null) parameters.set('classId', classId);
  else if (yearGroupId !== null) parameters.set('yearGroupId', yearGroupId);
  const search = parameters.toString();
  return `/api/schools/${String(schoolId)}/dashboard${search === '' ? '' : `?${search}`}`;
}

/** A school's, class's or year group's attendance against the target, with its absentees. */
export function DashboardPage(props: { location: AppLocation; session: Session }) {
  const schoolId = chooseSchoolId(props.location.query, schoolIdOf(props.session));
  const resource = useApiResource<DashboardResponse>(
    schoolId === null ? null : dashboardPath(schoolId, props.location.query),
  );
  usePageTitle(
    resource.kind === 'loaded' ? `${resource.value.scope.label}: dashboard` : 'Dashboard',
  );
  if (schoolId === null)
    return (
      <div class="narrow">
        <h1>Dashboard</h1>
        <p>Choose a school from your home page.</p>
      </div>
    );
  if (resource.kind === 'loading') return <Loading what="the dashboard" />;
  if (resource.kind === 'failed')
    return <ResourceFailure error={resource.error} heading="Dashboard" />;
  const dashboard = resource.value;
  const { summary, target, scope } = dashboard;
  const school = `/dashboard?school=${String(dashboard.schoolId)}`;
  const persistent = (dashboard.absentees ?? []).filter((pupil) => !pupil.severe);
  const severe = (dashboard.absentees ?? []).filter((pupil) => pupil.severe);
  return (
    <div class="dashboard">
      <p class="breadcrumb">
        <Link href="/">Home</Link> ›{' '}
        {scope.kind === 'school' ? (
          'Dashboard'
        ) : (
          <>
            <Link href={school}>{dashboard.schoolName}</Link> › {scope.label}
          </>
        )}
      </p>
      <h1>{scope.kind === 'school' ? `${scope.label} dashboard` : `${scope.label} dashboard`}</h1>
      <p class="lead">
        This academic year to {formatDate(dashboard.asOf)}
        {scope.kind !== 'school' && ` at ${dashboard.schoolName}`}.
      </p>

      <dl class="rate-cards">
        <div
          class={
            isBelow(summary.attendanceRate, target) ? 'rate-card rate-card-below' : 'rate-card'
          }
        >
          <dt>Attendance</dt>
          <dd>
            <span class="rate-figure">{formatRate(summary.attendanceRate)}</span>
            <span class="rate-sessions">
              target {formatRate(target)}; {summary.sessions.attended.toLocaleString('en-GB')} of{' '}
              {summary.sessions.possible.toLocaleString('en-GB')} possible sessions
            </span>
          </dd>
        </div>
        <div class="rate-card">
          <dt>Persistent absence (10% or more)</dt>
          <dd>
            <span class="rate-figure">{summary.persistentAbsenceCount}</span>
            <span class="rate-sessions">of {summary.pupils} pupils</span>
          </dd>
        </div>
        <div class="rate-card">
          <dt>Severe absence (50% or more)</dt>
          <dd>
            <span class="rate-figure">{summary.severeAbsenceCount}</span>
            <span class="rate-sessions">of {summary.pupils} pupils</span>
          </dd>
        </div>
      </dl>

      <GroupNavigation dashboard={dashboard} />

      <div class="chart-grid">
        <TrendChart
          title="Attendance by week against the target"
          target={target}
          points={dashboard.weeks.map((week) => ({
            label: `Week of ${formatShortDate(week.monday)}`,
            date: week.monday,
            rate: week.attendanceRate,
          }))}
        />
        <BarChart
          title="Absence by reason (sessions)"
          columns={['Reason', 'Sessions', 'Authorised or not']}
          bars={dashboard.reasons.map((reason) => ({
            key: reason.code,
            label: `${reason.code} ${reason.meaning}`,
            value: reason.sessions,
            text: reason.sessions.toLocaleString('en-GB'),
            details: [reason.category],
            tone: reason.category,
          }))}
        />
        <BarChart
          title="Absence by day of the week"
          columns={['Day', 'Absence rate', 'Sessions missed', 'Possible sessions']}
          bars={dashboard.weekdays.map((day) => ({
            key: String(day.weekday),
            label: weekdayNames[day.weekday] ?? String(day.weekday),
            value: day.absenceRate ?? 0,
            text: formatRate(day.absenceRate),
            details: [day.absent.toLocaleString('en-GB'), day.possible.toLocaleString('en-GB')],
          }))}
        />
        <BarChart
          title="Attendance by cohort group"
          max={1}
          columns={['Group', 'Attendance', 'Pupils', 'Persistent absence', 'Severe absence']}
          bars={[summary, ...dashboard.byCohort].map((group) => ({
            key: group.key,
            label:
              group === summary
                ? `Everyone (${scope.label})`
                : (cohortNames[group.key] ?? group.label),
            value: group.attendanceRate ?? 0,
            text: formatRate(group.attendanceRate),
            details: [
              String(group.pupils),
              String(group.persistentAbsenceCount),
              String(group.severeAbsenceCount),
            ],
            tone: isBelow(group.attendanceRate, target) ? 'unauthorised' : 'neutral',
          }))}
        />
      </div>

      {dashboard.absentees !== undefined && (
        <>
          <AbsenteeList
            id="severe"
            title="Severe absence: 50% or more of sessions missed"
            pupils={severe}
          />
          <AbsenteeList
            id="persistent"
            title="Persistent absence: 10% or more (below severe)"
            pupils={persistent}
          />
        </>
      )}
    </div>
  );
}

function isBelow(rate: number | null, target: number): boolean {
  return rate !== null && rate < target;
}

function GroupNavigation(props: { dashboard: DashboardResponse }) {
  const { dashboard } = props;
  const base = `/dashboard?school=${String(dashboard.schoolId)}`;
  const { scope } = dashboard;
  return (
    <nav aria-label="Other dashboards" class="group-nav">
      <p>
        <span class="group-nav-label">Year groups:</span>{' '}
        {dashboard.yearGroups.map((group, index) => (
          <span key={group.id}>
            {index > 0 && ' · '}
            <Link
              href={`${base}&year=${String(group.id)}`}
              aria-current={
                scope.kind === 'year-group' && scope.id === group.id ? 'page' : undefined
              }
            >
              {group.label}
            </Link>
          </span>
        ))}
      </p>
      <p>
        <span class="group-nav-label">Classes:</span>{' '}
        {dashboard.classes.map((group, index) => (
          <span key={group.id}>
            {index > 0 && ' · '}
            <Link
              href={`${base}&class=${String(group.id)}`}
              aria-current={scope.kind === 'class' && scope.id === group.id ? 'page' : undefined}
            >
              {group.label}
            </Link>
          </span>
        ))}
      </p>
      {scope.kind !== 'school' && (
        <p>
          <Link href={base}>Whole school</Link>
        </p>
      )}
    </nav>
  );
}

function AbsenteeList(props: { id: string; title: string; pupils: readonly Absentee[] }) {
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>
        {props.title} ({props.pupils.length})
      </h2>
      {props.pupils.length === 0 ? (
        <p>None.</p>
      ) : (
        <table class="data-table" id={`${props.id}-absentees`}>
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Pupil</th>
              <th scope="col">Class</th>
              <th scope="col" class="numeric">
                Absence
              </th>
              <th scope="col" class="numeric">
                Sessions missed
              </th>
              <th scope="col" class="numeric">
                Possible sessions
              </th>
            </tr>
          </thead>
          <tbody>
            {props.pupils.map((pupil) => (
              <tr key={pupil.pupilId}>
                <th scope="row">
                  <Link href={`/pupils/${String(pupil.pupilId)}`}>{pupil.name}</Link>
                </th>
                <td>{pupil.className ?? '–'}</td>
                <td class="numeric">{formatRate(pupil.absenceRate)}</td>
                <td class="numeric">{pupil.absent}</td>
                <td class="numeric">{pupil.possible}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
