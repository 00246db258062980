import type { IsoDate } from '../calendar/plain-date.ts';
import type { SchoolCalendar } from '../calendar/school-calendar.ts';
import { membershipOf } from '../codes/code-registry.ts';
import { codesOfNamedSet, isNamedCodeSet } from '../codes/code-sets.ts';
import type { Jurisdiction } from '../codes/code-table.ts';
import { findCode } from '../codes/code-tables.ts';
import type { InputProblem } from '../problem.ts';
import { err, ok, type Result } from '../result.ts';
import {
  codeKeyOf,
  createAttendanceContext,
  type AttendanceContext,
  type PupilAttendance,
} from '../statistics/attendance-context.ts';
import {
  createPupilScan,
  periodStatistics,
  scanPupil,
  type PupilScan,
} from '../statistics/pupil-scan.ts';
import {
  absenceRateOf,
  addSessionCounts,
  attendanceRateOf,
  emptySessionCounts,
  isPersistentAbsence,
  isSevereAbsence,
  type SessionCounts,
} from '../statistics/session-counts.ts';
import type { CodeSelector, Policy } from './policy.ts';
import {
  prepareCountInWindow,
  runCountInWindow,
  type PreparedCountInWindow,
} from './rules/count-in-window.ts';
import { AlertBuffer } from './rules/alert-buffer.ts';
import { CodeSetEvents } from './rules/code-set-events.ts';
import { runConsecutiveDays, type PreparedConsecutiveDays } from './rules/consecutive-days.ts';
import type { Alert, RuleRun } from './rules/rule-run.ts';
import {
  prepareUnresolvedMark,
  runUnresolvedMark,
  type PreparedUnresolvedMark,
} from './rules/unresolved-mark.ts';
import { YearToDate } from './rules/year-to-date.ts';
import {
  createWeeklyRateState,
  prepareWeeklyRates,
  runWeeklyRates,
  type PreparedWeeklyRates,
  type WeeklyRateEntry,
  type WeeklyRateState,
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

/** A policy bound to a calendar: code sets resolved to membership arrays by code key. */
export interface PreparedPolicy {
  readonly context: AttendanceContext;
  /** Every rule id, sorted as strings: the alert order within a session, indexed by rank. */
  readonly ruleIds: readonly string[];
  /** The distinct code sets of the rules, as membership by code key (see CodeSetEvents). */
  readonly codeSets: readonly Uint8Array[];
  /** Per code set, the fewest of a pupil's events in it that any rule reading it needs. */
  readonly codeSetMinimums: Int32Array;
  readonly countRules: readonly PreparedCountInWindow[];
  readonly dayRules: readonly PreparedConsecutiveDays[];
  readonly weeklyRates: PreparedWeeklyRates;
  readonly unresolvedRules: readonly PreparedUnresolvedMark[];
}

/**
 * Resolve a rule's codes against the jurisdiction's tables, or say which code is not known. The
 * result is a membership array by code key (codeKeyOf), covering every table of the context.
 */
function resolveCodes(
  context: AttendanceContext,
  ruleId: string,
  selector: CodeSelector,
  problems: InputProblem[],
): Uint8Array {
  for (const code of selector) {
    if (isNamedCodeSet(code)) continue;
    if (!context.segments.some((segment) => findCode(segment.table, code) !== undefined))
      problems.push({
        field: `rules.${ruleId}`,
        message: `code "${code}" is not an attendance code in ${context.jurisdiction === 'wales' ? 'Wales' : 'England'}`,
      });
  }
  const members = new Uint8Array(codeKeyOf(context.segments.length, 0));
  context.segments.forEach((segment, index) => {
    const codes = selector.flatMap((code) =>
      isNamedCodeSet(code) ? [...codesOfNamedSet(segment.table, code)] : [code],
    );
    members.set(membershipOf(codes), codeKeyOf(index, 0));
  });
  return members;
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
  const ruleIds = [...new Set(policy.rules.map((rule) => rule.id))].sort();
  // Rules that share a code set (ABSENT, UNAUTH, ...) share one list of the pupil's events in it.
  const codeSets: Uint8Array[] = [];
  const codeSetIndex = new Map<string, number>();
  const codeSetOf = (ruleId: string, selector: CodeSelector): number => {
    const members = resolveCodes(context, ruleId, selector, problems);
    const key = members.join('');
    let index = codeSetIndex.get(key);
    if (index === undefined) {
      index = codeSets.push(members) - 1;
      codeSetIndex.set(key, index);
    }
    return index;
  };
  const countRules: PreparedCountInWindow[] = [];
  const dayRules: PreparedConsecutiveDays[] = [];
  const weeklyRules: WeeklyRateEntry[] = [];
  const unresolvedRules: PreparedUnresolvedMark[] = [];
  for (const rule of policy.rules) {
    const rank = ruleIds.indexOf(rule.id);
    switch (rule.kind) {
      case 'count-in-window':
        countRules.push(prepareCountInWindow(context, rule, rank, codeSetOf(rule.id, rule.codes)));
        break;
      case 'consecutive-days':
        dayRules.push({
          rule,
          rank,
          days: rule.days,
          breakOnReachedContact: rule.breakOnReachedContact,
          codeSet: codeSetOf(rule.id, rule.codes),
        });
        break;
      case 'weekly-rate':
        weeklyRules.push({
          rule,
          rank,
          alsoCodeSet: rule.alsoRequires ? codeSetOf(rule.id, rule.alsoRequires.codes) : -1,
        });
        break;
      case 'unresolved-mark':
        resolveCodes(context, rule.id, [rule.code], problems);
        unresolvedRules.push(prepareUnresolvedMark(rule, rank));
        break;
    }
  }
  if (problems.length > 0) return err(problems);
  // A rule returns before it reads its set's events when the pupil has fewer than this many
  // (count-in-window: its threshold; consecutive days: both sessions of each day), so a set is
  // only listed for a pupil who has that many; a weekly rule's `alsoRequires` set always is.
  const codeSetMinimums = new Int32Array(codeSets.length).fill(0x7fffffff);
  const needs = (codeSet: number, events: number): void => {
    codeSetMinimums[codeSet] = Math.min(codeSetMinimums[codeSet]!, Math.max(0, events));
  };
  for (const rule of countRules) needs(rule.codeSet, rule.rule.threshold);
  for (const rule of dayRules) needs(rule.codeSet, rule.days * 2);
  for (const entry of weeklyRules) if (entry.alsoCodeSet >= 0) needs(entry.alsoCodeSet, 0);
  return ok({
    context,
    ruleIds,
    codeSets,
    codeSetMinimums,
    countRules,
    dayRules,
    weeklyRates: prepareWeeklyRates(weeklyRules, context),
    unresolvedRules,
  });
}

/**
 * Evaluates pupils one at a time against a prepared policy. One scan, one rule run and one alert
 * buffer serve every pupil in turn: allocating them per pupil cost more than the rules
 * themselves (bench/suites/engine.bench.ts).
 */
class PupilEvaluator {
  private readonly scan: PupilScan;
  private readonly weeklyState: WeeklyRateState;
  private readonly run: { -readonly [K in keyof RuleRun]: RuleRun[K] };

  constructor(private readonly prepared: PreparedPolicy) {
    const { context } = prepared;
    this.scan = createPupilScan(context);
    this.weeklyState = createWeeklyRateState(context, prepared.weeklyRates);
    this.run = {
      context,
      scan: this.scan,
      reachedContactDays: new Set<number>(),
      events: new CodeSetEvents(
        prepared.codeSets,
        prepared.codeSetMinimums,
        this.scan.sessions.length,
      ),
      alerts: new AlertBuffer(prepared.ruleIds, context.calendar.days),
      yearToDate: new YearToDate(context),
    };
  }

  /**
   * One pupil's statistics and alerts. A method of its own rather than the body of the school's
   * loop, so that it is optimised as a whole, and not compiled mid-loop on the first call and
   * abandoned at the first statement after the loop on every call after.
   */
  evaluate(pupil: PupilAttendance): PupilEvaluation {
    const { prepared, scan, run } = this;
    const { context, countRules, dayRules, weeklyRates, unresolvedRules } = prepared;
    scanPupil(context, pupil, scan);
    run.events.fill(scan);
    run.alerts.clear();
    run.reachedContactDays = pupil.reachedContactDays;
    for (const countRule of countRules) runCountInWindow(run, countRule);
    for (const dayRule of dayRules) runConsecutiveDays(run, dayRule);
    runWeeklyRates(run, weeklyRates, this.weeklyState);
    for (const unresolvedRule of unresolvedRules) runUnresolvedMark(run, unresolvedRule);
    const alerts = run.alerts.sortedAlerts();
    const { codes, sessions } = periodStatistics(context, scan);
    return {
      id: pupil.id,
      codes,
      sessions,
      attendanceRate: attendanceRateOf(sessions),
      absenceRate: absenceRateOf(sessions),
      persistentAbsence: isPersistentAbsence(sessions),
      severeAbsence: isSevereAbsence(sessions),
      alerts,
    };
  }
}

/** Evaluate every pupil: period statistics and every rule occurrence up to as-of. */
export function evaluateSchool(
  prepared: PreparedPolicy,
  pupils: readonly PupilAttendance[],
): SchoolEvaluation {
  const evaluator = new PupilEvaluator(prepared);
  const totals = emptySessionCounts();
  let persistent = 0;
  let severe = 0;
  const results: PupilEvaluation[] = [];
  for (const pupil of pupils) {
    const result = evaluator.evaluate(pupil);
    addSessionCounts(totals, result.sessions);
    if (result.persistentAbsence) persistent++;
    if (result.severeAbsence) severe++;
    results.push(result);
  }
  const { calendar, periodFirstDay, asOf } = prepared.context;
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
