import { describe, expect, test } from 'vitest';
import { createLessons, listLessonsOn, type NewLesson } from '../../src/store/lesson.repository.ts';
import { makeRegister, makeTeachingGroup } from './factories.ts';
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
