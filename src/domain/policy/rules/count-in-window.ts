import type { AttendanceContext } from '../../statistics/attendance-context.ts';
import type { CountInWindowRule, CountWindow, Period } from '../policy.ts';
import type { RuleRun } from './rule-run.ts';
import { compileRateCondition, type RateTest } from './year-to-date.ts';

/** First school day of the window that ends on `day`. */
export function windowFirstDay(
  context: AttendanceContext,
  window: CountWindow,
  day: number,
): number {
  switch (window.kind) {
    case 'rolling-school-weeks': {
      const week = context.calendar.dayWeek[day]!;
      return context.calendar.weeks[Math.max(0, week - window.weeks + 1)]!.firstDay;
    }
    case 'term':
      return context.termFirstDay[day]!;
    case 'term-and-previous':
      return context.previousTermFirstDay[day]!;
    case 'academic-year':
      return context.yearFirstDay[day]!;
    case 'calendar-month':
      return context.monthFirstDay[day]!;
  }
}

/** The last index in [from, count) of sorted `sessions` whose session is before `end`. */
function lastBefore(sessions: Int32Array, from: number, count: number, end: number): number {
  let low = from;
  let high = count;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (sessions[middle]! < end) low = middle;
    else high = middle;
  }
  return low;
}

/** A key that is equal for days in the same period. */
function periodKey(context: AttendanceContext, period: Period, day: number): number {
  switch (period) {
    case 'term':
      return context.calendar.dayTerm[day]!;
    case 'academic-year':
      return context.calendar.dayAcademicYear[day]!;
    case 'calendar-month':
      return context.calendar.dayMonth[day]!;
  }
}

/** A count-in-window rule bound to a calendar: its window and period looked up once per day. */
export interface PreparedCountInWindow {
  readonly rule: CountInWindowRule;
  readonly rank: number;
  /**
   * The rule's threshold, read here rather than from the rule: rules of different shapes
   * (with or without `oncePer`, `onlyWhen`) made reading it from the rule a polymorphic load.
   */
  readonly threshold: number;
  /** Index of the rule's codes in the policy's code sets (CodeSetEvents). */
  readonly codeSet: number;
  /** For each school day, the first session of the window that ends on that day. */
  readonly windowStartSession: Int32Array;
  /** For each school day, its `oncePer` period key; null when the rule consumes instead. */
  readonly periodOfDay: Int32Array | null;
  /**
   * With `oncePer`: for each school day, the first session of the next later school day in
   * another period (the session count of the calendar when there is none).
   */
  readonly periodEndSession: Int32Array | null;
  readonly onlyWhen: RateTest | null;
}

/** Work out a rule's window start and period for every day of the calendar, once per policy. */
export function prepareCountInWindow(
  context: AttendanceContext,
  rule: CountInWindowRule,
  rank: number,
  codeSet: number,
): PreparedCountInWindow {
  const dayCount = context.calendar.days.length;
  const windowStartSession = new Int32Array(dayCount);
  const periodOfDay = rule.oncePer === null ? null : new Int32Array(dayCount);
  for (let day = 0; day < dayCount; day++) {
    windowStartSession[day] = windowFirstDay(context, rule.window, day) * 2;
    if (periodOfDay && rule.oncePer !== null)
      periodOfDay[day] = periodKey(context, rule.oncePer, day);
  }
  let periodEndSession: Int32Array | null = null;
  if (periodOfDay) {
    periodEndSession = new Int32Array(dayCount);
    for (let day = dayCount - 1; day >= 0; day--)
      periodEndSession[day] =
        day + 1 < dayCount && periodOfDay[day + 1] === periodOfDay[day]
          ? periodEndSession[day + 1]!
          : (day + 1) * 2;
  }
  const onlyWhen = rule.onlyWhen ? compileRateCondition(rule.onlyWhen) : null;
  return {
    rule,
    rank,
    threshold: rule.threshold,
    codeSet,
    windowStartSession,
    periodOfDay,
    periodEndSession,
    onlyWhen,
  };
}

/**
 * Count-in-window (rules.md kind 1). At each session with a code in the set, count such sessions
 * in the window ending there. Normally the sessions counted towards an occurrence are consumed;
 * with `oncePer`, nothing is consumed and the rule is silent until the next period.
 */
export function runCountInWindow(run: RuleRun, prepared: PreparedCountInWindow): void {
  const { rank, threshold, codeSet, windowStartSession, periodOfDay, periodEndSession, onlyWhen } =
    prepared;
  // The sessions in the set, oldest first; those before `consumed` counted towards an
  // occurrence already.
  const sessions = run.events.sessions[codeSet]!;
  const count = run.events.counts[codeSet]!;
  // No window holds more of the pupil's sessions in the set than there are.
  if (count < threshold) return;
  let consumed = 0;
  let firedPeriod = Number.NaN;
  const yearToDate = onlyWhen ? run.yearToDate : null;
  yearToDate?.restart(run.scan);
  // A window starts no earlier than the window of an earlier session, so the window ending at
  // session i holds `threshold` unconsumed sessions exactly when the threshold-th latest of
  // them, i + 1 - threshold, is in it: one comparison per session, and the first
  // threshold - 1 sessions after each occurrence need none.
  for (let i = consumed + threshold - 1; i < count; i++) {
    const session = sessions[i]!;
    const day = session >> 1;
    const windowStart = windowStartSession[day]!;
    if (sessions[i + 1 - threshold]! < windowStart) continue;
    if (periodOfDay && periodOfDay[day] === firedPeriod) continue;
    if (yearToDate && onlyWhen) {
      yearToDate.advanceThrough(session);
      if (!yearToDate.holds(onlyWhen)) continue;
    }
    let head = i + 1 - threshold;
    while (head > consumed && sessions[head - 1]! >= windowStart) head--;
    run.alerts.raise(rank, session, i + 1 - head, sessions[head]);
    if (periodOfDay && periodEndSession) {
      firedPeriod = periodOfDay[day]!;
      // The rule is silent for the rest of the period: go straight to its last session in the
      // set (found by halving, as the sessions are in order), where the loop moves on.
      i = lastBefore(sessions, i, count, periodEndSession[day]!);
    } else {
      consumed = i + 1;
      i = consumed + threshold - 2;
    }
  }
}
