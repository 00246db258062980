import { isNamedCodeSet } from '../codes/code-sets.ts';
import type { InputProblem } from '../problem.ts';
import { err, ok, type Result } from '../result.ts';
import { fractionFromDecimal, type Fraction } from './fraction.ts';
import type { CountWindow, Period, Policy, RateCondition, Rule } from './policy.ts';
import {
  ruleSpecSchema,
  type NumberOrSetting,
  type PolicyFile,
  type RateConditionSpec,
  type RuleSpec,
} from './policy-file.ts';

export const DEFAULT_MIN_POSSIBLE = 20;

/** Policy files by name: the shipped presets plus any a school has written. */
export type PolicyLibrary = ReadonlyMap<string, PolicyFile>;

/** The chain of files from `name` down to its root preset, nearest first. */
function resolveChain(library: PolicyLibrary, name: string): Result<PolicyFile[], InputProblem[]> {
  const chain: PolicyFile[] = [];
  let current: string | undefined = name;
  while (current !== undefined) {
    const file = library.get(current);
    if (!file) {
      const known = [...library.keys()].sort().join(', ');
      const what =
        chain.length === 0
          ? `unknown policy preset "${current}"`
          : `policy "${chain[chain.length - 1]?.name ?? ''}" names an unknown base "${current}"`;
      return err([{ field: 'policy', message: `${what}; the presets are: ${known}` }]);
    }
    if (chain.includes(file))
      return err([
        { field: 'policy', message: `policy "${name}" has a cycle of bases through "${current}"` },
      ]);
    chain.push(file);
    current = file.base;
  }
  return ok(chain);
}

/** Compile a named policy from its library, applying a school's setting overrides. */
export function compilePolicy(
  library: PolicyLibrary,
  name: string,
  overrides: Readonly<Record<string, number>> = {},
): Result<Policy, InputProblem[]> {
  const chain = resolveChain(library, name);
  if (!chain.ok) return chain;
  const problems: InputProblem[] = [];
  const settings: Record<string, number> = {};
  let specs: RuleSpec[] = [];

  for (const file of [...chain.value].reverse()) {
    const where = (message: string): InputProblem => ({ field: `policy ${file.name}`, message });
    Object.assign(settings, file.settings ?? {});
    for (const id of file.remove ?? []) {
      if (!specs.some((spec) => spec.id === id))
        problems.push(where(`cannot remove rule "${id}": its base has no such rule`));
      specs = specs.filter((spec) => spec.id !== id);
    }
    for (const replacement of file.replace ?? []) {
      const index = specs.findIndex((spec) => spec.id === replacement.id);
      if (index < 0)
        problems.push(where(`cannot replace rule "${replacement.id}": its base has no such rule`));
      else specs[index] = replacement;
    }
    for (const [id, change] of Object.entries(file.change ?? {})) {
      const index = specs.findIndex((spec) => spec.id === id);
      const existing = specs[index];
      if (!existing) {
        problems.push(where(`cannot change rule "${id}": its base has no such rule`));
        continue;
      }
      const changed = ruleSpecSchema.safeParse({ ...existing, ...change, id, kind: existing.kind });
      if (changed.success) specs[index] = changed.data;
      else
        problems.push(
          where(
            `change to rule "${id}" is not valid: ${changed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
          ),
        );
    }
    for (const added of file.rules ?? []) {
      if (specs.some((spec) => spec.id === added.id))
        problems.push(where(`rule "${added.id}" is already in its base; use replace or change`));
      else specs.push(added);
    }
  }

  for (const [key, value] of Object.entries(overrides)) {
    // Own keys only: `in` would accept inherited names such as "constructor" as settings.
    if (!Object.hasOwn(settings, key)) {
      problems.push({
        field: `settings.${key}`,
        message: `unknown setting "${key}" for policy "${name}"; its settings are: ${Object.keys(settings).sort().join(', ')}`,
      });
    } else if (!Number.isFinite(value)) {
      problems.push({ field: `settings.${key}`, message: `setting "${key}" must be a number` });
    } else settings[key] = value;
  }
  if (problems.length > 0) return err(problems);

  const resolver = new SettingResolver(settings, name);
  const rules = specs.map((spec) => compileRule(spec, resolver));
  const target = resolver.fraction('target', settings['target'] ?? 0.95);
  if (resolver.problems.length > 0) return err(resolver.problems);
  return ok({
    name,
    title: chain.value[0]?.title ?? name,
    bases: chain.value.slice(1).map((file) => file.name),
    settings,
    target,
    rules,
  });
}

class SettingResolver {
  readonly problems: InputProblem[] = [];
  constructor(
    private readonly settings: Readonly<Record<string, number>>,
    private readonly policyName: string,
  ) {}

  setting(name: string, fallback: number): number {
    return this.settings[name] ?? fallback;
  }

  number(field: string, value: NumberOrSetting): number {
    if (typeof value === 'number') return value;
    const name = value.slice(1);
    const resolved = Object.hasOwn(this.settings, name) ? this.settings[name] : undefined;
    if (resolved === undefined) {
      this.problems.push({
        field,
        message: `refers to setting "${value}" that policy "${this.policyName}" does not define`,
      });
      return 0;
    }
    return resolved;
  }

  count(field: string, value: NumberOrSetting): number {
    const n = this.number(field, value);
    if (!Number.isInteger(n) || n < 1)
      this.problems.push({ field, message: `must be a whole number of at least 1, not ${n}` });
    return n;
  }

  fraction(field: string, value: NumberOrSetting): Fraction {
    const n = this.number(field, value);
    const fraction = fractionFromDecimal(n);
    if (!fraction || n < 0 || n > 1) {
      this.problems.push({
        field,
        message: `must be a rate between 0 and 1 with at most 9 decimal places, not ${n}`,
      });
      return { numerator: 0, denominator: 1 };
    }
    return fraction;
  }

  codes(field: string, codes: readonly string[]): readonly string[] {
    for (const code of codes) {
      if (!isNamedCodeSet(code) && !/^[A-Z0-9/\\#]{1,2}$/.test(code))
        this.problems.push({
          field,
          message: `"${code}" is neither an attendance code nor a code set (UNAUTH, ABSENT, UNEXPLAINED, UNPLANNED)`,
        });
    }
    return codes;
  }
}

function compileRule(spec: RuleSpec, resolve: SettingResolver): Rule {
  const field = (name: string) => `rules.${spec.id}.${name}`;
  const title = spec.title ?? spec.id;
  switch (spec.kind) {
    case 'count-in-window':
      return {
        id: spec.id,
        kind: spec.kind,
        title,
        codes: resolve.codes(field('codes'), spec.codes),
        threshold: resolve.count(field('threshold'), spec.threshold),
        window: parseWindow(spec.window, field('window'), resolve.problems),
        oncePer: spec.oncePer === undefined ? null : periodOf(spec.oncePer),
        onlyWhen:
          spec.onlyWhen === undefined
            ? null
            : rateCondition(spec.onlyWhen, field('onlyWhen'), resolve),
      };
    case 'consecutive-days':
      return {
        id: spec.id,
        kind: spec.kind,
        title,
        codes: resolve.codes(field('codes'), spec.codes),
        days: resolve.count(field('days'), spec.days),
        breakOnReachedContact: spec.breakOnReachedContact ?? false,
      };
    case 'weekly-rate': {
      const { below, atLeast } = spec;
      if ((below === undefined) === (atLeast === undefined))
        resolve.problems.push({
          field: field('measure'),
          message: 'give exactly one of "below" or "atLeast"',
        });
      const condition: RateConditionSpec =
        below !== undefined
          ? { measure: spec.measure, below }
          : { measure: spec.measure, atLeast: atLeast ?? 0 };
      return {
        id: spec.id,
        kind: spec.kind,
        title,
        condition: rateCondition(condition, field('measure'), resolve),
        alsoRequires:
          spec.alsoRequires === undefined
            ? null
            : {
                codes: resolve.codes(field('alsoRequires.codes'), spec.alsoRequires.codes),
                atLeast: resolve.count(field('alsoRequires.atLeast'), spec.alsoRequires.atLeast),
              },
        minPossible: resolve.count(
          field('minPossible'),
          spec.minPossible ?? resolve.setting('minPossible', DEFAULT_MIN_POSSIBLE),
        ),
      };
    }
    case 'unresolved-mark':
      return {
        id: spec.id,
        kind: spec.kind,
        title,
        code: spec.code,
        days: resolve.count(field('days'), spec.days),
      };
  }
}

function rateCondition(
  spec: RateConditionSpec,
  field: string,
  resolve: SettingResolver,
): RateCondition {
  if ('below' in spec)
    return {
      measure: spec.measure,
      comparison: 'below',
      threshold: resolve.fraction(field, spec.below),
    };
  return {
    measure: spec.measure,
    comparison: 'at-least',
    threshold: resolve.fraction(field, spec.atLeast),
  };
}

function periodOf(text: 'term' | 'academic year' | 'calendar month'): Period {
  return text === 'term' ? 'term' : text === 'academic year' ? 'academic-year' : 'calendar-month';
}

/** Window wording as rules.md writes it: "rolling 10 school weeks", "term", "term+previous", ... */
export function parseWindow(text: string, field: string, problems: InputProblem[]): CountWindow {
  const rolling = /^rolling (\d+) school weeks?$/.exec(text.trim());
  if (rolling) {
    const weeks = Number(rolling[1]);
    if (weeks >= 1) return { kind: 'rolling-school-weeks', weeks };
  }
  switch (text.trim()) {
    case 'term':
      return { kind: 'term' };
    case 'term+previous':
      return { kind: 'term-and-previous' };
    case 'academic year':
      return { kind: 'academic-year' };
    case 'calendar month':
      return { kind: 'calendar-month' };
  }
  problems.push({
    field,
    message: `unknown window "${text}"; use "rolling N school weeks", "term", "term+previous", "academic year" or "calendar month"`,
  });
  return { kind: 'term' };
}
