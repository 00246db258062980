import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../domain/policy/compile-policy.ts';
import type { Policy } from '../domain/policy/policy.ts';
import { buildPolicyLibrary } from '../scenario/policy-library.ts';
import { describePolicy } from './statistics-view.service.ts';

function loadPreset(name: string): Policy {
  const library = buildPolicyLibrary();
  if (!library.ok) throw new Error('the shipped presets do not load');
  const policy = compilePolicy(library.value, name);
  if (!policy.ok) throw new Error(`the preset ${name} does not compile`);
  return policy.value;
}

describe('the penalty-notice basis of a policy', () => {
  it('is the national rule alone under the national framework', () => {
    expect(describePolicy(loadPreset('england-2024'), 'england').penaltyNotice).toEqual({
      national: '10 unauthorised sessions in 10 school weeks',
      nationalRuleId: 'penalty-notice-threshold',
      localTriggers: [],
    });
  });

  it("names Aycliffe Drive's two-term count as a local trigger, not the national rule", () => {
    const basis = describePolicy(loadPreset('aycliffe-drive'), 'england').penaltyNotice;
    expect(basis?.nationalRuleId).toBeNull();
    expect(basis?.localTriggers.map((trigger) => trigger.ruleId)).toEqual([
      'penalty-notice-threshold',
    ]);
  });

  it("keeps Wigston's national rule and names its holiday trigger as local", () => {
    const basis = describePolicy(loadPreset('wigston'), 'england').penaltyNotice;
    expect(basis?.nationalRuleId).toBe('penalty-notice-threshold');
    expect(basis?.localTriggers.map((trigger) => trigger.ruleId)).toEqual(['holiday-report']);
  });

  it('is not stated for Wales, whose penalty notices follow other rules', () => {
    expect(describePolicy(loadPreset('wales'), 'wales').penaltyNotice).toBeNull();
  });
});

describe('what the alerts of a rule count', () => {
  it('is school days for a run of consecutive days and sessions for a count in a window', () => {
    const rules = describePolicy(loadPreset('england-2024'), 'england').rules;
    expect(rules.find((rule) => rule.id === 'la-notification-10-days')?.countsIn).toBe(
      'school days',
    );
    expect(rules.find((rule) => rule.id === 'penalty-notice-threshold')?.countsIn).toBe('sessions');
  });
});
