import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../domain/policy/compile-policy.ts';
import type { Policy } from '../domain/policy/policy.ts';
import { formatProblem } from '../domain/problem.ts';
import { buildPolicyLibrary, loadShippedPresets } from './policy-library.ts';

const ENGLAND = [
  'penalty-notice-threshold',
  'la-notification-10-days',
  'persistent-absence',
  'severe-absence',
];
const WALES = ['persistent-absence', 'severe-absence'];

/** The presets of rules.md with their rule ids (bases included) and target. */
const PRESETS: Record<string, { rules: string[]; target: number }> = {
  'england-2024': { rules: ENGLAND, target: 0.95 },
  wales: { rules: WALES, target: 0.95 },
  'wales-pembrokeshire': { rules: [...WALES, 'penalty-notice-threshold'], target: 0.95 },
  'roch-cp': {
    rules: [
      ...WALES,
      'penalty-notice-threshold',
      'pso-referral',
      'pss-referral',
      'holiday-over-10-days',
    ],
    target: 0.96,
  },
  delapre: { rules: [...ENGLAND, 'irregular-attendance', 'missing-from-education'], target: 0.95 },
  wigston: {
    rules: [
      ...ENGLAND,
      'attendance-below-98',
      'attendance-below-95',
      'attendance-below-92',
      'attendance-below-90',
      'welfare-check',
      'welfare-check-3-in-3',
      'pme-15-days',
      'pme-20-sessions-month',
      'holiday-report',
    ],
    target: 0.96,
  },
  'aycliffe-drive': { rules: [...ENGLAND, 'religious-observance-over-2-days'], target: 0.96 },
  'mason-moor': {
    rules: [
      ...ENGLAND,
      'medical-evidence',
      'unresolved-n',
      'attendance-contract',
      'severe-absence-review',
    ],
    target: 0.95,
  },
};

function preset(name: string, overrides: Record<string, number> = {}): Policy {
  const result = compilePolicy(loadShippedPresets(), name, overrides);
  if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
  return result.value;
}

function ruleOf(policy: Policy, id: string) {
  return policy.rules.find((rule) => rule.id === id);
}

describe('the shipped presets', () => {
  it('are exactly the presets of rules.md', () => {
    expect([...loadShippedPresets().keys()].sort()).toEqual(Object.keys(PRESETS).sort());
  });

  it.each(Object.entries(PRESETS))(
    '%s compiles with the rules and target of rules.md',
    (name, want) => {
      const policy = preset(name);
      expect(policy.rules.map((rule) => rule.id).sort()).toEqual([...want.rules].sort());
      expect(policy.target.numerator / policy.target.denominator).toBe(want.target);
    },
  );

  it('set the national penalty threshold: 10 unauthorised sessions in 10 rolling school weeks', () => {
    expect(ruleOf(preset('england-2024'), 'penalty-notice-threshold')).toMatchObject({
      codes: ['UNAUTH'],
      threshold: 10,
      window: { kind: 'rolling-school-weeks', weeks: 10 },
      oncePer: null,
    });
  });

  it('replace the penalty threshold at Aycliffe Drive with 15 sessions over this and the previous term', () => {
    expect(ruleOf(preset('aycliffe-drive'), 'penalty-notice-threshold')).toMatchObject({
      threshold: 15,
      window: { kind: 'term-and-previous' },
    });
  });

  it('make the Pembrokeshire criterion once per term, only below 90% attendance', () => {
    expect(ruleOf(preset('wales-pembrokeshire'), 'penalty-notice-threshold')).toMatchObject({
      threshold: 10,
      window: { kind: 'term' },
      oncePer: 'term',
      onlyWhen: {
        measure: 'attendance-rate',
        comparison: 'below',
        threshold: { numerator: 9, denominator: 10 },
      },
    });
  });

  it('let a school override a bracketed setting such as the PA rate', () => {
    expect(
      ruleOf(preset('england-2024', { persistentAbsenceRate: 0.12 }), 'persistent-absence'),
    ).toMatchObject({
      condition: { threshold: { numerator: 12, denominator: 100 } },
    });
  });
});

describe('a school’s own policy file', () => {
  const ours = `format: rollcall-policy/1
name: our-academy
base: wigston
settings: { target: 0.97 }
remove: [holiday-report]
change:
  pme-15-days: { threshold: 40 }
rules:
  - { id: unresolved-n, kind: unresolved-mark, code: N, days: 3 }
`;

  it('builds on a shipped preset', () => {
    const library = buildPolicyLibrary([{ text: ours, file: 'ours.yaml' }]);
    if (!library.ok) throw new Error(library.error.map(formatProblem).join('\n'));
    const result = compilePolicy(library.value, 'our-academy');
    if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
    const ids = result.value.rules.map((rule) => rule.id);
    expect(ids).not.toContain('holiday-report');
    expect(ids).toContain('unresolved-n');
    expect(ids).toContain('penalty-notice-threshold');
    expect(result.value.bases).toEqual(['wigston', 'england-2024']);
    expect(ruleOf(result.value, 'pme-15-days')).toMatchObject({ threshold: 40 });
  });

  it('may not take the name of a preset', () => {
    const clash = ours.replace('name: our-academy', 'name: wigston');
    const library = buildPolicyLibrary([{ text: clash, file: 'ours.yaml' }]);
    expect(library.ok ? [] : library.error.map(formatProblem)).toEqual([
      'ours.yaml: name: policy name "wigston" is already taken by a preset; choose another name',
    ]);
  });

  it('reports its own problems with its file name', () => {
    const library = buildPolicyLibrary([
      { text: 'format: rollcall-policy/1\nname: [\n', file: 'ours.yaml' },
    ]);
    expect(library.ok ? [] : library.error.map(formatProblem)).toEqual([
      expect.stringMatching(/^ours\.yaml:\d+: malformed YAML: /),
    ]);
  });
});
