import { describe, expect, it } from 'vitest';
import {
  applyRecordedEntries,
  countLessonChoices,
  describeLesson,
  listChangedEntries,
  namePupilsInFields,
  summarizeLessonRegister,
  type LessonRow,
} from './lesson-register-model.ts';

const rows: LessonRow[] = [
  { pupilId: 1, firstName: 'Amelia', lastName: 'Ahmed', mark: { code: '/', version: 1 } },
  { pupilId: 2, firstName: 'Noah', lastName: 'Bennett', mark: null },
  { pupilId: 3, firstName: 'Isla', lastName: 'Campbell', mark: { code: 'L', version: 2 } },
];

describe('a lesson register on the page', () => {
  it('is taken when every pupil has a mark, partly taken with some, not taken with none', () => {
    expect(summarizeLessonRegister(rows)).toEqual({
      status: 'partly-taken',
      marked: 2,
      pupils: 3,
    });
    expect(summarizeLessonRegister(rows.filter((row) => row.mark !== null)).status).toBe('taken');
    expect(summarizeLessonRegister([rows[1]!]).status).toBe('not-taken');
    expect(summarizeLessonRegister([]).status).toBe('not-taken');
  });

  it('sends only the marks that differ from those recorded', () => {
    const choices = new Map<number, string | null>([
      [1, '/'],
      [2, 'N'],
      [3, '/'],
    ]);
    expect(listChangedEntries(rows, choices)).toEqual([
      { pupilId: 2, code: 'N', expectedVersion: null },
      { pupilId: 3, code: '/', expectedVersion: 2 },
    ]);
    expect(listChangedEntries(rows, new Map([[2, null]]))).toEqual([]);
  });

  it('holds the marks the server answered with once it has them', () => {
    const after = applyRecordedEntries(rows, [
      { pupilId: 2, code: 'N', version: 1 },
      { pupilId: 3, code: '/', version: 3 },
    ]);
    expect(after.map((row) => row.mark)).toEqual([
      { code: '/', version: 1 },
      { code: 'N', version: 1 },
      { code: '/', version: 3 },
    ]);
  });

  it('counts present, late, absent and unmarked pupils', () => {
    const choices = new Map<number, string | null>([
      [1, '/'],
      [2, null],
      [3, 'L'],
    ]);
    expect(countLessonChoices(rows, choices)).toEqual({
      present: 1,
      late: 1,
      absent: 0,
      unmarked: 1,
    });
  });

  it('names a lesson by subject and period, or by period alone', () => {
    expect(describeLesson({ subject: 'Maths', period: '2' })).toBe('Maths, period 2');
    expect(describeLesson({ subject: null, period: '2' })).toBe('Period 2');
  });

  it('names the pupil a refused mark belongs to, by position or by pupil id', () => {
    const named = namePupilsInFields(
      {
        detail: 'Correct the marks and send again; nothing was recorded.',
        fields: [
          { field: 'body.entries (pupil 3)', message: '"X" is not a lesson mark' },
          { field: 'body.entries.0.code', message: 'too long' },
          { field: 'body.date', message: 'not a date' },
        ],
      },
      [{ pupilId: 2 }],
      rows,
    );
    expect(named.fields).toEqual([
      { field: 'Campbell, Isla', message: '"X" is not a lesson mark' },
      { field: 'Bennett, Noah', message: 'too long' },
      { field: 'body.date', message: 'not a date' },
    ]);
  });
});
