import type { IsoDate } from '../calendar/plain-date.ts';
import type { SchoolCalendar } from '../calendar/school-calendar.ts';
import { membershipOf } from '../codes/code-registry.ts';
import { codesOfNamedSet, isNamedCodeSet } from '../codes/code-sets.ts';
import type { Jurisdiction } from '../codes/code-table.ts';
import { findCode } from '../codes/code-tables.ts';
import type { InputProblem } from '../problem.ts';
import { err, ok, type Result } from '../result.ts';
import {
  createAttendanceContext,
  type AttendanceContext,
  type PupilAttendance,
} from '../statistics/attendance-context.ts';
import { createPupilScan, periodStatistics, scanPupil } from '../statistics/pupil-scan.ts';
import {
  absenceRateOf,
  addSessionCounts,
  attendanceRateOf,
  emptySessionCounts,
  isPersistentAbsence,
  isSevereAbsence,
  type SessionCounts,
} from '../statistics/session-counts.ts';
import type { CodeSelector, Policy, Rule } from './policy.ts';
import { runConsecutiveDays } from './rules/consecutive-days.ts';
import {
  prepareCountInWindow,
  runCountInWindow,
  type PreparedCountInWindow,
} from './rules/count-in-window.ts';
import { alertAt, type Alert, type RaisedAlert, type RuleRun } from './rules/rule-run.ts';
import { runUnresolvedMark } from './rules/unresolved-mark.ts';
import {
  createWeeklyRateState,
  prepareWeeklyRates,
  runWeeklyRates,
  type PreparedWeeklyRates,
  type WeeklyRateEntry,
} from './rules/weekly-rate.ts';

export type { Alert };

export interface PupilEvaluation {
  readonly id: string;
  readonly codes: Record<string, number>;
  readonly sessions: SessionCounts;
  readonly attendanceRate: number | null;
  readonly absenceRate: number | null;
  readonly persistentAbsence: boolean;
  readonly severeAbsence: boolean;
  readonly alerts: readonly Alert[];
}

export interface SchoolSummary {
  readonly possible: number;
  readonly attended: number;
  readonly authorisedAbsence: number;
  readonly unauthorisedAbsence: number;
  readonly attendanceRate: number | null;
  readonly absenceRate: number | null;
  readonly persistentAbsenceCount: number;
  readonly severeAbsenceCount: number;
}

/** The evaluation contract (scenario-format.md, "Output"). */
export interface SchoolEvaluation {
  readonly format: 'rollcall-evaluation/1';
  readonly asOf: IsoDate;
  readonly period: { readonly from: IsoDate | null; readonly to: IsoDate };
  readonly school: SchoolSummary;
  readonly pupils: readonly PupilEvaluation[];
}

/** A policy bound to a calendar: code sets resolved to membership arrays per code table. */
export interface PreparedPolicy {
  readonly context: AttendanceContext;
  readonly countRules: readonly PreparedCountInWindow[];
  readonly dayRules: readonly {
    rule: Extract<Rule, { kind: 'consecutive-days' }>;
    members: Uint8Array[];
  }[];
  readonly weeklyRates: PreparedWeeklyRates;
  readonly unresolvedRules: readonly Extract<Rule, { kind: 'unresolved-mark' }>[];
}

/** Resolve a rule's codes against the jurisdiction's tables, or say which code is not known. */
function resolveCodes(
  context: AttendanceContext,
  ruleId: string,
  selector: CodeSelector,
  problems: InputProblem[],
): Uint8Array[] {
  for (const code of selector) {
    if (isNamedCodeSet(code)) continue;
    if (!context.segments.some((segment) => findCode(segment.table, code) !== undefined))
      problems.push({
        field: `rules.${ruleId}`,
        message: `code "${code}" is not an attendance code in ${context.jurisdiction === 'wales' ? 'Wales' : 'England'}`,
      });
  }
  return context.segments.map((segment) =>
    membershipOf(
      selector.flatMap((code) =>
        isNamedCodeSet(code) ? [...codesOfNamedSet(segment.table, code)] : [code],
      ),
    ),
  );
}

/** Bind a policy to a calendar and as-of date. */
export function preparePolicy(
  policy: Policy,
  calendar: SchoolCalendar,
  jurisdiction: Jurisdiction,
  asOf: IsoDate,
): Result<PreparedPolicy, InputProblem[]> {
  const context = createAttendanceContext(calendar, jurisdiction, asOf);
  const problems: InputProblem[] = [];
  const countRules: PreparedCountInWindow[] = [];
  const dayRules: PreparedPolicy['dayRules'][number][] = [];
  const weeklyRules: WeeklyRateEntry[] = [];
  const unresolvedRules: PreparedPolicy['unresolvedRules'][number][] = [];
  for (const rule of policy.rules) {
    switch (rule.kind) {
      case 'count-in-window':
        countRules.push(
          prepareCountInWindow(context, rule, resolveCodes(context, rule.id, rule.codes, problems)),
        );
        break;
      case 'consecutive-days':
        dayRules.push({ rule, members: resolveCodes(context, rule.id, rule.codes, problems) });
        break;
      case 'weekly-rate':
        weeklyRules.push({
          rule,
          alsoMembers: rule.alsoRequires
            ? resolveCodes(context, rule.id, rule.alsoRequires.codes, problems)
            : null,
        });
        break;
      case 'unresolved-mark':
        resolveCodes(context, rule.id, [rule.code], problems);
        unresolvedRules.push(rule);
        break;
    }
  }
  if (problems.length > 0) return err(problems);
  return ok({
    context,
    countRules,
    dayRules,
    weeklyRates: prepareWeeklyRates(weeklyRules),
    unresolvedRules,
  });
}

function compareRaised(a: RaisedAlert, b: RaisedAlert): number {
  if (a.session !== b.session) return a.session - b.session;
  return a.alert.rule < b.alert.rule ? -1 : a.alert.rule > b.alert.rule ? 1 : 0;
}

/**
 * Sort a pupil's alerts by session, then rule. A pupil has a handful, and an insertion sort
 * (stable, like Array.prototype.sort) avoids the built-in sort's per-call overhead.
 */
function sortRaised(raised: RaisedAlert[]): void {
  for (let i = 1; i < raised.length; i++) {
    const entry = raised[i]!;
    let j = i;
    while (j > 0 && compareRaised(raised[j - 1]!, entry) > 0) {
      raised[j] = raised[j - 1]!;
      j--;
    }
    raised[j] = entry;
  }
}

/** Evaluate every pupil: period statistics and every rule occurrence up to as-of. */
export function evaluateSchool(
  prepared: PreparedPolicy,
  pupils: readonly PupilAttendance[],
): SchoolEvaluation {
  const { context } = prepared;
  // One scan, one rule run and one alert buffer serve every pupil in turn: allocating them per
  // pupil cost more than the rules themselves (bench/suites/engine.bench.ts).
  const scan = createPupilScan(context);
  const weeklyState = createWeeklyRateState(context, scan, prepared.weeklyRates);
  const raised: RaisedAlert[] = [];
  const run: { -readonly [K in keyof RuleRun]: RuleRun[K] } = {
    context,
    scan,
    reachedContactDays: new Set<number>(),
    raise(rule, session, extra) {
      raised.push({ session, alert: alertAt(context, rule, session, extra) });
    },
  };
  const totals = emptySessionCounts();
  let persistent = 0;
  let severe = 0;
  const results = pupils.map((pupil): PupilEvaluation => {
    scanPupil(context, pupil, scan);
    raised.length = 0;
    run.reachedContactDays = pupil.reachedContactDays;
    for (const countRule of prepared.countRules) runCountInWindow(run, countRule);
    for (const { rule, members } of prepared.dayRules) runConsecutiveDays(run, rule, members);
    runWeeklyRates(run, prepared.weeklyRates, weeklyState);
    for (const rule of prepared.unresolvedRules) runUnresolvedMark(run, rule);
    sortRaised(raised);
    const alerts: Alert[] = [];
    for (const entry of raised) alerts.push(entry.alert);

    const { codes, sessions } = periodStatistics(context, scan);
    addSessionCounts(totals, sessions);
    const isPersistent = isPersistentAbsence(sessions);
    const isSevere = isSevereAbsence(sessions);
    if (isPersistent) persistent++;
    if (isSevere) severe++;
    return {
      id: pupil.id,
      codes,
      sessions,
      attendanceRate: attendanceRateOf(sessions),
      absenceRate: absenceRateOf(sessions),
      persistentAbsence: isPersistent,
      severeAbsence: isSevere,
      alerts,
    };
  });
  const { calendar, periodFirstDay, asOf } = context;
  return {
    format: 'rollcall-evaluation/1',
    asOf,
    period: { from: calendar.days[periodFirstDay] ?? null, to: asOf },
    school: {
      possible: totals.possible,
      attended: totals.attended,
      authorisedAbsence: totals.authorisedAbsence,
      unauthorisedAbsence: totals.unauthorisedAbsence,
      attendanceRate: attendanceRateOf(totals),
      absenceRate: absenceRateOf(totals),
      persistentAbsenceCount: persistent,
      severeAbsenceCount: severe,
    },
    pupils: results,
  };
}
