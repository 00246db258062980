import { describe, expect, it } from 'vitest';
import { ROCH_LADDER, WIGSTON_LADDER, proposeCaseStage } from './case-ladder.ts';

const alert = (rule: string) => ({ rule, date: '2025-01-10', session: 'PM' as const });

describe('case ladders', () => {
  it('has six Wigston stages and five Roch steps', () => {
    expect(WIGSTON_LADDER.stages.map((s) => s.stage)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ROCH_LADDER.stages.map((s) => s.stage)).toEqual([1, 2, 3, 4, 5]);
  });

  it('proposes the highest stage the alerts point to, naming them', () => {
    const proposal = proposeCaseStage(
      WIGSTON_LADDER,
      [alert('welfare-check'), alert('attendance-below-90'), alert('unrelated')],
      0,
    );
    expect(proposal?.stage).toBe(3);
    expect(proposal?.because.map((a) => a.rule)).toEqual(['attendance-below-90']);
  });

  it('proposes nothing when the case is already at or beyond that stage', () => {
    expect(proposeCaseStage(ROCH_LADDER, [alert('pss-referral')], 3)).toBeNull();
    expect(proposeCaseStage(ROCH_LADDER, [alert('penalty-notice-threshold')], 3)?.stage).toBe(5);
  });
});
