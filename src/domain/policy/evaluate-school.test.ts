import { describe, expect, it } from 'vitest';
import { evaluateSchool, preparePolicy } from './evaluate-school.ts';
import {
  alertsOf,
  autumn2024,
  consecutiveDays,
  countInWindow,
  evaluate,
  policyOf,
  presentDays,
  pupilOf,
  pupilWithMarks,
  unresolvedMark,
  weeklyRate,
} from './test-support.ts';

const autumn = autumn2024();

describe('alerts', () => {
  it('are listed by date, then AM before PM, then rule id, whatever the order of the rules', () => {
    const rules = [
      countInWindow('zeta', { codes: ['N'], threshold: 1, window: 'term' }),
      consecutiveDays('mid', { codes: ['N'], days: 1 }),
      unresolvedMark('aardvark', { code: 'N', days: 1 }),
      countInWindow('alpha', { codes: ['N'], threshold: 1, window: 'term' }),
    ];
    const pupil = pupilWithMarks(autumn, ['2024-09-02 AM N N N']);
    expect(alertsOf(autumn, rules, pupil, '2024-12-20')).toEqual([
      'alpha 2024-09-02 AM',
      'zeta 2024-09-02 AM',
      'alpha 2024-09-02 PM',
      'mid 2024-09-02 PM',
      'zeta 2024-09-02 PM',
      'aardvark 2024-09-03 AM',
      'alpha 2024-09-03 AM',
      'zeta 2024-09-03 AM',
      'aardvark 2024-09-03 PM',
      'aardvark 2024-09-04 AM',
    ]);
  });

  it('of weekly rules due at the same session are ordered by rule id', () => {
    const rules = [
      weeklyRate('severe', { measure: 'absence-rate', atLeast: 0.5 }),
      weeklyRate('persistent', { measure: 'absence-rate', atLeast: 0.1 }),
    ];
    const pupil = pupilOf(autumn, 'N '.repeat(20));
    expect(alertsOf(autumn, rules, pupil, '2024-12-20')).toEqual([
      'persistent 2024-09-13 PM',
      'severe 2024-09-13 PM',
    ]);
  });
});

describe('an evaluation', () => {
  it('states its format, as-of date and period, and lists pupils in input order', () => {
    const pupils = ['C', 'A', 'B'].map((id) => pupilOf(autumn, presentDays(5), { id }));
    const evaluation = evaluate(autumn, [], pupils, '2024-10-09');
    expect(evaluation.format).toBe('rollcall-evaluation/1');
    expect(evaluation.asOf).toBe('2024-10-09');
    expect(evaluation.period).toEqual({ from: '2024-09-02', to: '2024-10-09' });
    expect(evaluation.pupils.map((p) => p.id)).toEqual(['C', 'A', 'B']);
  });

  it('reuses its buffers without leaking one pupil’s events into the next', () => {
    const absent = pupilOf(autumn, 'N '.repeat(20), { id: 'absent' });
    const present = pupilOf(autumn, presentDays(10), { id: 'present' });
    const rules = [countInWindow('r', { codes: ['N'], threshold: 1, window: 'term' })];
    const evaluation = evaluate(autumn, rules, [absent, present], '2024-09-13');
    expect(evaluation.pupils[0]?.alerts).toHaveLength(20);
    expect(evaluation.pupils[1]?.alerts).toEqual([]);
    expect(evaluation.pupils[1]?.codes).toEqual({ '/': 10, '\\': 10 });
  });
});

describe('preparePolicy', () => {
  it('refuses a rule that names a code the jurisdiction does not have', () => {
    const rules = [
      countInWindow('performances', { codes: ['C1'], threshold: 2, window: 'term' }),
      unresolvedMark('unresolved-q9', { code: 'Q9', days: 5 }),
    ];
    const prepared = preparePolicy(policyOf(rules), autumn, 'wales', '2024-12-20');
    expect(prepared.ok ? [] : prepared.error).toEqual([
      { field: 'rules.performances', message: 'code "C1" is not an attendance code in Wales' },
      { field: 'rules.unresolved-q9', message: 'code "Q9" is not an attendance code in Wales' },
    ]);
  });

  it('accepts a code from an earlier English table, such as H', () => {
    const rules = [countInWindow('holiday', { codes: ['H'], threshold: 2, window: 'term' })];
    const prepared = preparePolicy(policyOf(rules), autumn, 'england', '2024-12-20');
    expect(prepared.ok).toBe(true);
    if (prepared.ok) expect(evaluateSchool(prepared.value, []).pupils).toEqual([]);
  });
});
