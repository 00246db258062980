import type { ConsecutiveDaysRule } from '../policy.ts';
import type { RuleRun } from './rule-run.ts';

/** A consecutive-days rule bound to a policy: its code set and its alert rank. */
export interface PreparedConsecutiveDays {
  readonly rule: ConsecutiveDaysRule;
  readonly rank: number;
  /** The rule's `days` and `breakOnReachedContact`, read once per policy (see count-in-window). */
  readonly days: number;
  readonly breakOnReachedContact: boolean;
  /** Index of the rule's codes in the policy's code sets (CodeSetEvents). */
  readonly codeSet: number;
}

/**
 * Consecutive days (rules.md kind 2). A school day counts when both sessions carry a code in the
 * set (and, if asked, no contact was reached that day); any other school day ends the run, while
 * weekends, holidays and closures are not school days and so neither count nor end it.
 */
export function runConsecutiveDays(run: RuleRun, prepared: PreparedConsecutiveDays): void {
  const { rank, codeSet, days: threshold, breakOnReachedContact } = prepared;
  // The sessions in the set: a day counts when its AM and PM follow each other here.
  const sessions = run.events.sessions[codeSet]!;
  const count = run.events.counts[codeSet]!;
  // A run of `threshold` days needs both sessions of each day in the set.
  if (count < threshold * 2) return;
  let runLength = 0;
  let runFirstDay = -1;
  let previousDay = -2;
  for (let i = 0; i + 1 < count; i++) {
    const am = sessions[i]!;
    if ((am & 1) !== 0 || sessions[i + 1] !== am + 1) continue;
    const day = am >> 1;
    if (breakOnReachedContact && run.reachedContactDays.has(day)) continue;
    if (day === previousDay + 1) runLength++;
    else {
      runLength = 1;
      runFirstDay = day;
    }
    previousDay = day;
    if (runLength === threshold) run.alerts.raise(rank, am + 1, runLength, runFirstDay * 2);
    // The day's PM, next in the list, starts no day of its own.
    i++;
  }
}
