import type { AttendanceContext } from '../../statistics/attendance-context.ts';
import type { WeeklyRateRule } from '../policy.ts';
import type { RuleRun } from './rule-run.ts';
import {
  buildLadders,
  livePossibleOf,
  runWeeklyRateLadders,
  settledPossibleOf,
  type WeeklyRateLadder,
} from './weekly-rate-ladder.ts';
import {
  ABSENCE_BY_CATEGORY,
  compileRateCondition,
  NOT_POSSIBLE_BY_CATEGORY,
  rateHolds,
  type RateTest,
} from './year-to-date.ts';

export interface WeeklyRateEntry {
  readonly rule: WeeklyRateRule;
  readonly rank: number;
  /** Index of the rule's `alsoRequires` codes in the policy's code sets, or -1 without one. */
  readonly alsoCodeSet: number;
}

/** One weekly rule as the per-week loop reads it: numbers and flags, no strings to compare. */
export interface PreparedWeeklyRate {
  readonly rank: number;
  /**
   * The rule's condition and `minPossible` floor as a threshold on absent sessions for each
   * count of possible sessions: the condition holds for `absent` of `possible` sessions exactly
   * when direction * absent >= threshold[possible] (see absenceThresholds).
   */
  readonly direction: 1 | -1;
  readonly threshold: Int32Array;
  /** Index in PreparedWeeklyRates.tracked of the `alsoRequires` codes, or -1 without one. */
  readonly trackedIndex: number;
  readonly trackedAtLeast: number;
}

/** A policy's weekly rules with what is the same for every pupil worked out once. */
export interface PreparedWeeklyRates {
  readonly entries: readonly WeeklyRateEntry[];
  /** The rules that are not on a ladder, each run on its own. */
  readonly rates: readonly PreparedWeeklyRate[];
  readonly ladders: readonly WeeklyRateLadder[];
  /** From this many possible sessions up, a rung of a ladder can only start to hold in a week
   *  with an absence (settledPossibleOf). */
  readonly settledPossible: number;
  /** Below this many possible sessions, no rung of a ladder holds (livePossibleOf). */
  readonly livePossible: number;
  /** The distinct `alsoRequires` code sets (indices in the policy's code sets) to count. */
  readonly tracked: readonly number[];
}

/**
 * What the weekly rules need per school week, and, for the rules not on a ladder, a pupil's
 * year-to-date totals at each evaluation (the end of each school week on roll up to as-of) as
 * columns indexed by evaluation: worked out once per pupil, then each such rule is a tight loop
 * over them (ladders walk the weeks themselves, runWeeklyRateLadders). Allocated once per
 * evaluation and reused by every pupil.
 */
export interface WeeklyRateState {
  /** Per school week of the calendar: its last school day, that day's academic year, and the
   *  first session of that academic year. */
  readonly weekLastDay: Int32Array;
  readonly weekYear: Int32Array;
  readonly weekYearStart: Int32Array;
  /** Per school week, the first later week of another academic year (or the week count). */
  readonly nextYearWeek: Int32Array;
  /** Per school week, the current pupil's absent and not-possible sessions in it, and its
   *  sessions in each tracked set (counting only sessions of the week's academic year). */
  readonly weekAbsent: Int32Array;
  readonly weekExcluded: Int32Array;
  readonly weekTracked: readonly Int32Array[];
  /** Evaluations filled for the current pupil. */
  evaluations: number;
  /** The session of each evaluation (PM of the week's last school day). */
  readonly session: Int32Array;
  readonly possible: Int32Array;
  readonly absent: Int32Array;
  /** 1 where an evaluation is the pupil's first of an academic year, which re-arms every rule. */
  readonly yearStart: Uint8Array;
  /** Per tracked set, its year-to-date count at each evaluation. */
  readonly tracked: readonly Int32Array[];
  /** Zeros, the tracked column of a rule without `alsoRequires`. */
  readonly noneTracked: Int32Array;
}

/** The most sessions of any academic year of a calendar: a bound on year-to-date counts. */
function mostSessionsInAYear(context: AttendanceContext): number {
  const { dayAcademicYear } = context.calendar;
  let most = 0;
  let run = 0;
  for (let day = 0; day < dayAcademicYear.length; day++) {
    run = day > 0 && dayAcademicYear[day] === dayAcademicYear[day - 1] ? run + 1 : 1;
    most = Math.max(most, run);
  }
  return most * 2;
}

/** Gather the tracked code sets of a policy's weekly rules, once per policy. */
export function prepareWeeklyRates(
  entries: readonly WeeklyRateEntry[],
  context: AttendanceContext,
): PreparedWeeklyRates {
  const maxPossible = context.calendar.days.length * 2;
  const tracked = [
    ...new Set(entries.flatMap((entry) => (entry.alsoCodeSet < 0 ? [] : [entry.alsoCodeSet]))),
  ];
  const rates = entries.map(({ rule, rank, alsoCodeSet }): PreparedWeeklyRate => {
    const test = compileRateCondition(rule.condition);
    return {
      rank,
      ...absenceThresholds(test, rule.minPossible, maxPossible),
      trackedIndex: tracked.indexOf(alsoCodeSet),
      trackedAtLeast: rule.alsoRequires?.atLeast ?? 0,
    };
  });
  // Rules that hold from some number of absences up, and ask nothing else, may share a ladder.
  const climbing = rates.filter((rate) => rate.direction === 1 && rate.trackedIndex < 0);
  const ladders = buildLadders(climbing, maxPossible + 1, mostSessionsInAYear(context));
  return {
    entries,
    rates: rates.filter((rate) => !climbing.includes(rate)),
    ladders,
    settledPossible: settledPossibleOf(ladders),
    livePossible: livePossibleOf(ladders),
    tracked,
  };
}

/** Above any count of sessions: a threshold no number of absent sessions reaches. */
const NEVER = 1 << 30;

/**
 * A rate condition with a floor of possible sessions, turned into a table of thresholds on
 * absent sessions, so that the per-week test is one integer comparison with no branch on the
 * kind of condition or its outcome (which branch a pupil's week takes is data, and the
 * mispredictions cost more than the arithmetic).
 *
 * For a given number of possible sessions, every condition is monotone in the absent sessions:
 * an absence rate at least x, or an attendance rate below x, holds from some number of absences
 * up (direction 1); an absence rate below x, or an attendance rate at least x, holds up to some
 * number (direction -1, so that -absent >= -limit). The boundary is found by binary search with
 * rateHolds itself, so the table agrees with the exact comparison everywhere. Below the floor
 * the threshold is NEVER: year-to-date possible sessions only grow within a year, so the weeks
 * under the floor come before any week a rule evaluates, and treating them as "does not hold"
 * only re-arms a rule that the start of the year has armed already.
 */
function absenceThresholds(
  test: RateTest,
  minPossible: number,
  maxPossible: number,
): { direction: 1 | -1; threshold: Int32Array } {
  const direction = test.ofAttendance === test.below ? 1 : -1;
  const holds = (possible: number, absent: number) => rateHolds(test, possible, possible - absent);
  const threshold = new Int32Array(maxPossible + 1);
  for (let possible = 0; possible <= maxPossible; possible++) {
    if (possible < minPossible) {
      threshold[possible] = NEVER;
      continue;
    }
    // The first absent count in [0, possible] at which `holds` changes from its value at 0.
    const atZero = holds(possible, 0);
    let low = 0;
    let high = possible + 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (holds(possible, middle) === atZero) low = middle + 1;
      else high = middle;
    }
    if (direction === 1) threshold[possible] = atZero ? 0 : low > possible ? NEVER : low;
    else threshold[possible] = atZero ? -(low - 1) : NEVER;
  }
  return { direction, threshold };
}

/** The per-evaluation state for `rates`, with columns long enough for every school week. */
export function createWeeklyRateState(
  context: AttendanceContext,
  rates: PreparedWeeklyRates,
): WeeklyRateState {
  const { weeks, dayAcademicYear } = context.calendar;
  const column = () => new Int32Array(weeks.length);
  const weekYear = Int32Array.from(weeks, (week) => dayAcademicYear[week.lastDay]!);
  const nextYearWeek = new Int32Array(weeks.length);
  for (let w = weeks.length - 1; w >= 0; w--)
    nextYearWeek[w] =
      w + 1 < weeks.length && weekYear[w + 1] === weekYear[w] ? nextYearWeek[w + 1]! : w + 1;
  return {
    weekLastDay: Int32Array.from(weeks, (week) => week.lastDay),
    weekYear,
    weekYearStart: Int32Array.from(weeks, (week) => context.yearFirstDay[week.lastDay]! * 2),
    nextYearWeek,
    weekAbsent: column(),
    weekExcluded: column(),
    weekTracked: rates.tracked.map(column),
    evaluations: 0,
    session: column(),
    possible: column(),
    absent: column(),
    yearStart: new Uint8Array(weeks.length),
    tracked: rates.tracked.map(column),
    noneTracked: column(),
  };
}

/**
 * Count the pupil's absent and not-possible events, and the events of each tracked set, per
 * school week. An event before the start of its week's academic year (a week that spans
 * 31 August) is left out: no evaluation of either year counts it.
 */
function fillWeekBuckets(
  context: AttendanceContext,
  run: RuleRun,
  trackedSets: readonly number[],
  state: WeeklyRateState,
): void {
  const { dayWeek } = context.calendar;
  const { sessions, categories, count } = run.scan;
  const { weekYearStart, weekAbsent, weekExcluded, weekTracked } = state;
  weekAbsent.fill(0);
  weekExcluded.fill(0);
  // Lookups instead of branches on the category: which events are absences is data-dependent,
  // and a mispredicted branch per event cost more than the rest of the loop.
  const absence = ABSENCE_BY_CATEGORY;
  const excluded = NOT_POSSIBLE_BY_CATEGORY;
  for (let i = 0; i < count; i++) {
    const session = sessions[i]!;
    const week = dayWeek[session >> 1]!;
    if (session < weekYearStart[week]!) continue;
    weekAbsent[week]! += absence[categories[i]!]!;
    weekExcluded[week]! += excluded[categories[i]!]!;
  }
  for (let t = 0; t < trackedSets.length; t++) {
    const bucket = weekTracked[t]!;
    bucket.fill(0);
    const members = run.events.sessions[trackedSets[t]!]!;
    const memberCount = run.events.counts[trackedSets[t]!]!;
    for (let j = 0; j < memberCount; j++) {
      const session = members[j]!;
      const week = dayWeek[session >> 1]!;
      if (session >= weekYearStart[week]!) bucket[week]!++;
    }
  }
}

/**
 * Fill `state` with the pupil's year-to-date totals at the PM session of the last school day of
 * each school week on roll up to as-of (the totals YearToDate.advanceThrough gives for that
 * session), by summing the week buckets and starting again with each academic year.
 */
function fillWeeklyTotals(
  context: AttendanceContext,
  run: RuleRun,
  trackedSets: readonly number[],
  state: WeeklyRateState,
): void {
  state.evaluations = 0;
  const { firstSession, endSession } = run.scan;
  const firstDay = firstSession >> 1;
  const endDay = endSession >> 1;
  if (endDay <= firstDay) return;
  fillWeekBuckets(context, run, trackedSets, state);
  const { weekLastDay, weekYear, weekYearStart, weekAbsent, weekExcluded, weekTracked } = state;
  const { tracked, session: sessionColumn, possible: possibleColumn, absent: absentColumn } = state;
  let year = Number.NaN;
  let absent = 0;
  let excluded = 0;
  let n = 0;
  // The week of the first day on roll ends on or after it, and every later week up to as-of is
  // evaluated, so the weeks walked here are exactly the evaluations.
  for (let w = context.calendar.dayWeek[firstDay]!; w < weekLastDay.length; w++) {
    const day = weekLastDay[w]!;
    if (day >= endDay) break;
    const newYear = weekYear[w] !== year;
    if (newYear) {
      year = weekYear[w]!;
      absent = 0;
      excluded = 0;
    }
    absent += weekAbsent[w]!;
    excluded += weekExcluded[w]!;
    for (let t = 0; t < tracked.length; t++)
      tracked[t]![n] = (newYear ? 0 : tracked[t]![n - 1]!) + weekTracked[t]![w]!;
    const session = day * 2 + 1;
    const from = Math.max(weekYearStart[w]!, firstSession);
    const possible = Math.max(0, Math.min(session + 1, endSession) - from) - excluded;
    sessionColumn[n] = session;
    possibleColumn[n] = possible;
    absentColumn[n] = absent;
    state.yearStart[n] = newYear ? 1 : 0;
    n++;
  }
  state.evaluations = n;
}

/**
 * One weekly rule over the pupil's evaluations: it fires at the first evaluation with at least
 * `minPossible` possible sessions where its condition holds, re-arms at one where it does not,
 * and is re-armed at the start of each academic year.
 */
function runWeeklyRate(run: RuleRun, rate: PreparedWeeklyRate, state: WeeklyRateState): void {
  const { direction, threshold, trackedIndex, trackedAtLeast, rank } = rate;
  // Without `alsoRequires`, a column of zeros against "at least 0" always passes.
  const tracked = trackedIndex < 0 ? state.noneTracked : state.tracked[trackedIndex]!;
  const { possible, absent, yearStart, session, evaluations } = state;
  // Firing "when the condition first holds, re-arming where it does not" is firing where it
  // holds and did not hold at the previous evaluation of the same academic year. The tests are
  // x >= y written ((x - y) >> 31) + 1, which is 1 or 0 (every value is far inside 32 bits).
  let held = 0;
  for (let k = 0; k < evaluations; k++) {
    const holds =
      (((direction * absent[k]! - threshold[possible[k]!]!) >> 31) + 1) &
      (((tracked[k]! - trackedAtLeast) >> 31) + 1);
    const heldBefore = held & (yearStart[k]! ^ 1);
    if ((holds & ~heldBefore) !== 0) run.alerts.raise(rank, session[k]!);
    held = holds;
  }
}

/**
 * Weekly rate (rules.md kind 3), for all of a policy's weekly rules: at the PM session of the
 * last school day of each school week up to as-of, on the academic year to date, once the pupil
 * has `minPossible` possible sessions. A rule fires when its condition first holds, re-arms at an
 * evaluation where it does not, and is re-armed at the start of each academic year.
 */
export function runWeeklyRates(
  run: RuleRun,
  rates: PreparedWeeklyRates,
  state: WeeklyRateState,
): void {
  if (rates.ladders.length > 0)
    runWeeklyRateLadders(run, rates.ladders, rates.settledPossible, rates.livePossible, state);
  if (rates.rates.length === 0) return;
  fillWeeklyTotals(run.context, run, rates.tracked, state);
  for (const rate of rates.rates) runWeeklyRate(run, rate, state);
}
