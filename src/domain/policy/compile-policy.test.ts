import { describe, expect, it } from 'vitest';
import { formatProblem, type InputProblem } from '../problem.ts';
import { compilePolicy, parseWindow, type PolicyLibrary } from './compile-policy.ts';
import { parsePolicyFile, type PolicyFile } from './policy-file.ts';
import type { Policy, Rule } from './policy.ts';

const NATIONAL = `format: rollcall-policy/1
name: national
title: National framework
settings:
  target: 0.95
  minPossible: 20
  persistentAbsenceRate: 0.10
rules:
  - id: penalty
    kind: count-in-window
    codes: [UNAUTH]
    threshold: 10
    window: rolling 10 school weeks
  - id: la-notification
    kind: consecutive-days
    codes: [UNAUTH]
    days: 10
  - id: persistent
    kind: weekly-rate
    measure: absence-rate
    atLeast: $persistentAbsenceRate
`;

const OUR_SCHOOL = `format: rollcall-policy/1
name: our-school
base: national
title: Our school
settings:
  target: 0.96
  persistentAbsenceRate: 0.08
remove: [la-notification]
replace:
  - id: penalty
    kind: count-in-window
    codes: [UNAUTH]
    threshold: 15
    window: term+previous
change:
  persistent: { minPossible: 30 }
rules:
  - id: unresolved-n
    kind: unresolved-mark
    code: N
    days: 5
`;

function policyFile(text: string): PolicyFile {
  const parsed = parsePolicyFile(text, 'test.yaml');
  if (!parsed.ok) throw new Error(parsed.error.map(formatProblem).join('\n'));
  return parsed.value;
}

function libraryOf(...texts: string[]): PolicyLibrary {
  return new Map(texts.map((text) => policyFile(text)).map((file) => [file.name, file]));
}

function compiled(library: PolicyLibrary, name: string, overrides = {}): Policy {
  const result = compilePolicy(library, name, overrides);
  if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
  return result.value;
}

function problems(library: PolicyLibrary, name: string, overrides = {}): string[] {
  const result = compilePolicy(library, name, overrides);
  return result.ok ? [] : result.error.map(formatProblem);
}

function ruleOf(policy: Policy, id: string): Rule | undefined {
  return policy.rules.find((rule) => rule.id === id);
}

/** A child of `national` that adds one rule, written in YAML. */
function childAdding(rule: string): string {
  return `format: rollcall-policy/1\nname: child\nbase: national\nrules:\n${rule}`;
}

describe('compiling a preset', () => {
  const policy = compiled(libraryOf(NATIONAL), 'national');

  it('keeps its rules in order with their parameters', () => {
    expect(policy.rules.map((rule) => rule.id)).toEqual([
      'penalty',
      'la-notification',
      'persistent',
    ]);
    expect(ruleOf(policy, 'penalty')).toMatchObject({
      kind: 'count-in-window',
      codes: ['UNAUTH'],
      threshold: 10,
      window: { kind: 'rolling-school-weeks', weeks: 10 },
      oncePer: null,
      onlyWhen: null,
    });
    expect(ruleOf(policy, 'la-notification')).toMatchObject({
      kind: 'consecutive-days',
      days: 10,
      breakOnReachedContact: false,
    });
  });

  it('resolves $setting references and the minPossible setting', () => {
    expect(ruleOf(policy, 'persistent')).toMatchObject({
      kind: 'weekly-rate',
      condition: {
        measure: 'absence-rate',
        comparison: 'at-least',
        threshold: { numerator: 1, denominator: 10 },
      },
      minPossible: 20,
    });
  });

  it('turns the target into an exact fraction', () => {
    expect(policy.target).toEqual({ numerator: 95, denominator: 100 });
    expect(policy.bases).toEqual([]);
    expect(policy.title).toBe('National framework');
  });

  it('lets a school override a setting, which flows into the rules that refer to it', () => {
    const overridden = compiled(libraryOf(NATIONAL), 'national', {
      persistentAbsenceRate: 0.12,
      minPossible: 30,
    });
    expect(ruleOf(overridden, 'persistent')).toMatchObject({
      condition: { threshold: { numerator: 12, denominator: 100 } },
      minPossible: 30,
    });
  });
});

describe('a school policy based on a preset', () => {
  const policy = compiled(libraryOf(NATIONAL, OUR_SCHOOL), 'our-school');

  it('removes, replaces, changes and adds rules', () => {
    expect(policy.rules.map((rule) => rule.id)).toEqual(['penalty', 'persistent', 'unresolved-n']);
    expect(ruleOf(policy, 'penalty')).toMatchObject({
      threshold: 15,
      window: { kind: 'term-and-previous' },
    });
    expect(ruleOf(policy, 'persistent')).toMatchObject({ minPossible: 30 });
    expect(ruleOf(policy, 'unresolved-n')).toMatchObject({
      kind: 'unresolved-mark',
      code: 'N',
      days: 5,
    });
  });

  it('overrides the base’s settings, including those its rules refer to', () => {
    expect(policy.target).toEqual({ numerator: 96, denominator: 100 });
    expect(ruleOf(policy, 'persistent')).toMatchObject({
      condition: { threshold: { numerator: 8, denominator: 100 } },
    });
    expect(policy.settings).toEqual({ target: 0.96, minPossible: 20, persistentAbsenceRate: 0.08 });
  });

  it('names its chain of bases, nearest first', () => {
    const grandchild = `format: rollcall-policy/1\nname: grandchild\nbase: our-school\n`;
    const chain = compiled(libraryOf(NATIONAL, OUR_SCHOOL, grandchild), 'grandchild');
    expect(chain.bases).toEqual(['our-school', 'national']);
    expect(chain.rules.map((rule) => rule.id)).toEqual(['penalty', 'persistent', 'unresolved-n']);
  });
});

describe('policy problems', () => {
  it('name the presets that exist when the policy is unknown', () => {
    expect(problems(libraryOf(NATIONAL, OUR_SCHOOL), 'nationall')).toEqual([
      'policy: unknown policy preset "nationall"; the presets are: national, our-school',
    ]);
  });

  it('name the presets that exist when a base is unknown', () => {
    const typo = `format: rollcall-policy/1\nname: typo\nbase: natonal\n`;
    expect(problems(libraryOf(NATIONAL, typo), 'typo')).toEqual([
      'policy: policy "typo" names an unknown base "natonal"; the presets are: national, typo',
    ]);
  });

  it('report a cycle of bases', () => {
    const a = `format: rollcall-policy/1\nname: a\nbase: b\n`;
    const b = `format: rollcall-policy/1\nname: b\nbase: a\n`;
    expect(problems(libraryOf(a, b), 'a')).toEqual([
      'policy: policy "a" has a cycle of bases through "a"',
    ]);
  });

  it('name an unknown setting override and list the settings there are', () => {
    expect(problems(libraryOf(NATIONAL), 'national', { targett: 0.9 })).toEqual([
      'settings.targett: unknown setting "targett" for policy "national"; its settings are: minPossible, persistentAbsenceRate, target',
    ]);
  });

  it('treat names every object inherits, such as constructor, as unknown settings', () => {
    expect(problems(libraryOf(NATIONAL), 'national', { constructor: 0.5 })).toEqual([
      'settings.constructor: unknown setting "constructor" for policy "national"; its settings are: minPossible, persistentAbsenceRate, target',
    ]);
    const child = childAdding(
      '  - { id: r, kind: weekly-rate, measure: absence-rate, atLeast: $toString }\n',
    );
    expect(problems(libraryOf(NATIONAL, child), 'child')).toEqual([
      'rules.r.measure: refers to setting "$toString" that policy "child" does not define',
    ]);
  });

  it('name a $setting reference to a setting that does not exist', () => {
    const child = childAdding(
      '  - { id: severe, kind: weekly-rate, measure: absence-rate, atLeast: $severeRate }\n',
    );
    expect(problems(libraryOf(NATIONAL, child), 'child')).toEqual([
      'rules.severe.measure: refers to setting "$severeRate" that policy "child" does not define',
    ]);
  });

  it('name a window they cannot read', () => {
    const child = childAdding(
      '  - { id: r, kind: count-in-window, codes: [N], threshold: 3, window: rolling ten school weeks }\n',
    );
    expect(problems(libraryOf(NATIONAL, child), 'child')).toEqual([
      'rules.r.window: unknown window "rolling ten school weeks"; use "rolling N school weeks", "term", "term+previous", "academic year" or "calendar month"',
    ]);
  });

  it('refuse thresholds that are not whole numbers and rates outside 0 to 1', () => {
    const child = childAdding(
      [
        '  - { id: a, kind: count-in-window, codes: [N], threshold: 2.5, window: term }',
        '  - { id: b, kind: weekly-rate, measure: attendance-rate, below: 1.5 }',
        '  - { id: c, kind: consecutive-days, codes: [N], days: 0 }',
        '',
      ].join('\n'),
    );
    expect(problems(libraryOf(NATIONAL, child), 'child')).toEqual([
      'rules.a.threshold: must be a whole number of at least 1, not 2.5',
      'rules.b.measure: must be a rate between 0 and 1 with at most 9 decimal places, not 1.5',
      'rules.c.days: must be a whole number of at least 1, not 0',
    ]);
  });

  it('refuse a weekly rate with both or neither of below and atLeast', () => {
    const child = childAdding(
      [
        '  - { id: both, kind: weekly-rate, measure: attendance-rate, below: 0.9, atLeast: 0.1 }',
        '  - { id: neither, kind: weekly-rate, measure: attendance-rate }',
        '',
      ].join('\n'),
    );
    expect(problems(libraryOf(NATIONAL, child), 'child')).toEqual([
      'rules.both.measure: give exactly one of "below" or "atLeast"',
      'rules.neither.measure: give exactly one of "below" or "atLeast"',
    ]);
  });

  it('refuse codes that are neither codes nor code sets', () => {
    const child = childAdding('  - { id: r, kind: consecutive-days, codes: [unauth], days: 3 }\n');
    expect(problems(libraryOf(NATIONAL, child), 'child')).toEqual([
      'rules.r.codes: "unauth" is neither an attendance code nor a code set (UNAUTH, ABSENT, UNEXPLAINED, UNPLANNED)',
    ]);
  });

  it('refuse to remove, replace or change a rule the base does not have', () => {
    const child = `format: rollcall-policy/1
name: child
base: national
remove: [no-such-rule]
replace:
  - { id: missing, kind: consecutive-days, codes: [N], days: 3 }
change:
  absent: { days: 4 }
`;
    expect(problems(libraryOf(NATIONAL, child), 'child')).toEqual([
      'policy child: cannot remove rule "no-such-rule": its base has no such rule',
      'policy child: cannot replace rule "missing": its base has no such rule',
      'policy child: cannot change rule "absent": its base has no such rule',
    ]);
  });

  it('refuse to add a rule the base already has', () => {
    const child = childAdding('  - { id: penalty, kind: consecutive-days, codes: [N], days: 3 }\n');
    expect(problems(libraryOf(NATIONAL, child), 'child')).toEqual([
      'policy child: rule "penalty" is already in its base; use replace or change',
    ]);
  });

  it('refuse a change that makes the rule invalid, naming the field', () => {
    const child = `format: rollcall-policy/1\nname: child\nbase: national\nchange:\n  penalty: { threshold: ten }\n`;
    const [problem, ...rest] = problems(libraryOf(NATIONAL, child), 'child');
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^policy child: change to rule "penalty" is not valid: threshold /);
  });
});

describe('parseWindow', () => {
  const read = (text: string) => {
    const found: InputProblem[] = [];
    const window = parseWindow(text, 'window', found);
    return found.length > 0 ? found.map((p) => p.message) : window;
  };

  it('reads every window of rules.md', () => {
    expect(read('rolling 10 school weeks')).toEqual({ kind: 'rolling-school-weeks', weeks: 10 });
    expect(read('rolling 1 school week')).toEqual({ kind: 'rolling-school-weeks', weeks: 1 });
    expect(read('term')).toEqual({ kind: 'term' });
    expect(read('term+previous')).toEqual({ kind: 'term-and-previous' });
    expect(read('academic year')).toEqual({ kind: 'academic-year' });
    expect(read('calendar month')).toEqual({ kind: 'calendar-month' });
  });

  it('refuses anything else, including a rolling window of no weeks', () => {
    for (const text of ['rolling 0 school weeks', 'rolling ten school weeks', 'year', 'terms', ''])
      expect(read(text)).toEqual([
        `unknown window "${text}"; use "rolling N school weeks", "term", "term+previous", "academic year" or "calendar month"`,
      ]);
  });
});
