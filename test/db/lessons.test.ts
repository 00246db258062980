import { describe, expect, test } from 'vitest';
import { lockLessonMarks } from '../../src/store/lesson-register.repository.ts';
import {
  createLessons,
  listLessonsOn,
  recordLessonMarks,
  type LessonMark,
  type NewLesson,
} from '../../src/store/lesson.repository.ts';
import { makeLesson, makeRegister, makeTeachingGroup } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();

describe('a timetable created in bulk', () => {
  test('keeps every lesson, in the order given, across more than one insert', async () => {
    const { school, teacher } = await makeRegister(database.db, 1);
    const group = await makeTeachingGroup(database.db, school.id, '10Y/En1');
    // More lessons than one insert takes, so the second chunk is exercised too.
    const lessons: NewLesson[] = Array.from({ length: 1201 }, (_, index) => ({
      schoolId: school.id,
      classId: group.id,
      teacherUserId: index % 2 === 0 ? teacher.id : null,
      subject: `Subject ${String(index)}`,
      weekday: (index % 5) + 1,
      period: String(index),
      session: index % 2 === 0 ? 'AM' : 'PM',
      startsAt: '09:00',
      endsAt: '10:00',
      validFrom: '2024-09-02',
      validTo: index % 3 === 0 ? null : '2025-07-18',
    }));

    const created = await createLessons(database.db, lessons);

    expect(created.map((lesson) => ({ ...lesson, id: 0 }))).toEqual(
      lessons.map((lesson) => ({ ...lesson, id: 0 })),
    );
    const ids = created.map((lesson) => lesson.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const wednesday = await listLessonsOn(database.db, {
      schoolId: school.id,
      date: '2024-09-04',
      weekday: 3,
    });
    expect(wednesday).toHaveLength(lessons.filter((lesson) => lesson.weekday === 3).length);
  });

  test('with no lessons inserts nothing', async () => {
    expect(await createLessons(database.db, [])).toEqual([]);
  });
});

describe("a lesson register's lock", () => {
  test('makes a second writer wait for the first, then read the marks it wrote', async () => {
    const { school, teacher, pupils } = await makeRegister(database.db, 1);
    const [{ pupil, enrolment }] = pupils as [(typeof pupils)[number]];
    const group = await makeTeachingGroup(database.db, school.id, '9X/Ma2');
    const lesson = await makeLesson(database.db, {
      schoolId: school.id,
      classId: group.id,
      teacherUserId: teacher.id,
      period: '3',
      startsAt: '11:00',
      endsAt: '12:00',
    });
    const query = { lessonId: lesson.id, date: '2024-09-04', pupilIds: [pupil.id] };
    let firstHasLock!: () => void;
    const locked = new Promise<void>((resolve) => (firstHasLock = resolve));
    let letFirstWrite!: () => void;
    const mayWrite = new Promise<void>((resolve) => (letFirstWrite = resolve));

    const first = database.db.transaction().execute(async (trx) => {
      expect(await lockLessonMarks(trx, query)).toEqual([]);
      firstHasLock();
      await mayWrite;
      await recordLessonMarks(trx, {
        lessonId: lesson.id,
        date: '2024-09-04',
        entries: [{ pupilId: pupil.id, enrolmentId: enrolment.id, code: 'L' }],
        recordedBy: teacher.id,
        at: new Date('2024-09-04T10:05:00Z'),
      });
    });
    await locked;
    let secondSaw: LessonMark[] | undefined;
    const second = database.db.transaction().execute(async (trx) => {
      secondSaw = await lockLessonMarks(trx, query);
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(secondSaw).toBeUndefined();

    letFirstWrite();
    await Promise.all([first, second]);
    expect(secondSaw?.map((mark) => [mark.code, mark.version])).toEqual([['L', 1]]);
  });
});
