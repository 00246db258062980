import { z } from 'zod';
import type { InputProblem } from '../problem.ts';
import { err, ok, type Result } from '../result.ts';
import { parseYamlSource, type PathSegment, type YamlSource } from '../yaml-source.ts';

/**
 * The policy file format (rollcall-policy/1): a preset or a school's own policy, naming a base
 * preset and adding, replacing, removing or re-parameterising its rules. Numbers may be written
 * as "$name" to refer to a setting, so schools can override them without rewriting rules.
 */

const settingRef = z
  .string()
  .regex(/^\$[A-Za-z][A-Za-z0-9]*$/, 'a setting reference looks like $settingName');
const numberOrSetting = z.union([z.number(), settingRef]);
const codes = z.array(z.string().min(1)).min(1, 'list at least one code or code set');

const rateCondition = z.union([
  z.strictObject({ measure: z.enum(['attendance-rate', 'absence-rate']), below: numberOrSetting }),
  z.strictObject({
    measure: z.enum(['attendance-rate', 'absence-rate']),
    atLeast: numberOrSetting,
  }),
]);

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'rule ids are lower-case words joined by hyphens'),
  title: z.string().optional(),
};

export const ruleSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('count-in-window'),
    codes,
    threshold: numberOrSetting,
    window: z.string(),
    oncePer: z.enum(['term', 'academic year', 'calendar month']).optional(),
    onlyWhen: rateCondition.optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('consecutive-days'),
    codes,
    days: numberOrSetting,
    breakOnReachedContact: z.boolean().optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('weekly-rate'),
    measure: z.enum(['attendance-rate', 'absence-rate']),
    below: numberOrSetting.optional(),
    atLeast: numberOrSetting.optional(),
    alsoRequires: z.strictObject({ codes, atLeast: numberOrSetting }).optional(),
    minPossible: numberOrSetting.optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('unresolved-mark'),
    code: z.string().min(1),
    days: numberOrSetting,
  }),
]);

export type RuleSpec = z.infer<typeof ruleSpecSchema>;
export type NumberOrSetting = z.infer<typeof numberOrSetting>;
export type RateConditionSpec = z.infer<typeof rateCondition>;

export const policyFileSchema = z.strictObject({
  format: z.literal('rollcall-policy/1'),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'policy names are lower-case words joined by hyphens'),
  title: z.string().optional(),
  description: z.string().optional(),
  base: z.string().optional(),
  settings: z.record(z.string(), z.number()).optional(),
  rules: z.array(ruleSpecSchema).optional(),
  replace: z.array(ruleSpecSchema).optional(),
  remove: z.array(z.string()).optional(),
  change: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;

/** Turn zod issues into problems that name the file, line and field. */
export function problemsFromIssues(
  source: YamlSource,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PathSegment[] = [],
): InputProblem[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path.filter((p): p is PathSegment => typeof p !== 'symbol')];
    return source.problemAt(path, describeIssue(issue));
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (
    issue.code === 'invalid_union' &&
    'note' in issue &&
    issue.note === 'No matching discriminator'
  )
    return 'unknown rule kind; use count-in-window, consecutive-days, weekly-rate or unresolved-mark';
  return issue.message;
}

/** Parse and validate a policy file's text. */
export function parsePolicyFile(text: string, file: string): Result<PolicyFile, InputProblem[]> {
  const source = parseYamlSource(text, file);
  if (!source.ok) return err([source.error]);
  const parsed = policyFileSchema.safeParse(source.value.data);
  if (!parsed.success) return err(problemsFromIssues(source.value, parsed.error.issues));
  return ok(parsed.data);
}
