import { formatPercent } from './fraction.ts';
import type { Rule } from './policy.ts';

/** One line describing a rule's kind and parameters, in the words of rules.md. */
export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'count-in-window': {
      const window =
        rule.window.kind === 'rolling-school-weeks'
          ? `rolling ${rule.window.weeks} school weeks`
          : rule.window.kind.replace('term-and-previous', 'term+previous').replace('-', ' ');
      const once = rule.oncePer ? `, at most once per ${rule.oncePer.replace('-', ' ')}` : '';
      const when = rule.onlyWhen
        ? `, only while ${rule.onlyWhen.measure.replace('-', ' ')} ${rule.onlyWhen.comparison === 'below' ? 'is below' : 'is at least'} ${formatPercent(rule.onlyWhen.threshold)}`
        : '';
      return `count in window: ${rule.codes.join(' ')}, ${rule.threshold}, ${window}${once}${when}`;
    }
    case 'consecutive-days':
      return `consecutive days: ${rule.codes.join(' ')}${rule.breakOnReachedContact ? ' with no reached contact' : ''}, ${rule.days}`;
    case 'weekly-rate': {
      const also = rule.alsoRequires
        ? ` and at least ${rule.alsoRequires.atLeast} ${rule.alsoRequires.codes.join(' ')} session(s) this year`
        : '';
      return `weekly rate: ${rule.condition.measure.replace('-', ' ')} ${rule.condition.comparison === 'below' ? '<' : '>='} ${formatPercent(rule.condition.threshold)}${also} (from ${rule.minPossible} possible sessions)`;
    }
    case 'unresolved-mark':
      return `unresolved mark: ${rule.code}, ${rule.days} school days`;
  }
}
