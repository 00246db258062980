import type { ConsecutiveDaysRule } from '../policy.ts';
import { eventIsIn, type RuleRun } from './rule-run.ts';

/**
 * Consecutive days (rules.md kind 2). A school day counts when both sessions carry a code in the
 * set (and, if asked, no contact was reached that day); any other school day ends the run, while
 * weekends, holidays and closures are not school days and so neither count nor end it.
 */
export function runConsecutiveDays(
  run: RuleRun,
  rule: ConsecutiveDaysRule,
  members: readonly Uint8Array[],
): void {
  const { scan } = run;
  let runLength = 0;
  let runFirstDay = -1;
  let previousDay = -2;
  for (let i = 0; i + 1 < scan.count; i++) {
    const am = scan.sessions[i]!;
    if ((am & 1) !== 0 || scan.sessions[i + 1] !== am + 1) continue;
    if (!eventIsIn(scan, i, members) || !eventIsIn(scan, i + 1, members)) continue;
    const day = am >> 1;
    if (rule.breakOnReachedContact && run.reachedContactDays.has(day)) continue;
    if (day === previousDay + 1) runLength++;
    else {
      runLength = 1;
      runFirstDay = day;
    }
    previousDay = day;
    if (runLength === rule.days)
      run.raise(rule.id, am + 1, { count: runLength, fromSession: runFirstDay * 2 });
  }
}
