import { compilePolicy } from '../domain/policy/compile-policy.ts';
import { describeRule } from '../domain/policy/describe-rule.ts';
import { formatProblem } from '../domain/problem.ts';
import { buildPolicyLibrary } from '../scenario/policy-library.ts';
import { EXIT_BAD_INPUT, type CliIo } from './cli-io.ts';

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
