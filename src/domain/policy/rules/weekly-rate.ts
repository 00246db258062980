import type { AttendanceContext } from '../../statistics/attendance-context.ts';
import type { PupilScan } from '../../statistics/pupil-scan.ts';
import type { WeeklyRateRule } from '../policy.ts';
import type { RuleRun } from './rule-run.ts';
import { compileRateCondition, YearToDate, type RateTest } from './year-to-date.ts';

export interface WeeklyRateEntry {
  readonly rule: WeeklyRateRule;
  /** Membership of the rule's `alsoRequires` codes per code table, when it has one. */
  readonly alsoMembers: readonly Uint8Array[] | null;
}

/** One weekly rule as the per-week loop reads it: numbers and flags, no strings to compare. */
export interface PreparedWeeklyRate {
  readonly ruleId: string;
  readonly test: RateTest;
  readonly minPossible: number;
  /** Index in PreparedWeeklyRates.tracked of the `alsoRequires` codes, or -1 without one. */
  readonly trackedIndex: number;
  readonly trackedAtLeast: number;
}

/** A policy's weekly rules with what is the same for every pupil worked out once. */
export interface PreparedWeeklyRates {
  readonly entries: readonly WeeklyRateEntry[];
  readonly rates: readonly PreparedWeeklyRate[];
  /** The distinct `alsoRequires` code sets that year-to-date totals must count. */
  readonly tracked: readonly (readonly Uint8Array[])[];
}

/** What runWeeklyRates keeps between weeks, allocated once per evaluation and reused by pupils. */
export interface WeeklyRateState {
  readonly yearToDate: YearToDate;
  /** Per entry, 1 while the rule may fire (it has not held since it was last re-armed). */
  readonly armed: Uint8Array;
}

/** Gather the tracked code sets of a policy's weekly rules, once per policy. */
export function prepareWeeklyRates(entries: readonly WeeklyRateEntry[]): PreparedWeeklyRates {
  const tracked = entries.flatMap((entry) => (entry.alsoMembers ? [entry.alsoMembers] : []));
  const rates = entries.map(({ rule, alsoMembers }): PreparedWeeklyRate => ({
    ruleId: rule.id,
    test: compileRateCondition(rule.condition),
    minPossible: rule.minPossible,
    trackedIndex: alsoMembers ? tracked.indexOf(alsoMembers) : -1,
    trackedAtLeast: rule.alsoRequires?.atLeast ?? 0,
  }));
  return { entries, rates, tracked };
}

/** The per-evaluation state for `rates`, reading the pupil scan that will be refilled per pupil. */
export function createWeeklyRateState(
  context: AttendanceContext,
  scan: PupilScan,
  rates: PreparedWeeklyRates,
): WeeklyRateState {
  return {
    yearToDate: new YearToDate(context, scan, rates.tracked),
    armed: new Uint8Array(rates.entries.length),
  };
}

/**
 * Weekly rate (rules.md kind 3), for all of a policy's weekly rules at once: at the PM session of
 * the last school day of each school week up to as-of, on the academic year to date, once the
 * pupil has `minPossible` possible sessions. A rule fires when its condition first holds, re-arms
 * at an evaluation where it does not, and is re-armed at the start of each academic year.
 */
export function runWeeklyRates(
  run: RuleRun,
  rates: PreparedWeeklyRates,
  state: WeeklyRateState,
): void {
  const { rates: prepared } = rates;
  if (prepared.length === 0) return;
  const { context, scan } = run;
  const { yearToDate, armed } = state;
  yearToDate.restart();
  armed.fill(1);
  const firstDay = scan.firstSession >> 1;
  const endDay = scan.endSession >> 1;
  if (endDay <= firstDay) return;
  const { weeks, dayWeek, dayAcademicYear } = context.calendar;
  let year = Number.NaN;
  for (let w = dayWeek[firstDay]!; w < weeks.length; w++) {
    const day = weeks[w]!.lastDay;
    if (day >= endDay) break;
    if (day < firstDay) continue;
    if (dayAcademicYear[day] !== year) {
      year = dayAcademicYear[day]!;
      armed.fill(1);
    }
    const session = day * 2 + 1;
    yearToDate.advanceThrough(session);
    for (let e = 0; e < prepared.length; e++) {
      const rate = prepared[e]!;
      if (yearToDate.possible < rate.minPossible) continue;
      const t = rate.trackedIndex;
      const holds =
        yearToDate.holds(rate.test) && (t < 0 || yearToDate.tracked[t]! >= rate.trackedAtLeast);
      if (holds && armed[e] === 1) {
        armed[e] = 0;
        run.raise(rate.ruleId, session);
      } else if (!holds) armed[e] = 1;
    }
  }
}
