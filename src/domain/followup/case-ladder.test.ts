import { describe, expect, it } from 'vitest';
import {
  ROCH_LADDER,
  WIGSTON_LADDER,
  describeAlertKey,
  isMonitoredStage,
  proposeCaseAction,
  proposeCaseStage,
} from './case-ladder.ts';

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

describe('case actions from alerts', () => {
  it('opens a case for a pupil without one, and advances an open case', () => {
    const alerts = [alert('welfare-check'), alert('attendance-below-95')];
    expect(proposeCaseAction(WIGSTON_LADDER, alerts, null, new Set())).toMatchObject({
      kind: 'open',
      fromStage: 0,
      stage: 2,
    });
    expect(proposeCaseAction(WIGSTON_LADDER, alerts, 1, new Set())).toMatchObject({
      kind: 'advance',
      fromStage: 1,
      stage: 2,
    });
  });

  it('does not propose again for an alert staff decided on, but does for a later one', () => {
    const dismissed = new Set([describeAlertKey(alert('attendance-below-95'))]);
    const action = proposeCaseAction(
      WIGSTON_LADDER,
      [alert('welfare-check'), alert('attendance-below-95')],
      null,
      dismissed,
    );
    expect(action).toMatchObject({ stage: 1, because: [{ rule: 'welfare-check' }] });
    const later = { ...alert('attendance-below-95'), date: '2025-01-17' };
    expect(proposeCaseAction(WIGSTON_LADDER, [later], null, dismissed)?.stage).toBe(2);
  });

  it('monitors Wigston cases from stage 2 (weekly messages) and no Roch stage', () => {
    expect(isMonitoredStage(WIGSTON_LADDER, 1)).toBe(false);
    expect(isMonitoredStage(WIGSTON_LADDER, 2)).toBe(true);
    expect(isMonitoredStage(WIGSTON_LADDER, 4)).toBe(true);
    expect(isMonitoredStage(ROCH_LADDER, 3)).toBe(false);
  });
});
