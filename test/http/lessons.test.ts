import { beforeAll, describe, expect, it } from 'vitest';
import type { Lesson } from '../../src/store/lesson.repository.ts';
import { makeLesson } from '../db/factories.ts';
import { freshKey, sendAs, useApiWorld } from './api-world.ts';

describe('lesson registers and post-registration truancy', () => {
  const api = useApiWorld();
  let taughtLesson: Lesson;
  let otherLesson: Lesson;
  let afternoonLesson: Lesson;

  beforeAll(async () => {
    const lesson = (classId: number, period: string, session: 'AM' | 'PM' = 'AM') =>
      makeLesson(api.world.db, {
        schoolId: api.world.school.id,
        classId,
        period,
        ...(session === 'PM' ? { session, startsAt: '13:30', endsAt: '14:30' } : {}),
      });
    taughtLesson = await lesson(api.world.taughtClassId, 'P2');
    otherLesson = await lesson(api.world.otherClassId, 'P2');
    afternoonLesson = await lesson(api.world.taughtClassId, 'P5', 'PM');
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
    ).toEqual([taughtLesson.id, afternoonLesson.id]);
    const asHead = await sendAs(api.world, 'headteacher', {
      method: 'GET',
      url: `/api/schools/${api.world.school.id}/lessons?date=2024-09-04`,
    });
    expect(asHead.json<{ lessons: unknown[] }>().lessons).toHaveLength(3);
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
    expect(lesson.json()).toEqual({
      lessonId: taughtLesson.id,
      date: '2024-09-04',
      recorded: 3,
      changed: 3,
      marks: pupilsOfTaughtClass().map((pupil) => ({
        pupilId: pupil.id,
        code: pupil.id === api.world.child.id ? 'N' : '/',
        version: 1,
      })),
    });

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

  describe('marks changed meanwhile', () => {
    const put = (entries: unknown[]) =>
      sendAs(api.world, 'teacher', {
        method: 'PUT',
        url: `/api/lessons/${afternoonLesson.id}/register`,
        payload: { date: '2024-09-04', entries },
      });
    const storedMark = async (pupilId: number) =>
      api.world.db
        .selectFrom('lesson_marks')
        .select(['code', 'version'])
        .where('lesson_id', '=', afternoonLesson.id)
        .where('pupil_id', '=', pupilId)
        .executeTakeFirst();

    it('refuses a late retry that would overwrite a newer mark, and writes nothing', async () => {
      const [first, second] = api.world.classmates;
      const child = api.world.child.id;
      const taken = await put([
        { pupilId: child, code: 'L', expectedVersion: null },
        { pupilId: first!.id, code: '/', expectedVersion: null },
      ]);
      expect(taken.statusCode).toBe(200);
      expect(taken.json()).toMatchObject({
        recorded: 2,
        changed: 2,
        marks: [
          { pupilId: child, code: 'L', version: 1 },
          { pupilId: first!.id, code: '/', version: 1 },
        ],
      });
      // Corrected from another device: the child was in on time.
      const corrected = await put([{ pupilId: child, code: '/', expectedVersion: 1 }]);
      expect(corrected.json()).toMatchObject({ changed: 1, marks: [{ code: '/', version: 2 }] });

      // The first request again, arriving late, with a new pupil besides.
      const late = await put([
        { pupilId: child, code: 'L', expectedVersion: null },
        { pupilId: first!.id, code: '/', expectedVersion: null },
        { pupilId: second!.id, code: 'N', expectedVersion: null },
      ]);
      expect(late.statusCode).toBe(409);
      const problem = late.json<{
        detail: string;
        errors: { field: string; message: string }[];
        conflicts: unknown[];
      }>();
      expect(problem.detail).toContain('Nothing was recorded');
      expect(problem.conflicts).toEqual([
        { pupilId: child, expectedVersion: null, current: { code: '/', version: 2 } },
      ]);
      expect(problem.errors).toEqual([
        { field: `body.entries (pupil ${child})`, message: 'now marked present (/)' },
      ]);
      expect(await storedMark(child)).toEqual({ code: '/', version: 2 });
      expect(await storedMark(second!.id)).toBeUndefined();
    });

    it('takes a repeat of marks already held as no change, whatever version it names', async () => {
      const child = api.world.child.id;
      const before = await storedMark(child);
      const repeat = await put([{ pupilId: child, code: before!.code, expectedVersion: null }]);
      expect(repeat.statusCode).toBe(200);
      expect(repeat.json()).toMatchObject({
        recorded: 1,
        changed: 0,
        marks: [{ pupilId: child, code: before!.code, version: before!.version }],
      });
      expect(await storedMark(child)).toEqual(before);
    });

    it('overwrites when no version is sent, as a script that does not track them expects', async () => {
      const child = api.world.child.id;
      const before = await storedMark(child);
      const overwrite = await put([{ pupilId: child, code: 'N' }]);
      expect(overwrite.statusCode).toBe(200);
      expect(await storedMark(child)).toEqual({ code: 'N', version: before!.version + 1 });
    });

    it('lets one of two simultaneous first marks for a pupil through and refuses the other', async () => {
      const pupil = api.world.classmates[1]!.id;
      const answers = await Promise.all([
        put([{ pupilId: pupil, code: '/', expectedVersion: null }]),
        put([{ pupilId: pupil, code: 'L', expectedVersion: null }]),
      ]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
      const winner = answers.find((answer) => answer.statusCode === 200)!;
      const stored = await storedMark(pupil);
      expect(stored).toEqual({
        code: winner.json<{ marks: { code: string }[] }>().marks[0]!.code,
        version: 1,
      });
    });

    it('refuses the same pupil twice in one request', async () => {
      const child = api.world.child.id;
      const twice = await put([
        { pupilId: child, code: '/' },
        { pupilId: child, code: 'L' },
      ]);
      expect(twice.statusCode).toBe(400);
      expect(twice.json<{ errors: { message: string }[] }>().errors[0]?.message).toContain(
        'appears more than once',
      );
    });
  });
});
