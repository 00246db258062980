import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { compilePolicy } from '../domain/policy/compile-policy.ts';
import {
  evaluateSchool,
  preparePolicy,
  type PupilEvaluation,
  type SchoolEvaluation,
} from '../domain/policy/evaluate-school.ts';
import type { Policy } from '../domain/policy/policy.ts';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import {
  absenceRateOf,
  addSessionCounts,
  attendanceRateOf,
  emptySessionCounts,
  type SessionCounts,
} from '../domain/statistics/session-counts.ts';
import { buildPolicyLibrary } from '../scenario/policy-library.ts';
import { writeScenario } from '../scenario/write-scenario.ts';
import type { School } from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';
import {
  loadSchoolRegister,
  type LoadRegisterError,
  type SchoolRegister,
} from './school-register.service.ts';

export type StatisticsError =
  | LoadRegisterError
  | { readonly kind: 'policy-invalid'; readonly problems: readonly InputProblem[] };

/** The policy a school has chosen: its preset or its own file, with its setting overrides. */
export function resolveSchoolPolicy(school: School): Result<Policy, InputProblem[]> {
  const custom =
    school.customPolicyYaml === null
      ? []
      : [{ text: school.customPolicyYaml, file: `${school.name} policy` }];
  const library = buildPolicyLibrary(custom);
  if (!library.ok) return library;
  const overrides: Record<string, number> = {};
  for (const [key, value] of Object.entries(school.policySettings))
    if (typeof value === 'number') overrides[key] = value;
  return compilePolicy(library.value, school.policyPreset, overrides);
}

export interface StoredEvaluation {
  readonly register: SchoolRegister;
  readonly policy: Policy;
  readonly evaluation: SchoolEvaluation;
}

/** Run the engine on a school's stored register: the same answers `rollcall evaluate` gives. */
export async function evaluateStoredSchool(
  db: Executor,
  schoolId: number,
  asOf: IsoDate,
): Promise<Result<StoredEvaluation, StatisticsError>> {
  const register = await loadSchoolRegister(db, schoolId);
  if (!register.ok) return register;
  return evaluateRegister(register.value, asOf);
}

/** Evaluate an already-loaded register as of a date. */
export function evaluateRegister(
  register: SchoolRegister,
  asOf: IsoDate,
): Result<StoredEvaluation, StatisticsError> {
  const policy = resolveSchoolPolicy(register.school);
  if (!policy.ok) return err({ kind: 'policy-invalid', problems: policy.error });
  const prepared = preparePolicy(policy.value, register.calendar, register.jurisdiction, asOf);
  if (!prepared.ok) return err({ kind: 'policy-invalid', problems: prepared.error });
  const evaluation = evaluateSchool(
    prepared.value,
    register.pupils.map((pupil) => pupil.attendance),
  );
  return ok({ register, policy: policy.value, evaluation });
}

/** Totals for a group of pupils: sessions summed over enrolments, as the DfE does. */
export interface GroupSummary {
  readonly key: string;
  readonly label: string;
  readonly pupils: number;
  readonly sessions: SessionCounts;
  readonly attendanceRate: number | null;
  readonly absenceRate: number | null;
  readonly persistentAbsenceCount: number;
  readonly severeAbsenceCount: number;
}

/** Sum pupil evaluations into a group summary. */
export function summariseGroup(
  key: string,
  label: string,
  pupils: readonly PupilEvaluation[],
): GroupSummary {
  const sessions = emptySessionCounts();
  let persistent = 0;
  let severe = 0;
  for (const pupil of pupils) {
    addSessionCounts(sessions, pupil.sessions);
    if (pupil.persistentAbsence) persistent++;
    if (pupil.severeAbsence) severe++;
  }
  return {
    key,
    label,
    pupils: pupils.length,
    sessions,
    attendanceRate: attendanceRateOf(sessions),
    absenceRate: absenceRateOf(sessions),
    persistentAbsenceCount: persistent,
    severeAbsenceCount: severe,
  };
}

export type Grouping = 'class' | 'year-group' | 'cohort';

/** Summaries per class, per year group or per cohort flag (fsm, sen, ...), in a stable order. */
export function summariseBy(stored: StoredEvaluation, grouping: Grouping): GroupSummary[] {
  const groups = new Map<string, { label: string; pupils: PupilEvaluation[] }>();
  const add = (key: string, label: string, pupil: PupilEvaluation) => {
    const group = groups.get(key) ?? { label, pupils: [] };
    group.pupils.push(pupil);
    groups.set(key, group);
  };
  stored.register.pupils.forEach((pupil, i) => {
    const evaluation = stored.evaluation.pupils[i];
    if (!evaluation) return;
    if (grouping === 'class')
      add(String(pupil.classId ?? 'none'), pupil.className ?? 'No class', evaluation);
    else if (grouping === 'year-group')
      add(
        String(pupil.yearGroupId ?? 'none'),
        pupil.nationalCurriculumYear ? `Year ${pupil.nationalCurriculumYear}` : 'No year group',
        evaluation,
      );
    else {
      for (const group of pupil.groups) add(group, group, evaluation);
      if (pupil.groups.length === 0) add('none', 'no flags', evaluation);
    }
  });
  return [...groups.entries()]
    .map(([key, group]) => summariseGroup(key, group.label, group.pupils))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB', { numeric: true }));
}

/** A school's stored register as a scenario file, plus its own policy file when it has one. */
export async function exportSchoolScenario(
  db: Executor,
  schoolId: number,
  policyFileName = 'school-policy.yaml',
): Promise<Result<{ scenario: string; policyFile: string | null }, LoadRegisterError>> {
  const loaded = await loadSchoolRegister(db, schoolId);
  if (!loaded.ok) return loaded;
  const register = loaded.value;
  const { school } = register;
  const settings: Record<string, number> = {};
  for (const [key, value] of Object.entries(school.policySettings))
    if (typeof value === 'number') settings[key] = value;
  const scenario = writeScenario({
    schoolName: school.name,
    jurisdiction: register.jurisdiction,
    policy: school.customPolicyYaml === null ? school.policyPreset : policyFileName,
    settings,
    terms: register.terms,
    closures: register.closures,
    calendar: register.calendar,
    pupils: register.pupils.map((pupil) => ({
      id: pupil.attendance.id,
      name: pupil.displayName,
      dob: pupil.dateOfBirth,
      year: pupil.nationalCurriculumYear ?? undefined,
      className: pupil.className ?? undefined,
      groups: pupil.groups,
      attendance: pupil.attendance,
    })),
    contacts: register.pupils.flatMap((pupil) =>
      [...pupil.attendance.reachedContactDays]
        .sort((a, b) => a - b)
        .map((day) => ({
          pupil: pupil.attendance.id,
          date: register.calendar.days[day] ?? '',
          outcome: 'reached' as const,
        })),
    ),
  });
  return ok({ scenario, policyFile: school.customPolicyYaml });
}
