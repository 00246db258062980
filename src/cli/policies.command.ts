import { compilePolicy } from '../domain/policy/compile-policy.ts';
import { formatPercent } from '../domain/policy/fraction.ts';
import type { Rule } from '../domain/policy/policy.ts';
import { formatProblem } from '../domain/problem.ts';
import { buildPolicyLibrary } from '../scenario/policy-library.ts';
import { EXIT_BAD_INPUT, type CliIo } from './cli-io.ts';

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

/** `rollcall policies`: every preset, its base, settings and rules. */
export function runPolicies(args: readonly string[], io: CliIo): number {
  if (args.length > 0) {
    io.error(`rollcall policies takes no arguments (got "${args[0] ?? ''}")`);
    return EXIT_BAD_INPUT;
  }
  const library = buildPolicyLibrary();
  if (!library.ok) {
    for (const problem of library.error) io.error(formatProblem(problem));
    return EXIT_BAD_INPUT;
  }
  const blocks: string[] = [];
  for (const file of library.value.values()) {
    const policy = compilePolicy(library.value, file.name);
    if (!policy.ok) continue;
    const settings = Object.entries(policy.value.settings)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    blocks.push(
      [
        `${file.name}${file.base ? ` (based on ${file.base})` : ''}: ${policy.value.title}`,
        `  settings: ${settings}`,
        ...policy.value.rules.map((rule) => `  ${rule.id}: ${describeRule(rule)}`),
      ].join('\n'),
    );
  }
  io.out(blocks.join('\n\n'));
  return 0;
}
