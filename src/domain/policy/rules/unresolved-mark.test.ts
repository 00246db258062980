import { describe, expect, it } from 'vitest';
import { alertsOf, autumn2024, evaluate, pupilWithMarks, unresolvedMark } from '../test-support.ts';

const autumn = autumn2024();
const unresolvedN = unresolvedMark('unresolved-n', { code: 'N', days: 5 });

describe('unresolved mark', () => {
  it('fires at the same session of the fifth school day after, skipping the weekend', () => {
    // Wednesday 4 September: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11.
    const pupil = pupilWithMarks(autumn, ['2024-09-04 AM N', '2024-09-06 PM N']);
    const evaluation = evaluate(autumn, [unresolvedN], [pupil], '2024-12-20');
    expect(evaluation.pupils[0]?.alerts).toEqual([
      { rule: 'unresolved-n', date: '2024-09-11', session: 'AM', from: '2024-09-04' },
      { rule: 'unresolved-n', date: '2024-09-13', session: 'PM', from: '2024-09-06' },
    ]);
  });

  it('fires only when that day is on or before as-of', () => {
    const pupil = pupilWithMarks(autumn, ['2024-09-04 PM N']);
    expect(alertsOf(autumn, [unresolvedN], pupil, '2024-09-10')).toEqual([]);
    expect(alertsOf(autumn, [unresolvedN], pupil, '2024-09-11')).toEqual([
      'unresolved-n 2024-09-11 PM',
    ]);
  });

  it('counts school days only, so a half term does not use up the days', () => {
    // Mon 21 October: Tue 22, Wed 23, Thu 24, Fri 25, (half term), Mon 4 November.
    const pupil = pupilWithMarks(autumn, ['2024-10-21 AM N']);
    expect(alertsOf(autumn, [unresolvedN], pupil, '2024-12-20')).toEqual([
      'unresolved-n 2024-11-04 AM',
    ]);
  });

  it('does not fire for a mark that has been resolved to another code', () => {
    const pupil = pupilWithMarks(autumn, ['2024-09-04 AM N', '2024-09-04 AM I']);
    expect(alertsOf(autumn, [unresolvedN], pupil, '2024-12-20')).toEqual([]);
  });

  it('does not fire when the due day is past the last term', () => {
    const pupil = pupilWithMarks(autumn, ['2024-12-16 AM N']);
    expect(alertsOf(autumn, [unresolvedN], pupil, '2025-08-31')).toEqual([]);
  });
});
