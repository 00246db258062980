import type { RuleRun } from './rule-run.ts';
import type { PreparedWeeklyRate, WeeklyRateState } from './weekly-rate.ts';
import { ABSENCE_BY_CATEGORY, NOT_POSSIBLE_BY_CATEGORY } from './year-to-date.ts';

/** Per category, an absent session in the low 16 bits and a session not possible in the high. */
const TALLY_BY_CATEGORY = Int32Array.from(
  ABSENCE_BY_CATEGORY,
  (absent, category) => absent | (NOT_POSSIBLE_BY_CATEGORY[category]! << 16),
);

/**
 * Weekly rules whose conditions are nested, weakest first: wherever one holds, every rule below
 * it holds too (attendance below 98%, 95%, 92%, 90%, or an absence rate of at least 10% and of
 * at least 50%). A pupil's week is then summed up by how many rungs hold, counted from one
 * table row per count of possible sessions, and the rules that fire follow from the counts.
 */
export interface WeeklyRateLadder {
  /** The alert rank of the rule on each rung. */
  readonly ranks: Int32Array;
  /** The number of rungs. */
  readonly rungs: number;
  /**
   * The rungs' absent-session thresholds (PreparedWeeklyRate.threshold) by count of possible
   * sessions: those of every rung for 0 possible sessions, then for 1, and so on, so that a
   * week's rungs are read from one place rather than one row per rung.
   */
  readonly thresholds: Int32Array;
  /**
   * How many rungs hold, by count of possible sessions and of absent sessions:
   * levels[possible * levelStride + absent]. Both counts are of one academic year to date, so
   * levelStride is one more than the most sessions of any academic year of the calendar. One
   * read, where counting the rungs took a loop whose length varied from week to week and whose
   * exit was mispredicted about once a week.
   */
  readonly levels: Uint8Array;
  readonly levelStride: number;
}

/** Whether `rate`'s condition holds wherever `stronger`'s does: its thresholds are no higher. */
function isBelow(rate: PreparedWeeklyRate, stronger: PreparedWeeklyRate): boolean {
  return rate.threshold.every((threshold, possible) => threshold <= stronger.threshold[possible]!);
}

/**
 * Stack rules into ladders, weakest first: each rule goes on top of the first ladder whose top
 * rule it is above at every count of possible sessions (checked on the tables themselves, so
 * the nesting is exact), or starts a ladder of its own. Only rules that hold from some number
 * of absences up (direction 1) and ask nothing else may be given.
 *
 * @param stride the length of each rule's threshold table (counts of possible sessions)
 * @param yearSessions the most sessions of any academic year of the calendar
 */
export function buildLadders(
  rates: readonly PreparedWeeklyRate[],
  stride: number,
  yearSessions: number,
): WeeklyRateLadder[] {
  const total = (rate: PreparedWeeklyRate) => rate.threshold.reduce((sum, t) => sum + t, 0);
  const weakestFirst = [...rates].sort((a, b) => total(a) - total(b));
  const stacks: PreparedWeeklyRate[][] = [];
  for (const rate of weakestFirst) {
    const stack = stacks.find((rungs) => isBelow(rungs[rungs.length - 1]!, rate));
    if (stack) stack.push(rate);
    else stacks.push([rate]);
  }
  return stacks.map((rungs) => {
    const thresholds = new Int32Array(rungs.length * stride);
    rungs.forEach((rung, index) => {
      for (let possible = 0; possible < stride; possible++)
        thresholds[possible * rungs.length + index] = rung.threshold[possible]!;
    });
    const levelStride = Math.min(stride, yearSessions + 1);
    return {
      ranks: Int32Array.from(rungs, (rung) => rung.rank),
      rungs: rungs.length,
      thresholds,
      levels: buildLevels(thresholds, rungs.length, levelStride),
      levelStride,
    };
  });
}

/**
 * The levels table of a ladder (WeeklyRateLadder.levels): for each count of possible sessions,
 * rung r is the level for absent counts from rung r's threshold up to the next rung's (the
 * thresholds of nested rungs never decrease up the ladder), filled a run at a time.
 */
function buildLevels(thresholds: Int32Array, rungs: number, levelStride: number): Uint8Array {
  const levels = new Uint8Array(levelStride * levelStride);
  for (let possible = 0; possible < levelStride; possible++) {
    const row = possible * levelStride;
    let from = 0;
    for (let rung = 0; rung < rungs; rung++) {
      const to = Math.min(Math.max(thresholds[possible * rungs + rung]!, from), levelStride);
      levels.fill(rung, row + from, row + to);
      from = to;
    }
    levels.fill(rungs, row + from, row + levelStride);
  }
  return levels;
}

/**
 * The count of possible sessions from which no rung's threshold falls as possible sessions
 * grow (the highest `minPossible` floor, for rate conditions): past it, with the absent
 * sessions unchanged, a rung can stop holding but never start to.
 */
export function settledPossibleOf(ladders: readonly WeeklyRateLadder[]): number {
  let settled = 0;
  for (const { thresholds, rungs } of ladders)
    for (let rung = 0; rung < rungs; rung++)
      for (let at = rung + rungs, possible = 1; at < thresholds.length; at += rungs, possible++)
        if (thresholds[at]! < thresholds[at - rungs]!) settled = Math.max(settled, possible);
  return settled;
}

/**
 * The fewest possible sessions at which any rung can hold: one whose threshold is at most the
 * possible sessions themselves (absent sessions are possible sessions, so never more). Below
 * it, no rung holds whatever the absences; past the last count, none ever does.
 */
export function livePossibleOf(ladders: readonly WeeklyRateLadder[]): number {
  let live = Number.MAX_SAFE_INTEGER;
  for (const { thresholds, rungs } of ladders)
    for (let at = 0; at < thresholds.length; at++) {
      const possible = Math.floor(at / rungs);
      if (thresholds[at]! <= possible) live = Math.min(live, possible);
    }
  return live;
}

/** How many rungs of `ladder` hold for `absent` of `possible` sessions of an academic year. */
function rungsHolding(ladder: WeeklyRateLadder, absent: number, possible: number): number {
  // Neither count exceeds the sessions of a year; the bounds only keep a read inside the table.
  const last = ladder.levelStride - 1;
  return ladder.levels[Math.min(possible, last) * ladder.levelStride + Math.min(absent, last)]!;
}

/**
 * The ladders over the pupil's weeks. A rule fires at an evaluation (the PM session of the last
 * school day of a week on roll up to as-of) where it holds and did not at the previous
 * evaluation of the academic year; with nested rules, rung r holds exactly when more than r
 * rungs hold, so the rules that fire are the rungs between the previous count and the new one.
 *
 * Within a year, year-to-date possible sessions never fall from one week to the next (a week
 * adds at least as many sessions on roll as it has sessions that are not possible) and absent
 * sessions never fall. A rung's threshold never falls as possible sessions grow past
 * `settledPossible`, so from there a rung can only start to hold in a week with an absence.
 * Such weeks are the only ones looked at: the walk goes from event to event, and only the
 * first weeks of each year, before the floors, are taken one by one.
 */
export function runWeeklyRateLadders(
  run: RuleRun,
  ladders: readonly WeeklyRateLadder[],
  settledPossible: number,
  livePossible: number,
  state: WeeklyRateState,
): void {
  const { firstSession, endSession, sessions, categories, count } = run.scan;
  const firstDay = firstSession >> 1;
  const endDay = endSession >> 1;
  if (endDay <= firstDay) return;
  const { dayWeek } = run.context.calendar;
  const { weekLastDay, weekYear, weekYearStart, nextYearWeek } = state;
  let next = 0;
  let year = Number.NaN;
  let absent = 0;
  let excluded = 0;
  let settled = false;
  let week = dayWeek[firstDay]!;
  while (week < weekLastDay.length && weekLastDay[week]! < endDay) {
    const yearStart = weekYearStart[week]!;
    const firstOfYear = weekYear[week] !== year;
    const from = Math.max(yearStart, firstSession);
    // A week with too few sessions on roll (less those already known not to be possible) for
    // any rung to hold is passed over: nothing fires there, and the next week looked at finds
    // no rung held before it, as its totals also say (at the first of a year, by definition).
    if (
      (firstOfYear || !settled) &&
      Math.min(weekLastDay[week]! * 2 + 2, endSession) - from - (firstOfYear ? 0 : excluded) <
        livePossible
    ) {
      week++;
      continue;
    }
    if (firstOfYear) {
      year = weekYear[week]!;
      absent = 0;
      excluded = 0;
      settled = false;
      // Events of the week before its academic year began count in no evaluation.
      while (next < count && sessions[next]! < yearStart) next++;
    }
    const absentBefore = absent;
    const excludedBefore = excluded;
    const session = weekLastDay[week]! * 2 + 1;
    let tally = 0;
    while (next < count && sessions[next]! <= session) {
      tally += TALLY_BY_CATEGORY[categories[next]!]!;
      next++;
    }
    absent += tally & 0xffff;
    excluded += tally >>> 16;
    const possible = Math.max(0, Math.min(session + 1, endSession) - from) - excluded;
    if (firstOfYear || absent > absentBefore || !settled) {
      // The previous evaluation of the year is that of the week before (weeks are consecutive
      // within a year, and every week on roll up to as-of is an evaluation): its rungs follow
      // from its totals.
      const previousPossible = firstOfYear
        ? 0
        : Math.max(0, Math.min(weekLastDay[week - 1]! * 2 + 2, endSession) - from) - excludedBefore;
      for (let l = 0; l < ladders.length; l++) {
        const ladder = ladders[l]!;
        const before = firstOfYear ? 0 : rungsHolding(ladder, absentBefore, previousPossible);
        const after = rungsHolding(ladder, absent, possible);
        for (let rung = before; rung < after; rung++)
          run.alerts.raise(ladder.ranks[rung]!, session);
      }
    }
    settled = possible >= settledPossible;
    if (!settled) week++;
    else {
      // Nothing can start to hold before the next event, or before the next academic year.
      const eventWeek = next < count ? dayWeek[sessions[next]! >> 1]! : weekLastDay.length;
      week = Math.min(eventWeek, nextYearWeek[week]!);
    }
  }
}
