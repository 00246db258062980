import type { AttendanceContext } from '../../statistics/attendance-context.ts';
import type { CountInWindowRule, CountWindow, Period } from '../policy.ts';
import { eventIsIn, type RuleRun } from './rule-run.ts';
import { compileRateCondition, YearToDate, type RateTest } from './year-to-date.ts';

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
  readonly members: readonly Uint8Array[];
  /** For each school day, the first session of the window that ends on that day. */
  readonly windowStartSession: Int32Array;
  /** For each school day, its `oncePer` period key; null when the rule consumes instead. */
  readonly periodOfDay: Int32Array | null;
  readonly onlyWhen: RateTest | null;
}

/** Work out a rule's window start and period for every day of the calendar, once per policy. */
export function prepareCountInWindow(
  context: AttendanceContext,
  rule: CountInWindowRule,
  members: readonly Uint8Array[],
): PreparedCountInWindow {
  const dayCount = context.calendar.days.length;
  const windowStartSession = new Int32Array(dayCount);
  const periodOfDay = rule.oncePer === null ? null : new Int32Array(dayCount);
  for (let day = 0; day < dayCount; day++) {
    windowStartSession[day] = windowFirstDay(context, rule.window, day) * 2;
    if (periodOfDay && rule.oncePer !== null)
      periodOfDay[day] = periodKey(context, rule.oncePer, day);
  }
  const onlyWhen = rule.onlyWhen ? compileRateCondition(rule.onlyWhen) : null;
  return { rule, members, windowStartSession, periodOfDay, onlyWhen };
}

/**
 * Count-in-window (rules.md kind 1). At each session with a code in the set, count such sessions
 * in the window ending there. Normally the sessions counted towards an occurrence are consumed;
 * with `oncePer`, nothing is consumed and the rule is silent until the next period.
 */
export function runCountInWindow(run: RuleRun, prepared: PreparedCountInWindow): void {
  const { context, scan } = run;
  const { rule, members, windowStartSession, periodOfDay, onlyWhen } = prepared;
  // Sessions in the set, oldest first; [head, tail) are those still in the window.
  const queue = scan.scratch;
  let head = 0;
  let tail = 0;
  let firedPeriod = Number.NaN;
  const yearToDate = onlyWhen ? new YearToDate(context, scan) : null;
  for (let i = 0; i < scan.count; i++) {
    if (!eventIsIn(scan, i, members)) continue;
    const session = scan.sessions[i]!;
    const day = session >> 1;
    queue[tail++] = session;
    const windowStart = windowStartSession[day]!;
    while (queue[head]! < windowStart) head++;
    if (tail - head < rule.threshold) continue;
    if (periodOfDay && periodOfDay[day] === firedPeriod) continue;
    if (yearToDate && onlyWhen) {
      yearToDate.advanceThrough(session);
      if (!yearToDate.holds(onlyWhen)) continue;
    }
    run.raise(rule.id, session, { count: tail - head, fromSession: queue[head]! });
    if (periodOfDay) firedPeriod = periodOfDay[day]!;
    else head = tail;
  }
}
