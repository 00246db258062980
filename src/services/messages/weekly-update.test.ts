import { describe, expect, it } from 'vitest';
import { emptySessionCounts } from '../../domain/statistics/session-counts.ts';
import { compareWeeks } from './weekly-update.service.ts';

const week = (attended: number, possible: number) => ({
  ...emptySessionCounts(),
  attended,
  possible,
});

describe('a week against the week before', () => {
  it('is up, down or the same by exact rates, not rounded percentages', () => {
    expect(compareWeeks(week(10, 10), week(6, 10))).toBe('up');
    expect(compareWeeks(week(5, 8), week(6, 10))).toBe('up');
    expect(compareWeeks(week(3, 5), week(6, 10))).toBe('same');
    expect(compareWeeks(week(2, 3), week(667, 1000))).toBe('down');
  });

  it('is the first week when there was nothing to compare with', () => {
    expect(compareWeeks(week(8, 10), week(0, 0))).toBe('first-week');
  });
});
