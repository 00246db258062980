import { describe, expect, it } from 'vitest';
import {
  describeLeaveCode,
  describeLeaveSpan,
  describeSessionCount,
  describeSessionDays,
} from './leave-words.ts';

describe('the words for a leave request', () => {
  it('counts sessions as school days', () => {
    expect(describeSessionCount(6)).toBe('6 sessions (3 school days)');
    expect(describeSessionCount(2)).toBe('2 sessions (1 school day)');
    expect(describeSessionCount(3)).toBe('3 sessions (1½ school days)');
    expect(describeSessionCount(1)).toBe('1 session (half a school day)');
    expect(describeSessionCount(0)).toBe('0 sessions (0 school days)');
  });

  it('describes a span by its days, naming a half day only when there is one', () => {
    expect(
      describeLeaveSpan(
        { date: '2024-09-09', session: 'AM' },
        { date: '2024-09-11', session: 'PM' },
      ),
    ).toBe('Monday 9 September 2024 to Wednesday 11 September 2024');
    expect(
      describeLeaveSpan(
        { date: '2024-09-09', session: 'PM' },
        { date: '2024-09-10', session: 'AM' },
      ),
    ).toBe('Monday 9 September 2024 (afternoon) to Tuesday 10 September 2024 (morning only)');
    expect(
      describeLeaveSpan(
        { date: '2024-09-09', session: 'AM' },
        { date: '2024-09-09', session: 'PM' },
      ),
    ).toBe('Monday 9 September 2024');
  });

  it('explains the codes leave turns into', () => {
    expect(describeLeaveCode('C')).toBe('C (leave for exceptional circumstances)');
    expect(describeLeaveCode('H')).toBe('H (holiday agreed by the school)');
    expect(describeLeaveCode('G')).toBe('G (holiday not agreed)');
  });

  it('lists whole days by date and half days with their session', () => {
    expect(
      describeSessionDays([
        { date: '2024-09-09', session: 'AM' },
        { date: '2024-09-09', session: 'PM' },
        { date: '2024-09-10', session: 'PM' },
      ]),
    ).toBe('Monday 9 September 2024; Tuesday 10 September 2024, afternoon');
  });
});
