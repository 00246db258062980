import { CODE_ID_LIMIT, codeId } from '../../codes/code-registry.ts';
import type { UnresolvedMarkRule } from '../policy.ts';
import { NONE } from './alert-buffer.ts';
import type { RuleRun } from './rule-run.ts';

/** An unresolved-mark rule bound to a policy: its code id and its alert rank. */
export interface PreparedUnresolvedMark {
  readonly rule: UnresolvedMarkRule;
  readonly rank: number;
  readonly code: number;
}

/** Look up the rule's code once per policy. */
export function prepareUnresolvedMark(
  rule: UnresolvedMarkRule,
  rank: number,
): PreparedUnresolvedMark {
  return { rule, rank, code: codeId(rule.code) };
}

/**
 * Unresolved mark (rules.md kind 4): a session still carrying `code` fires at the same session of
 * the `days`-th school day after it, when that session is on or before as-of.
 */
export function runUnresolvedMark(run: RuleRun, prepared: PreparedUnresolvedMark): void {
  const { context, scan } = run;
  const { rule, rank, code } = prepared;
  // A code key is the code's id plus a multiple of CODE_ID_LIMIT for its table (codeKeyOf).
  for (let i = 0; i < scan.count; i++) {
    if (scan.codeKeys[i]! % CODE_ID_LIMIT !== code) continue;
    const session = scan.sessions[i]!;
    const dueDay = (session >> 1) + rule.days;
    if (dueDay >= context.asOfDayEnd) continue;
    run.alerts.raise(rank, dueDay * 2 + (session & 1), NONE, session);
  }
}
