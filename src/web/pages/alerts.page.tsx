import { useState } from 'preact/hooks';
import type { SchoolStatisticsResponse } from '../../contracts/statistics.contract.ts';
import { CaseActions } from '../casework/case-actions.tsx';
import { chooseSchoolId, formatDate } from '../charts/format-figures.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { schoolIdOf, type Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';
import { PenaltyNoticeBasis } from './penalty-notice-basis.tsx';

type AlertGroup = SchoolStatisticsResponse['alerts'][number];
type Alert = NonNullable<AlertGroup['pupils']>[number]['alerts'][number];
type PolicySummary = SchoolStatisticsResponse['policy'];

// Long lists (a ladder rule can name most of a year group) show the latest first, then more
// on request, so the page stays quick to load and to read.
const firstShown = 15;

/** How far back the work list looks: a rule crossed in September is old news by March. */
const ranges = [
  { value: 'today', label: 'Today', days: 0 },
  { value: 'week', label: 'The last 7 days', days: 6 },
  { value: '4-weeks', label: 'The last 4 weeks', days: 27 },
  { value: 'year', label: 'This school year', days: null },
] as const;
type RangeValue = (typeof ranges)[number]['value'];

function startOfRange(asOf: string, range: RangeValue): string {
  const days = ranges.find((candidate) => candidate.value === range)?.days ?? null;
  if (days === null) return '0000-01-01';
  const date = new Date(`${asOf}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** The policy alerts work list: who crossed which threshold, grouped by rule, latest first. */
export function AlertsPage(props: { location: AppLocation; session: Session }) {
  usePageTitle('Policy alerts');
  const [range, setRange] = useState<RangeValue>('4-weeks');
  const schoolId = chooseSchoolId(props.location.query, schoolIdOf(props.session));
  const resource = useApiResource<SchoolStatisticsResponse>(
    schoolId === null ? null : `/api/schools/${String(schoolId)}/statistics`,
  );
  if (schoolId === null)
    return (
      <div class="narrow">
        <h1>Policy alerts</h1>
        <p>Choose a school from your home page to see its alerts.</p>
      </div>
    );
  if (resource.kind === 'loading') return <Loading what="the alerts" />;
  if (resource.kind === 'failed')
    return <ResourceFailure error={resource.error} heading="Policy alerts" />;
  const statistics = resource.value;
  const { policy } = statistics;
  const groups = statistics.alerts;
  const since = startOfRange(statistics.asOf, range);
  const recentPupils = (group: AlertGroup) =>
    (group.pupils ?? []).filter((pupil) => pupil.alerts.some((alert) => alert.date >= since))
      .length;
  return (
    <div>
      <p class="breadcrumb">
        <Link href="/">Home</Link> › Policy alerts
      </p>
      <h1>Policy alerts</h1>
      <p class="lead">
        {statistics.schoolName}: who has crossed a threshold of the school’s policy this year, as of{' '}
        {formatDate(statistics.asOf)}. Most recent first under each rule.
      </p>
      <p class="hint">
        Policy: {policy.title}.{' '}
        <Link href={`/dashboard?school=${String(statistics.schoolId)}`}>School dashboard</Link>
      </p>
      <PenaltyNoticeBasis policy={policy} />
      {props.session.capabilities.includes('manage-follow-up') && (
        <CaseActions
          schoolId={statistics.schoolId}
          date={statistics.asOf}
          ruleTitle={(rule) => titleOf(policy, rule)}
        />
      )}
      <div class="field field-inline">
        <label for="alert-range">Crossed</label>
        <select
          id="alert-range"
          value={range}
          onChange={(event) => {
            setRange(event.currentTarget.value as RangeValue);
          }}
        >
          {ranges.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {groups.length === 0 && <p>No pupil has crossed a threshold this year.</p>}
      <nav aria-label="Rules with alerts" class="rule-index">
        <ul>
          {groups.map((group) => (
            <li key={group.rule}>
              <a href={`#rule-${group.rule}`}>{titleOf(policy, group.rule)}</a>{' '}
              <span class="count">
                {group.pupils === undefined
                  ? `${String(group.pupilCount)} this year`
                  : `${String(recentPupils(group))} of ${String(group.pupilCount)} this year`}
              </span>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <RuleAlerts
          key={`${group.rule}-${range}`}
          group={group}
          policy={policy}
          asOf={statistics.asOf}
          since={since}
        />
      ))}
    </div>
  );
}

function titleOf(policy: PolicySummary, rule: string): string {
  return policy.rules.find((candidate) => candidate.id === rule)?.title ?? rule;
}

function RuleAlerts(props: {
  group: AlertGroup;
  policy: PolicySummary;
  asOf: string;
  since: string;
}) {
  const { group, policy } = props;
  const [showAll, setShowAll] = useState(false);
  const rows = (group.pupils ?? [])
    .flatMap((pupil) => pupil.alerts.map((alert) => ({ pupil, alert })))
    .filter(({ alert }) => alert.date >= props.since)
    .sort(
      (a, b) =>
        b.alert.date.localeCompare(a.alert.date) ||
        b.alert.session.localeCompare(a.alert.session) ||
        a.pupil.name.localeCompare(b.pupil.name),
    );
  const shown = showAll ? rows : rows.slice(0, firstShown);
  const basis = policy.penaltyNotice;
  const isNational = basis?.nationalRuleId === group.rule;
  const isLocalTrigger = basis?.localTriggers.some((trigger) => trigger.ruleId === group.rule);
  const headingId = `rule-${group.rule}`;
  return (
    <section class="rule-alerts" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {titleOf(policy, group.rule)}
      </h2>
      <p class="rule-meta">
        <code>{group.rule}</code> · {group.alerts} {group.alerts === 1 ? 'alert' : 'alerts'} for{' '}
        {group.pupilCount} {group.pupilCount === 1 ? 'pupil' : 'pupils'}
        {isNational && <span class="tag tag-legal">Legal basis for a penalty notice</span>}
        {isLocalTrigger === true && (
          <span class="tag tag-local">School’s local trigger: not the legal basis</span>
        )}
      </p>
      {group.pupils === undefined ? (
        <p class="hint">Pupils are named only for those who follow them up.</p>
      ) : rows.length === 0 ? (
        <p class="hint">Nobody crossed it in this period.</p>
      ) : (
        <>
          <table class="data-table alert-table">
            <caption class="visually-hidden">
              Pupils who crossed: {titleOf(policy, group.rule)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Pupil</th>
                <th scope="col">Crossed on</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ pupil, alert }) => (
                <tr key={`${String(pupil.pupilId)}-${alert.date}-${alert.session}`}>
                  <th scope="row">
                    <Link href={`/pupils/${String(pupil.pupilId)}`}>{pupil.name}</Link>
                  </th>
                  <td>
                    {formatDate(alert.date)} {alert.session}
                    {alert.date === props.asOf && <span class="tag tag-current">Today</span>}
                  </td>
                  <td>{describeEvidence(alert, policy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > firstShown && (
            <button
              type="button"
              class="button"
              aria-expanded={showAll}
              onClick={() => {
                setShowAll(!showAll);
              }}
            >
              {showAll
                ? `Show the latest ${String(firstShown)}`
                : `Show all ${String(rows.length)}`}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The sessions behind an alert, in words: "10 sessions, from Mon 4 Nov 2024 to Fri 6 Dec 2024
 * PM", or "3 school days, ..." for a rule that counts a run of whole days.
 */
export function describeEvidence(
  alert: Alert,
  policy: { readonly rules: readonly Pick<PolicySummary['rules'][number], 'id' | 'countsIn'>[] },
): string {
  const parts: string[] = [];
  const countsIn = policy.rules.find((rule) => rule.id === alert.rule)?.countsIn ?? 'sessions';
  if (alert.count !== undefined) {
    const unit = countsIn === 'school days' ? 'school day' : 'session';
    parts.push(`${String(alert.count)} ${unit}${alert.count === 1 ? '' : 's'}`);
  }
  if (alert.from !== undefined)
    parts.push(`from ${formatDate(alert.from)} to ${formatDate(alert.date)} ${alert.session}`);
  if (alert.detail !== undefined) parts.push(alert.detail);
  return parts.length === 0 ? 'Year-to-date figures at the end of the week' : parts.join(', ');
}
