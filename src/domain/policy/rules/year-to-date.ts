import {
  CATEGORY_AUTHORISED,
  CATEGORY_APPROVED,
  CATEGORY_PRESENT,
  CATEGORY_UNAUTHORISED,
} from '../../codes/code-registry.ts';
import type { AttendanceContext } from '../../statistics/attendance-context.ts';
import type { PupilScan } from '../../statistics/pupil-scan.ts';
import { isRateAtLeast, isRateBelow, type Fraction } from '../fraction.ts';
import type { RateCondition } from '../policy.ts';

/** 1 for the categories that are absence, by category number (code-registry). */
export const ABSENCE_BY_CATEGORY = new Int32Array(8);
ABSENCE_BY_CATEGORY[CATEGORY_AUTHORISED] = 1;
ABSENCE_BY_CATEGORY[CATEGORY_UNAUTHORISED] = 1;
/** 1 for the categories that are not possible sessions (including unmarked and unknown). */
export const NOT_POSSIBLE_BY_CATEGORY = new Int32Array(8).fill(1);
NOT_POSSIBLE_BY_CATEGORY[CATEGORY_PRESENT] = 0;
NOT_POSSIBLE_BY_CATEGORY[CATEGORY_APPROVED] = 0;
NOT_POSSIBLE_BY_CATEGORY[CATEGORY_AUTHORISED] = 0;
NOT_POSSIBLE_BY_CATEGORY[CATEGORY_UNAUTHORISED] = 0;

/**
 * A rate condition with its measure and comparison turned into flags. Policy strings come from
 * the YAML parser and are not interned, so comparing them in a per-pupil, per-week loop compared
 * them character by character; the flags are worked out once per policy instead.
 */
export interface RateTest {
  readonly ofAttendance: boolean;
  readonly below: boolean;
  readonly threshold: Fraction;
}

/** Turn a policy's rate condition into the form YearToDate tests. */
export function compileRateCondition(condition: RateCondition): RateTest {
  return {
    ofAttendance: condition.measure === 'attendance-rate',
    below: condition.comparison === 'below',
    threshold: condition.threshold,
  };
}

/**
 * Walks a pupil's events in session order keeping academic-year-to-date totals, so a rule can ask
 * "what were possible and attended sessions up to and including session s" in O(1) amortised.
 * One walker serves every pupil in turn: restart it on each pupil's scan.
 */
export class YearToDate {
  private scan: PupilScan | null = null;
  private next = 0;
  private year = Number.NaN;
  private absent = 0;
  private excluded = 0;
  possible = 0;
  attended = 0;

  constructor(private readonly context: AttendanceContext) {}

  /** Start again from the first event of `scan`. */
  restart(scan: PupilScan): void {
    this.scan = scan;
    this.next = 0;
    this.year = Number.NaN;
    this.absent = 0;
    this.excluded = 0;
    this.possible = 0;
    this.attended = 0;
  }

  /** Move to session `s` (never backwards) and update possible and attended. */
  advanceThrough(s: number): void {
    const { context, scan } = this;
    if (scan === null) throw new Error('YearToDate.advanceThrough before restart');
    const day = s >> 1;
    const year = context.calendar.dayAcademicYear[day]!;
    if (year !== this.year) {
      this.year = year;
      this.absent = 0;
      this.excluded = 0;
      // Skip events of earlier years.
      const yearStart = context.yearFirstDay[day]! * 2;
      while (this.next < scan.count && scan.sessions[this.next]! < yearStart) this.next++;
    }
    while (this.next < scan.count && scan.sessions[this.next]! <= s) {
      const category = scan.categories[this.next]!;
      if (category === CATEGORY_AUTHORISED || category === CATEGORY_UNAUTHORISED) this.absent++;
      else if (category !== CATEGORY_APPROVED && category !== CATEGORY_PRESENT) this.excluded++;
      this.next++;
    }
    const from = Math.max(context.yearFirstDay[day]! * 2, scan.firstSession);
    const onRoll = Math.max(0, Math.min(s + 1, scan.endSession) - from);
    this.possible = onRoll - this.excluded;
    this.attended = this.possible - this.absent;
  }

  /** Whether a rate condition holds on the totals as they stand. */
  holds(test: RateTest): boolean {
    return rateHolds(test, this.possible, this.attended);
  }
}

/** Whether a rate condition holds for `attended` of `possible` sessions, exactly. */
export function rateHolds(test: RateTest, possible: number, attended: number): boolean {
  const part = test.ofAttendance ? attended : possible - attended;
  return test.below
    ? isRateBelow(part, possible, test.threshold)
    : possible > 0 && isRateAtLeast(part, possible, test.threshold);
}
