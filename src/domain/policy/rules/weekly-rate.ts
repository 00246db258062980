import type { WeeklyRateRule } from '../policy.ts';
import type { RuleRun } from './rule-run.ts';
import { YearToDate } from './year-to-date.ts';

export interface WeeklyRateEntry {
  readonly rule: WeeklyRateRule;
  /** Membership of the rule's `alsoRequires` codes per code table, when it has one. */
  readonly alsoMembers: readonly Uint8Array[] | null;
}

/**
 * Weekly rate (rules.md kind 3), for all of a policy's weekly rules at once: at the PM session of
 * the last school day of each school week up to as-of, on the academic year to date, once the
 * pupil has `minPossible` possible sessions. A rule fires when its condition first holds, re-arms
 * at an evaluation where it does not, and is re-armed at the start of each academic year.
 */
export function runWeeklyRates(run: RuleRun, entries: readonly WeeklyRateEntry[]): void {
  if (entries.length === 0) return;
  const { context, scan } = run;
  const tracked = entries.flatMap((entry) => (entry.alsoMembers ? [entry.alsoMembers] : []));
  const trackedIndex = entries.map((entry) =>
    entry.alsoMembers ? tracked.indexOf(entry.alsoMembers) : -1,
  );
  const yearToDate = new YearToDate(context, scan, tracked);
  const armed = entries.map(() => true);
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
      armed.fill(true);
    }
    const session = day * 2 + 1;
    yearToDate.advanceThrough(session);
    entries.forEach((entry, e) => {
      if (yearToDate.possible < entry.rule.minPossible) return;
      const t = trackedIndex[e]!;
      const holds =
        yearToDate.holds(entry.rule.condition) &&
        (t < 0 || yearToDate.tracked[t]! >= (entry.rule.alsoRequires?.atLeast ?? 0));
      if (holds && armed[e]) {
        armed[e] = false;
        run.raise(entry.rule.id, session);
      } else if (!holds) armed[e] = true;
    });
  }
}
