import { describe, expect, it } from 'vitest';
import {
  absenceOf,
  absenceRateOf,
  addSessionCounts,
  attendanceRateOf,
  emptySessionCounts,
  isPersistentAbsence,
  isSevereAbsence,
  type SessionCounts,
} from './session-counts.ts';

/** Counts with `possible` sessions of which `absent` are absences (split authorised/unauthorised). */
function counts(possible: number, absent: number): SessionCounts {
  const unauthorised = Math.floor(absent / 2);
  return {
    ...emptySessionCounts(),
    possible,
    attended: possible - absent,
    present: possible - absent,
    authorisedAbsence: absent - unauthorised,
    unauthorisedAbsence: unauthorised,
  };
}

describe('persistent absence', () => {
  it('holds when exactly 10% of possible sessions are missed (absent * 10 == possible)', () => {
    expect(isPersistentAbsence(counts(100, 10))).toBe(true);
    expect(isPersistentAbsence(counts(20, 2))).toBe(true);
  });

  it('does not hold just below 10%', () => {
    expect(isPersistentAbsence(counts(100, 9))).toBe(false);
    expect(isPersistentAbsence(counts(101, 10))).toBe(false);
  });

  it('does not hold with no possible sessions', () => {
    expect(isPersistentAbsence(counts(0, 0))).toBe(false);
  });
});

describe('severe absence', () => {
  it('holds when exactly half the possible sessions are missed', () => {
    expect(isSevereAbsence(counts(100, 50))).toBe(true);
    expect(isSevereAbsence(counts(3, 2))).toBe(true);
  });

  it('does not hold just below half', () => {
    expect(isSevereAbsence(counts(100, 49))).toBe(false);
    expect(isSevereAbsence(counts(3, 1))).toBe(false);
  });

  it('does not hold with no possible sessions', () => {
    expect(isSevereAbsence(counts(0, 0))).toBe(false);
  });
});

describe('rates', () => {
  it('divide attended and absent sessions by possible sessions', () => {
    expect(attendanceRateOf(counts(40, 4))).toBeCloseTo(0.9, 10);
    expect(absenceRateOf(counts(40, 4))).toBeCloseTo(0.1, 10);
    expect(absenceOf(counts(40, 4))).toBe(4);
  });

  it('are null when there are no possible sessions', () => {
    expect(attendanceRateOf(counts(0, 0))).toBeNull();
    expect(absenceRateOf(counts(0, 0))).toBeNull();
  });
});

describe('addSessionCounts', () => {
  it('adds every field into the total and returns it', () => {
    const total = counts(10, 2);
    total.notPossible = 1;
    total.unmarked = 3;
    total.late = 1;
    const more = counts(20, 5);
    more.approvedActivity = 2;
    more.notPossible = 4;
    const result = addSessionCounts(total, more);
    expect(result).toBe(total);
    expect(result).toEqual({
      possible: 30,
      attended: 23,
      present: 23,
      late: 1,
      approvedActivity: 2,
      authorisedAbsence: 1 + 3,
      unauthorisedAbsence: 1 + 2,
      notPossible: 5,
      unmarked: 3,
    });
  });
});
