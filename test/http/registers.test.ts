import { beforeAll, describe, expect, it } from 'vitest';
import {
  countWrites,
  freshKey,
  sendAs,
  useApiWorld,
  type ApiRequest,
  type ApiWorld,
} from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
beforeAll(() => {
  world = api.world;
});

function takeRegister(
  classId: number,
  body: Record<string, unknown>,
  key: string = freshKey(),
): ApiRequest {
  return {
    method: 'PUT',
    url: `/api/classes/${classId}/register`,
    payload: body,
    headers: { 'idempotency-key': key },
  };
}

describe('the registers to take', () => {
  it("lists every class for the office and only the teacher's own for a teacher", async () => {
    const url = `/api/schools/${world.school.id}/registers?date=2024-09-03&session=PM`;
    const office = readJson(await sendAs(world, 'office', { method: 'GET', url }));
    expect(office['registers']).toEqual([
      expect.objectContaining({ className: '3A', status: 'not-taken', pupils: 3, marked: 0 }),
      expect.objectContaining({ className: '3B', status: 'not-taken', pupils: 2, marked: 0 }),
    ]);
    const teacher = readJson(await sendAs(world, 'teacher', { method: 'GET', url }));
    expect(teacher['registers']).toEqual([
      expect.objectContaining({ classId: world.taughtClassId, className: '3A' }),
    ]);
  });

  it('shows a register as taken, with counts per code, once every pupil has a mark', async () => {
    const pupils = [world.child, ...world.classmates];
    const response = await sendAs(
      world,
      'teacher',
      takeRegister(world.taughtClassId, {
        date: '2024-09-03',
        session: 'AM',
        entries: pupils.map((pupil, i) => ({ pupilId: pupil.id, code: i === 0 ? 'N' : '/' })),
      }),
    );
    expect(response.statusCode).toBe(200);
    const list = readJson(
      await sendAs(world, 'headteacher', {
        method: 'GET',
        url: `/api/schools/${world.school.id}/registers?date=2024-09-03&session=AM`,
      }),
    );
    expect(list['registers']).toEqual([
      {
        classId: world.taughtClassId,
        className: '3A',
        status: 'taken',
        pupils: 3,
        marked: 3,
        codes: { N: 1, '/': 2 },
      },
      expect.objectContaining({ className: '3B', status: 'not-taken' }),
    ]);
  });
});

describe("a class's register", () => {
  it('lists the pupils on roll with their marks and any reported absence', async () => {
    const report = await sendAs(world, 'parent', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/absence-reports`,
      payload: {
        reason: 'illness',
        from: { date: '2024-09-02', session: 'PM' },
        to: { date: '2024-09-02', session: 'PM' },
      },
    });
    expect(report.statusCode).toBe(201);
    await sendAs(
      world,
      'teacher',
      takeRegister(world.taughtClassId, {
        date: '2024-09-02',
        session: 'PM',
        entries: [{ pupilId: world.classmates[0]!.id, code: '\\' }],
      }),
    );
    const response = await sendAs(world, 'teacher', {
      method: 'GET',
      url: `/api/classes/${world.taughtClassId}/register?date=2024-09-02&session=PM`,
    });
    expect(response.statusCode).toBe(200);
    const body = readJson(response);
    const pupils = body['pupils'] as Record<string, unknown>[];
    expect(pupils.map((pupil) => pupil['pupilId']).sort()).toEqual(
      [world.child.id, ...world.classmates.map((pupil) => pupil.id)].sort(),
    );
    const child = pupils.find((pupil) => pupil['pupilId'] === world.child.id);
    expect(child).toMatchObject({
      firstName: world.child.legalFirstName,
      mark: null,
      absenceReport: { suggestedCode: 'I', reason: 'illness' },
    });
    const marked = pupils.find((pupil) => pupil['pupilId'] === world.classmates[0]!.id);
    expect(marked).toMatchObject({ mark: { code: '\\', version: 1 }, absenceReport: null });
  });

  it('lets a teacher enter the code of a reported absence', async () => {
    const response = await sendAs(
      world,
      'teacher',
      takeRegister(world.taughtClassId, {
        date: '2024-09-02',
        session: 'PM',
        entries: [{ pupilId: world.child.id, code: 'I', expectedVersion: null }],
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(readJson(response)).toMatchObject({ created: 1, replayed: false });
  });
});

describe('taking a register', () => {
  const entries = () => [
    { pupilId: world.otherClassPupils[0]!.id, code: '/' },
    { pupilId: world.otherClassPupils[1]!.id, code: 'N' },
  ];

  it('writes once when a submission is retried with the same Idempotency-Key', async () => {
    const key = freshKey();
    const request = takeRegister(
      world.otherClassId,
      { date: '2024-09-02', session: 'AM', entries: entries() },
      key,
    );
    const before = await countWrites(world.db);
    const first = await sendAs(world, 'attendance_officer', request);
    const afterFirst = await countWrites(world.db);
    const retry = await sendAs(world, 'attendance_officer', request);
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect({ ...readJson(retry), replayed: false }).toEqual(readJson(first));
    expect(readJson(retry)['replayed']).toBe(true);
    expect(await countWrites(world.db)).toEqual(afterFirst);
    expect(afterFirst['marks']).toBe((before['marks'] ?? 0) + 2);
    expect(afterFirst['mark_history']).toBe((before['mark_history'] ?? 0) + 2);
  });

  it('refuses an Idempotency-Key reused for a different submission with 422', async () => {
    const key = freshKey();
    await sendAs(
      world,
      'attendance_officer',
      takeRegister(
        world.otherClassId,
        { date: '2024-09-03', session: 'AM', entries: entries() },
        key,
      ),
    );
    const reused = await sendAs(
      world,
      'attendance_officer',
      takeRegister(
        world.otherClassId,
        { date: '2024-09-03', session: 'PM', entries: entries() },
        key,
      ),
    );
    expect(reused.statusCode).toBe(422);
    expect(readJson(reused)['type']).toBe(
      'https://rollcall.example/problems/idempotency-key-reused',
    );
  });

  it('answers a stale expectedVersion with 409, the current mark, and no write', async () => {
    const pupilId = world.otherClassPupils[0]!.id;
    const first = await sendAs(
      world,
      'headteacher',
      takeRegister(world.otherClassId, {
        date: '2024-09-04',
        session: 'AM',
        entries: [{ pupilId, code: 'N', expectedVersion: null }],
      }),
    );
    expect(first.statusCode).toBe(200);
    const before = await countWrites(world.db);
    const stale = await sendAs(
      world,
      'attendance_lead',
      takeRegister(world.otherClassId, {
        date: '2024-09-04',
        session: 'AM',
        entries: [{ pupilId, code: 'L', expectedVersion: null }],
        reason: 'arrived late',
      }),
    );
    expect(stale.statusCode).toBe(409);
    const markId = (readJson(first)['marks'] as { markId: number }[])[0]!.markId;
    expect(readJson(stale)).toMatchObject({
      type: 'https://rollcall.example/problems/version-conflict',
      conflicts: [{ pupilId, expectedVersion: null, current: { markId, code: 'N', version: 1 } }],
    });
    expect(await countWrites(world.db)).toEqual(before);
  });

  it('asks for a reason when a submission changes recorded marks', async () => {
    const pupilId = world.otherClassPupils[1]!.id;
    const response = await sendAs(
      world,
      'headteacher',
      takeRegister(world.otherClassId, {
        date: '2024-09-02',
        session: 'AM',
        entries: [{ pupilId, code: '/' }],
      }),
    );
    expect(response.statusCode).toBe(422);
    expect(readJson(response)).toMatchObject({
      type: 'https://rollcall.example/problems/reason-required',
      errors: [{ field: 'body.reason' }],
    });
  });

  it('refuses a code a class teacher may not enter, naming the pupil and the code', async () => {
    const before = await countWrites(world.db);
    const response = await sendAs(
      world,
      'teacher',
      takeRegister(world.taughtClassId, {
        date: '2024-09-04',
        session: 'AM',
        entries: [
          { pupilId: world.classmates[0]!.id, code: '/' },
          { pupilId: world.classmates[1]!.id, code: 'M' },
          { pupilId: world.child.id, code: 'H' },
        ],
      }),
    );
    expect(response.statusCode).toBe(422);
    const body = readJson(response);
    expect(body['type']).toBe('https://rollcall.example/problems/invalid-codes');
    const errors = body['errors'] as { field: string; message: string }[];
    expect(errors.map((error) => error.field)).toEqual([
      'body.entries.1.code',
      'body.entries.2.code',
    ]);
    expect(errors[0]?.message).toContain(world.classmates[1]!.legalFirstName);
    expect(errors[0]?.message).toContain('"M"');
    expect(errors[1]?.message).toContain('H (agreed family holiday) was withdrawn');
    expect(await countWrites(world.db)).toEqual(before);
  });

  it('refuses a weekend, a future date and a pupil of another class with 422', async () => {
    const before = await countWrites(world.db);
    const cases = [
      { date: '2024-09-07', pupilId: world.child.id, type: 'not-a-school-day' },
      { date: '2024-09-05', pupilId: world.child.id, type: 'future-date' },
      { date: '2024-09-04', pupilId: world.otherClassPupils[0]!.id, type: 'not-on-roll' },
    ];
    for (const { date, pupilId, type } of cases) {
      const response = await sendAs(
        world,
        'attendance_officer',
        takeRegister(world.taughtClassId, {
          date,
          session: 'PM',
          entries: [{ pupilId, code: '/' }],
        }),
      );
      expect(response.statusCode, type).toBe(422);
      expect(readJson(response)['type']).toBe(`https://rollcall.example/problems/${type}`);
    }
    expect(await countWrites(world.db)).toEqual(before);
  });
});
