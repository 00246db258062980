import { describe, expect, it } from 'vitest';
import {
  autumn2024,
  calendarOf,
  days,
  evaluate,
  presentDays,
  pupilOf,
} from '../policy/test-support.ts';

const calendar = autumn2024();

describe('period statistics of a pupil', () => {
  it('put each code in its category and keep possible = attended + authorised + unauthorised', () => {
    const pupil = pupilOf(calendar, '/ \\ L K V N I X Y1 -');
    const [result] = evaluate(calendar, [], [pupil], '2024-09-06').pupils;
    expect(result?.sessions).toEqual({
      possible: 7,
      attended: 5,
      present: 3,
      late: 1,
      approvedActivity: 2,
      authorisedAbsence: 1,
      unauthorisedAbsence: 1,
      notPossible: 2,
      unmarked: 1,
    });
    expect(result?.codes).toEqual({
      '/': 1,
      '\\': 1,
      L: 1,
      K: 1,
      V: 1,
      N: 1,
      I: 1,
      X: 1,
      Y1: 1,
    });
    expect(result?.attendanceRate).toBeCloseTo(5 / 7, 10);
    expect(result?.absenceRate).toBeCloseTo(2 / 7, 10);
  });

  it('list codes in code order, presence and late first, whichever of them a pupil has', () => {
    const codesOf = (marks: string) =>
      Object.keys(
        evaluate(calendar, [], [pupilOf(calendar, marks)], '2024-09-06').pupils[0]!.codes,
      );
    expect(codesOf('N \\ / L I \\')).toEqual(['/', '\\', 'L', 'I', 'N']);
    expect(codesOf('N \\ / \\ I \\')).toEqual(['/', '\\', 'I', 'N']);
    expect(codesOf('N L I L N L')).toEqual(['L', 'I', 'N']);
    expect(codesOf('/ N / I / L')).toEqual(['/', 'L', 'I', 'N']);
  });

  it('count sessions up to as-of that were never marked as unmarked, and not as possible', () => {
    const pupil = pupilOf(calendar, presentDays(2));
    const [result] = evaluate(calendar, [], [pupil], '2024-09-04').pupils;
    expect(result?.sessions.possible).toBe(4);
    expect(result?.sessions.unmarked).toBe(2);
    expect(result?.codes).toEqual({ '/': 2, '\\': 2 });
  });

  it('include both sessions of as-of and nothing after it', () => {
    const pupil = pupilOf(calendar, days('N', 10));
    const thursday = evaluate(calendar, [], [pupil], '2024-09-05').pupils[0];
    expect(thursday?.sessions.unauthorisedAbsence).toBe(8);
    const saturday = evaluate(calendar, [], [pupil], '2024-09-07').pupils[0];
    expect(saturday?.sessions.unauthorisedAbsence).toBe(10);
  });

  it('ignore sessions when the pupil is not on roll', () => {
    const pupil = pupilOf(calendar, days('N', 10), {
      rollFrom: '2024-09-04',
      rollTo: '2024-09-05',
    });
    const [result] = evaluate(calendar, [], [pupil], '2024-09-13').pupils;
    expect(result?.sessions.unauthorisedAbsence).toBe(4);
    expect(result?.sessions.unmarked).toBe(0);
    expect(result?.codes).toEqual({ N: 4 });
  });

  it('start a roll that begins on a weekend on the following school day', () => {
    const pupil = pupilOf(calendar, days('N', 10), { rollFrom: '2024-09-07' });
    const [result] = evaluate(calendar, [], [pupil], '2024-09-10').pupils;
    expect(result?.sessions.unauthorisedAbsence).toBe(4);
  });

  it('count only the academic year that holds as-of', () => {
    const twoYears = calendarOf([
      ['2024-07-15', '2024-07-19'],
      ['2024-09-02', '2024-09-06'],
    ]);
    const pupil = pupilOf(twoYears, `${days('N', 5)} ${presentDays(5)}`);
    const evaluation = evaluate(twoYears, [], [pupil], '2024-09-06');
    expect(evaluation.period).toEqual({ from: '2024-09-02', to: '2024-09-06' });
    expect(evaluation.pupils[0]?.sessions.unauthorisedAbsence).toBe(0);
    expect(evaluation.pupils[0]?.sessions.possible).toBe(10);
    expect(evaluation.pupils[0]?.codes).toEqual({ '/': 5, '\\': 5 });
  });

  it('count D as not possible in England and as attendance in Wales', () => {
    const pupil = pupilOf(calendar, 'D D / \\');
    const england = evaluate(calendar, [], [pupil], '2024-09-03', 'england').pupils[0];
    const wales = evaluate(calendar, [], [pupil], '2024-09-03', 'wales').pupils[0];
    expect(england?.sessions).toMatchObject({ possible: 2, attended: 2, notPossible: 2 });
    expect(wales?.sessions).toMatchObject({
      possible: 4,
      attended: 4,
      approvedActivity: 2,
      notPossible: 0,
    });
  });

  it('read registers before 19 August 2024 with the 2006 table and after it with the 2024 table', () => {
    const august = calendarOf([['2024-08-12', '2024-08-23']]);
    // H (agreed holiday) and J (interview, approved activity) were 2006 codes; K and J1 are 2024's.
    const pupil = pupilOf(august, `${days('H', 4)} J J ${days('K', 4)} J1 J1`);
    const [result] = evaluate(august, [], [pupil], '2024-08-23').pupils;
    expect(result?.sessions).toMatchObject({
      possible: 20,
      attended: 10,
      approvedActivity: 10,
      authorisedAbsence: 10,
      unmarked: 0,
    });
  });

  it('flag persistent absence at exactly 10% and severe absence at exactly 50%', () => {
    const persistent = pupilOf(calendar, `N ${repeatPresent(9)}`, { id: 'PA' });
    const notPersistent = pupilOf(calendar, `N ${repeatPresent(10)}`, { id: 'not-PA' });
    const severe = pupilOf(calendar, `N N ${repeatPresent(2)}`, { id: 'SA' });
    const notSevere = pupilOf(calendar, `N N ${repeatPresent(3)}`, { id: 'not-SA' });
    const evaluation = evaluate(
      calendar,
      [],
      [persistent, notPersistent, severe, notSevere],
      '2024-09-13',
    );
    // As of 13 September every pupil has 20 sessions; unmarked ones are not possible.
    const flags = evaluation.pupils.map((p) => [
      p.id,
      p.sessions.possible,
      p.persistentAbsence,
      p.severeAbsence,
    ]);
    expect(flags).toEqual([
      ['PA', 10, true, false],
      ['not-PA', 11, false, false],
      ['SA', 4, true, true],
      ['not-SA', 5, true, false],
    ]);
  });

  it('give null rates and no flags to a pupil with no possible sessions', () => {
    const pupil = pupilOf(calendar, days('X', 5));
    const [result] = evaluate(calendar, [], [pupil], '2024-09-06').pupils;
    expect(result?.sessions.possible).toBe(0);
    expect(result?.attendanceRate).toBeNull();
    expect(result?.absenceRate).toBeNull();
    expect(result?.persistentAbsence).toBe(false);
    expect(result?.severeAbsence).toBe(false);
  });
});

describe('school statistics', () => {
  it('sum the pupils, take rates of the sums and count flagged pupils', () => {
    const a = pupilOf(calendar, `${days('N', 1)} ${presentDays(4)}`, { id: 'A' });
    const b = pupilOf(calendar, `${presentDays(4)} I V`, { id: 'B' });
    const c = pupilOf(calendar, days('X', 5), { id: 'C' });
    const evaluation = evaluate(calendar, [], [a, b, c], '2024-09-06');
    expect(evaluation.school).toEqual({
      possible: 20,
      attended: 17,
      authorisedAbsence: 1,
      unauthorisedAbsence: 2,
      attendanceRate: 17 / 20,
      absenceRate: 3 / 20,
      // A misses 2 of 10 sessions and B 1 of 10: both persistently absent; C has none possible.
      persistentAbsenceCount: 2,
      severeAbsenceCount: 0,
    });
    expect(evaluation.pupils.map((p) => p.id)).toEqual(['A', 'B', 'C']);
  });
});

function repeatPresent(sessions: number): string {
  return Array.from({ length: sessions }, (_, i) => (i % 2 === 0 ? '\\' : '/')).join(' ');
}
