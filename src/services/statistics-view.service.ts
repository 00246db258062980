import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { Jurisdiction } from '../domain/codes/code-table.ts';
import type { Alert } from '../domain/policy/evaluate-school.ts';
import type { Fraction } from '../domain/policy/fraction.ts';
import type { Policy, Rule } from '../domain/policy/policy.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { absenceOf } from '../domain/statistics/session-counts.ts';
import type { School } from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';
import {
  evaluateStoredSchool,
  summariseBy,
  summariseGroup,
  type GroupSummary,
  type StatisticsError,
  type StoredEvaluation,
} from './school-statistics.service.ts';
import {
  breakDownAttendance,
  prepareBreakdown,
  type AttendanceBreakdown,
} from './attendance-breakdown.service.ts';

export interface AlertGroup {
  readonly rule: string;
  readonly alerts: number;
  readonly pupilCount: number;
  /** Present only when the reader follows pupils up; aggregate readers get the counts. */
  readonly pupils?: { pupilId: number; name: string; alerts: Alert[] }[];
}

export interface SchoolStatistics {
  readonly schoolId: number;
  readonly schoolName: string;
  readonly asOf: IsoDate;
  readonly period: { readonly from: IsoDate | null; readonly to: IsoDate };
  readonly school: GroupSummary;
  readonly byClass: GroupSummary[];
  readonly byYearGroup: GroupSummary[];
  readonly byCohort: GroupSummary[];
  readonly alerts: AlertGroup[];
  readonly policy: PolicySummary;
}

export interface PolicySummary {
  readonly name: string;
  readonly title: string;
  readonly target: number;
  readonly rules: { id: string; title: string; countsIn: 'sessions' | 'school days' }[];
  readonly penaltyNotice: {
    readonly national: string;
    readonly nationalRuleId: string | null;
    readonly localTriggers: { ruleId: string; title: string }[];
  } | null;
}

/** A policy's rate as a number for display; comparisons stay exact in the engine. */
export function rateOf(fraction: Fraction): number {
  return fraction.numerator / fraction.denominator;
}

const NATIONAL_PENALTY_THRESHOLD = '10 unauthorised sessions in 10 school weeks';
// Codes a penalty notice can rest on in England: unauthorised absence, holiday included.
const PENALTY_CODES = new Set(['UNAUTH', 'G', 'N', 'O', 'U']);

function isNationalPenaltyRule(rule: Rule): boolean {
  return (
    rule.kind === 'count-in-window' &&
    rule.threshold === 10 &&
    rule.window.kind === 'rolling-school-weeks' &&
    rule.window.weeks === 10 &&
    rule.codes.length === 1 &&
    rule.codes[0] === 'UNAUTH' &&
    rule.onlyWhen === null
  );
}

/**
 * Rule titles, the target, and in England which rule carries the national penalty-notice
 * threshold: some schools still publish local triggers (Hertfordshire's 15 sessions over two
 * terms, holiday fines) which may prompt a look but are never the legal basis for a notice.
 */
export function describePolicy(policy: Policy, jurisdiction: Jurisdiction): PolicySummary {
  const national = policy.rules.find(isNationalPenaltyRule);
  return {
    name: policy.name,
    title: policy.title,
    target: rateOf(policy.target),
    rules: policy.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      countsIn: rule.kind === 'consecutive-days' ? 'school days' : 'sessions',
    })),
    penaltyNotice:
      jurisdiction === 'england'
        ? {
            national: NATIONAL_PENALTY_THRESHOLD,
            nationalRuleId: national?.id ?? null,
            localTriggers: policy.rules
              .filter(
                (rule) =>
                  rule !== national &&
                  rule.kind === 'count-in-window' &&
                  rule.codes.every((code) => PENALTY_CODES.has(code)),
              )
              .map((rule) => ({ ruleId: rule.id, title: rule.title })),
          }
        : null,
  };
}

/** Alerts per rule, in rule order of first appearance; pupils listed only when asked for. */
export function groupAlertsByRule(stored: StoredEvaluation, includePupils: boolean): AlertGroup[] {
  const groups = new Map<string, Map<number, { name: string; alerts: Alert[] }>>();
  stored.register.pupils.forEach((pupil, index) => {
    for (const alert of stored.evaluation.pupils[index]?.alerts ?? []) {
      const pupils = groups.get(alert.rule) ?? new Map<number, { name: string; alerts: Alert[] }>();
      const entry = pupils.get(pupil.pupilId) ?? { name: pupil.displayName, alerts: [] };
      entry.alerts.push(alert);
      pupils.set(pupil.pupilId, entry);
      groups.set(alert.rule, pupils);
    }
  });
  const ruleOrder = stored.policy.rules.map((rule) => rule.id);
  return [...groups.entries()]
    .sort(([a], [b]) => ruleOrder.indexOf(a) - ruleOrder.indexOf(b))
    .map(([rule, pupils]) => ({
      rule,
      alerts: [...pupils.values()].reduce((sum, pupil) => sum + pupil.alerts.length, 0),
      pupilCount: pupils.size,
      ...(includePupils
        ? {
            pupils: [...pupils.entries()].map(([pupilId, pupil]) => ({
              pupilId,
              name: pupil.name,
              alerts: pupil.alerts,
            })),
          }
        : {}),
    }));
}

/** A school's statistics as of a date: whole school, per class, year group and cohort. */
export async function describeSchoolStatistics(
  db: Executor,
  query: { schoolId: number; asOf: IsoDate; includePupils: boolean },
): Promise<Result<SchoolStatistics, StatisticsError>> {
  const evaluated = await evaluateStoredSchool(db, query.schoolId, query.asOf);
  if (!evaluated.ok) return evaluated;
  const stored = evaluated.value;
  return ok({
    schoolId: stored.register.school.id,
    schoolName: stored.register.school.name,
    asOf: query.asOf,
    period: stored.evaluation.period,
    school: summariseGroup('school', stored.register.school.name, stored.evaluation.pupils),
    byClass: summariseBy(stored, 'class'),
    byYearGroup: summariseBy(stored, 'year-group'),
    byCohort: summariseBy(stored, 'cohort'),
    alerts: groupAlertsByRule(stored, query.includePupils),
    policy: describePolicy(stored.policy, stored.register.jurisdiction),
  });
}

/** Figures for several schools (a trust, an authority) and their total, summed over pupils. */
export async function describeSchoolsStatistics(
  db: Executor,
  query: { schools: readonly School[]; asOf: IsoDate },
): Promise<
  Result<{ schools: (GroupSummary & { schoolId: number })[]; total: GroupSummary }, StatisticsError>
> {
  const schools: (GroupSummary & { schoolId: number })[] = [];
  const everyPupil = [];
  for (const school of query.schools) {
    const evaluated = await evaluateStoredSchool(db, school.id, query.asOf);
    if (!evaluated.ok) return evaluated;
    const pupils = evaluated.value.evaluation.pupils;
    everyPupil.push(...pupils);
    schools.push({
      ...summariseGroup(String(school.id), school.name, pupils),
      schoolId: school.id,
    });
  }
  return ok({ schools, total: summariseGroup('total', 'All schools', everyPupil) });
}

export type DashboardScope =
  | { readonly kind: 'school' }
  | { readonly kind: 'class'; readonly classId: number }
  | { readonly kind: 'year-group'; readonly yearGroupId: number };

export interface Absentee {
  readonly pupilId: number;
  readonly name: string;
  readonly className: string | null;
  readonly yearGroup: string | null;
  readonly possible: number;
  readonly absent: number;
  readonly absenceRate: number;
  readonly severe: boolean;
}

export interface Dashboard extends AttendanceBreakdown {
  readonly schoolId: number;
  readonly schoolName: string;
  readonly asOf: IsoDate;
  readonly period: { readonly from: IsoDate | null; readonly to: IsoDate };
  readonly scope: { kind: DashboardScope['kind']; id: number | null; label: string };
  readonly target: number;
  readonly summary: GroupSummary;
  readonly byCohort: GroupSummary[];
  readonly classes: { id: number; label: string }[];
  readonly yearGroups: { id: number; label: string }[];
  readonly absentees?: Absentee[];
}

export type DashboardError = StatisticsError | { readonly kind: 'group-not-found' };

/**
 * A school's, class's or year group's dashboard: the engine's year-to-date figures, the weekly
 * trend, absence by code and weekday, cohorts and (for those who follow pupils up) the
 * persistent and severe absentees, most absent first.
 */
export async function describeDashboard(
  db: Executor,
  query: { schoolId: number; asOf: IsoDate; scope: DashboardScope; includePupils: boolean },
): Promise<Result<Dashboard, DashboardError>> {
  const evaluated = await evaluateStoredSchool(db, query.schoolId, query.asOf);
  if (!evaluated.ok) return evaluated;
  const stored = evaluated.value;
  const { register, evaluation } = stored;
  const { scope } = query;
  const indexes: number[] = [];
  register.pupils.forEach((pupil, index) => {
    if (
      scope.kind === 'school' ||
      (scope.kind === 'class' && pupil.classId === scope.classId) ||
      (scope.kind === 'year-group' && pupil.yearGroupId === scope.yearGroupId)
    )
      indexes.push(index);
  });
  const first = register.pupils[indexes[0] ?? -1];
  if (scope.kind !== 'school' && first === undefined) return err({ kind: 'group-not-found' });
  const label =
    scope.kind === 'school'
      ? register.school.name
      : scope.kind === 'class'
        ? (first?.className ?? 'Class')
        : `Year ${first?.nationalCurriculumYear ?? ''}`;
  const evaluations = indexes.flatMap((index) => evaluation.pupils[index] ?? []);
  const inScope: StoredEvaluation = {
    ...stored,
    register: { ...register, pupils: indexes.flatMap((index) => register.pupils[index] ?? []) },
    evaluation: { ...evaluation, pupils: evaluations },
  };
  const absentees: Absentee[] = [];
  for (const index of indexes) {
    const pupil = register.pupils[index];
    const pupilEvaluation = evaluation.pupils[index];
    if (!pupil || !pupilEvaluation?.persistentAbsence) continue;
    const { sessions } = pupilEvaluation;
    absentees.push({
      pupilId: pupil.pupilId,
      name: pupil.displayName,
      className: pupil.className,
      yearGroup: pupil.nationalCurriculumYear,
      possible: sessions.possible,
      absent: absenceOf(sessions),
      absenceRate: pupilEvaluation.absenceRate ?? 0,
      severe: pupilEvaluation.severeAbsence,
    });
  }
  absentees.sort((a, b) => b.absenceRate - a.absenceRate || a.name.localeCompare(b.name));
  return ok({
    schoolId: register.school.id,
    schoolName: register.school.name,
    asOf: query.asOf,
    period: evaluation.period,
    scope: {
      kind: scope.kind,
      id:
        scope.kind === 'class'
          ? scope.classId
          : scope.kind === 'year-group'
            ? scope.yearGroupId
            : null,
      label,
    },
    target: rateOf(stored.policy.target),
    summary: summariseGroup(scope.kind, label, evaluations),
    ...breakDownAttendance(prepareBreakdown(register, query.asOf), register, indexes),
    byCohort: summariseBy(inScope, 'cohort'),
    classes: listGroups(register.pupils, (pupil) =>
      pupil.classId === null ? null : [pupil.classId, pupil.className ?? 'Class'],
    ),
    yearGroups: listGroups(register.pupils, (pupil) =>
      pupil.yearGroupId === null
        ? null
        : [pupil.yearGroupId, `Year ${pupil.nationalCurriculumYear ?? ''}`],
    ),
    ...(query.includePupils ? { absentees } : {}),
  });
}

function listGroups<T>(
  items: readonly T[],
  keyOf: (item: T) => [number, string] | null,
): { id: number; label: string }[] {
  const groups = new Map<number, string>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) groups.set(key[0], key[1]);
  }
  return [...groups.entries()]
    .map(([id, label]) => ({ id, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB', { numeric: true }));
}
