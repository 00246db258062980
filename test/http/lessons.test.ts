import { beforeAll, describe, expect, it } from 'vitest';
import { createLesson, type Lesson } from '../../src/store/lesson.repository.ts';
import { freshKey, sendAs, useApiWorld } from './api-world.ts';

describe('lesson registers and post-registration truancy', () => {
  const api = useApiWorld();
  let taughtLesson: Lesson;
  let otherLesson: Lesson;

  beforeAll(async () => {
    const lesson = (classId: number, period: string) =>
      createLesson(api.world.db, {
        schoolId: api.world.school.id,
        classId,
        teacherUserId: null,
        subject: 'Mathematics',
        weekday: 3,
        period,
        session: 'AM',
        startsAt: '10:00',
        endsAt: '11:00',
        validFrom: '2024-09-02',
        validTo: null,
      });
    taughtLesson = await lesson(api.world.taughtClassId, 'P2');
    otherLesson = await lesson(api.world.otherClassId, 'P2');
  });

  const pupilsOfTaughtClass = () => [api.world.child, ...api.world.classmates];

  it("lists the day's lessons, a teacher seeing only their own classes'", async () => {
    const asTeacher = await sendAs(api.world, 'teacher', {
      method: 'GET',
      url: `/api/schools/${api.world.school.id}/lessons?date=2024-09-04`,
    });
    expect(asTeacher.statusCode).toBe(200);
    expect(
      asTeacher.json<{ lessons: { lessonId: number }[] }>().lessons.map((l) => l.lessonId),
    ).toEqual([taughtLesson.id]);
    const asHead = await sendAs(api.world, 'headteacher', {
      method: 'GET',
      url: `/api/schools/${api.world.school.id}/lessons?date=2024-09-04`,
    });
    expect(asHead.json<{ lessons: unknown[] }>().lessons).toHaveLength(2);
  });

  it('flags a pupil present at registration but marked absent from a later lesson', async () => {
    const session = await sendAs(api.world, 'teacher', {
      method: 'PUT',
      url: `/api/classes/${api.world.taughtClassId}/register`,
      headers: { 'idempotency-key': freshKey() },
      payload: {
        date: '2024-09-04',
        session: 'AM',
        entries: pupilsOfTaughtClass().map((pupil) => ({ pupilId: pupil.id, code: '/' })),
      },
    });
    expect(session.statusCode).toBe(200);
    const lesson = await sendAs(api.world, 'teacher', {
      method: 'PUT',
      url: `/api/lessons/${taughtLesson.id}/register`,
      payload: {
        date: '2024-09-04',
        entries: pupilsOfTaughtClass().map((pupil) => ({
          pupilId: pupil.id,
          code: pupil.id === api.world.child.id ? 'N' : '/',
        })),
      },
    });
    expect(lesson.statusCode).toBe(200);
    expect(lesson.json()).toEqual({ lessonId: taughtLesson.id, date: '2024-09-04', recorded: 3 });

    const register = await sendAs(api.world, 'teacher', {
      method: 'GET',
      url: `/api/lessons/${taughtLesson.id}/register?date=2024-09-04`,
    });
    expect(
      register
        .json<{ pupils: { pupilId: number; mark: { code: string } | null }[] }>()
        .pupils.find((p) => p.pupilId === api.world.child.id)?.mark?.code,
    ).toBe('N');

    const truancy = await sendAs(api.world, 'office', {
      method: 'GET',
      url: `/api/schools/${api.world.school.id}/post-registration-truancy?date=2024-09-04`,
    });
    expect(truancy.statusCode).toBe(200);
    expect(truancy.json<{ suspected: unknown[] }>().suspected).toEqual([
      {
        pupilId: api.world.child.id,
        session: 'AM',
        sessionCode: '/',
        lessonId: taughtLesson.id,
        period: 'P2',
        lessonCode: 'N',
      },
    ]);
  });

  it("refuses another class's lesson to a teacher, and truancy lists to a teacher", async () => {
    const other = await sendAs(api.world, 'teacher', {
      method: 'PUT',
      url: `/api/lessons/${otherLesson.id}/register`,
      payload: {
        date: '2024-09-04',
        entries: api.world.otherClassPupils.map((pupil) => ({ pupilId: pupil.id, code: '/' })),
      },
    });
    expect(other.statusCode).toBe(403);
    const truancy = await sendAs(api.world, 'teacher', {
      method: 'GET',
      url: `/api/schools/${api.world.school.id}/post-registration-truancy?date=2024-09-04`,
    });
    expect(truancy.statusCode).toBe(403);
  });

  it('refuses statutory codes, days the lesson does not run and pupils of other classes, recording nothing', async () => {
    const put = (payload: unknown) =>
      sendAs(api.world, 'teacher', {
        method: 'PUT',
        url: `/api/lessons/${taughtLesson.id}/register`,
        payload,
      });
    const before = await api.world.db
      .selectFrom('lesson_marks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const wrongCode = await put({
      date: '2024-09-04',
      entries: [{ pupilId: api.world.child.id, code: 'I' }],
    });
    expect(wrongCode.statusCode).toBe(422);
    expect(wrongCode.json<{ errors: { message: string }[] }>().errors[0]?.message).toContain(
      'is not a lesson mark',
    );
    const wrongDay = await put({
      date: '2024-09-03',
      entries: [{ pupilId: api.world.child.id, code: '/' }],
    });
    expect(wrongDay.statusCode).toBe(422);
    const stranger = await put({
      date: '2024-09-04',
      entries: [{ pupilId: api.world.otherClassPupils[0]?.id ?? 0, code: '/' }],
    });
    expect(stranger.statusCode).toBe(422);
    const malformed = await put({ date: '4th September', entries: [] });
    expect(malformed.statusCode).toBe(400);
    const after = await api.world.db
      .selectFrom('lesson_marks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
