import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { Alert } from '../domain/policy/evaluate-school.ts';
import { ok, type Result } from '../domain/result.ts';
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
