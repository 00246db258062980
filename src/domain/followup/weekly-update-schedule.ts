import { addDays, type IsoDate } from '../calendar/plain-date.ts';
import type { SchoolCalendar } from '../calendar/school-calendar.ts';

/** Updates for a week are sent within this many days of its last school day, never later. */
export const WEEKLY_UPDATE_GRACE_DAYS = 7;

/**
 * The last school day of the school week whose weekly updates are due on `today`: the latest
 * week that ended before today, if it ended no more than a week ago (a week reported a month
 * late, e.g. after a server was down over half term, tells parents nothing useful). Null if none.
 */
export function findWeekToReport(calendar: SchoolCalendar, today: IsoDate): IsoDate | null {
  for (let w = calendar.weeks.length - 1; w >= 0; w--) {
    const lastDay = calendar.days[calendar.weeks[w]!.lastDay]!;
    if (lastDay >= today) continue;
    return addDays(lastDay, WEEKLY_UPDATE_GRACE_DAYS) >= today ? lastDay : null;
  }
  return null;
}
