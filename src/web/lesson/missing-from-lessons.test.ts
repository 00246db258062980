import { describe, expect, it } from 'vitest';
import type { ClassRoll } from './use-class-rolls.ts';
import {
  describeMissedPupil,
  findPreviousWeekday,
  listMissedLessons,
} from './missing-from-lessons.ts';

const lesson = (lessonId: number, period: string, startsAt: string) => ({
  lessonId,
  classId: 1,
  subject: 'Maths',
  period,
  session: 'AM' as const,
  startsAt,
  endsAt: '12:00',
  teacherUserId: null,
});

describe('the missing from lessons list', () => {
  it('joins each case to its lesson and orders the day by period start', () => {
    const missed = listMissedLessons(
      [
        { pupilId: 4, session: 'AM', sessionCode: '/', lessonId: 2, period: '3', lessonCode: 'N' },
        { pupilId: 9, session: 'AM', sessionCode: 'L', lessonId: 1, period: '2', lessonCode: 'N' },
        { pupilId: 5, session: 'AM', sessionCode: '/', lessonId: 7, period: '4', lessonCode: 'N' },
      ],
      [lesson(1, '2', '09:50'), lesson(2, '3', '11:10')],
    );
    expect(missed.map((entry) => [entry.pupilId, entry.lesson?.period ?? null])).toEqual([
      [5, null],
      [9, '2'],
      [4, '3'],
    ]);
  });

  it('steps back over a weekend to Friday', () => {
    expect(findPreviousWeekday('2024-09-04')).toBe('2024-09-03');
    expect(findPreviousWeekday('2024-09-09')).toBe('2024-09-06');
    expect(findPreviousWeekday('2024-09-01')).toBe('2024-08-30');
  });

  it('names a pupil from their lesson class’s roll, and says when it is not known', () => {
    const roll: ClassRoll = {
      kind: 'loaded',
      register: {
        classId: 1,
        className: '3B',
        schoolId: 1,
        date: '2024-09-04',
        session: 'AM',
        pupils: [
          { pupilId: 9, firstName: 'Noah', lastName: 'Bennett', mark: null, absenceReport: null },
        ],
      },
    };
    const maths = lesson(1, '2', '09:50');
    expect(describeMissedPupil({ pupilId: 9, lesson: maths }, new Map([[1, roll]]))).toEqual({
      name: 'Bennett, Noah',
      className: '3B',
    });
    expect(describeMissedPupil({ pupilId: 9, lesson: maths }, new Map())).toEqual({
      name: 'Pupil 9',
      className: 'Loading…',
    });
    expect(
      describeMissedPupil(
        { pupilId: 9, lesson: maths },
        new Map([[1, { kind: 'failed', error: new Error('offline') } satisfies ClassRoll]]),
      ),
    ).toEqual({ name: 'Pupil 9', className: 'Could not be loaded' });
  });
});
