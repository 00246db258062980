import type { AttendanceContext } from '../../statistics/attendance-context.ts';
import type { CountInWindowRule, CountWindow, Period } from '../policy.ts';
import { eventIsIn, type RuleRun } from './rule-run.ts';
import { YearToDate } from './year-to-date.ts';

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

/**
 * Count-in-window (rules.md kind 1). At each session with a code in the set, count such sessions
 * in the window ending there. Normally the sessions counted towards an occurrence are consumed;
 * with `oncePer`, nothing is consumed and the rule is silent until the next period.
 */
export function runCountInWindow(
  run: RuleRun,
  rule: CountInWindowRule,
  members: readonly Uint8Array[],
): void {
  const { context, scan } = run;
  const queue = new Int32Array(scan.count);
  let head = 0;
  let tail = 0;
  let firedPeriod = Number.NaN;
  const yearToDate = rule.onlyWhen ? new YearToDate(context, scan) : null;
  for (let i = 0; i < scan.count; i++) {
    if (!eventIsIn(scan, i, members)) continue;
    const session = scan.sessions[i]!;
    const day = session >> 1;
    queue[tail++] = session;
    const windowStart = windowFirstDay(context, rule.window, day) * 2;
    while (queue[head]! < windowStart) head++;
    if (tail - head < rule.threshold) continue;
    if (rule.oncePer !== null && periodKey(context, rule.oncePer, day) === firedPeriod) continue;
    if (yearToDate && rule.onlyWhen) {
      yearToDate.advanceThrough(session);
      if (!yearToDate.holds(rule.onlyWhen)) continue;
    }
    run.raise(rule.id, session, { count: tail - head, fromSession: queue[head]! });
    if (rule.oncePer !== null) firedPeriod = periodKey(context, rule.oncePer, day);
    else head = tail;
  }
}
