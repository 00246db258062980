import { codeId } from '../../codes/code-registry.ts';
import type { UnresolvedMarkRule } from '../policy.ts';
import type { RuleRun } from './rule-run.ts';

/**
 * Unresolved mark (rules.md kind 4): a session still carrying `code` fires at the same session of
 * the `days`-th school day after it, when that session is on or before as-of.
 */
export function runUnresolvedMark(run: RuleRun, rule: UnresolvedMarkRule): void {
  const { context, scan } = run;
  const id = codeId(rule.code);
  for (let i = 0; i < scan.count; i++) {
    if (scan.codes[i] !== id) continue;
    const session = scan.sessions[i]!;
    const dueDay = (session >> 1) + rule.days;
    if (dueDay >= context.asOfDayEnd) continue;
    run.raise(rule.id, dueDay * 2 + (session & 1), { fromSession: session });
  }
}
