import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access/access-policy.ts';
import { countWrites, freshKey, sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
beforeAll(() => {
  world = api.world;
});

interface RecordedMark {
  readonly markId: number;
  readonly version: number;
}

/** Records one mark through the register and returns its id and version. */
async function recordMark(
  pupilId: number,
  classId: number,
  slot: { date: string; session: 'AM' | 'PM' },
  code: string,
): Promise<RecordedMark> {
  const response = await sendAs(world, 'headteacher', {
    method: 'PUT',
    url: `/api/classes/${classId}/register`,
    payload: { ...slot, entries: [{ pupilId, code }], reason: 'test setup' },
    headers: { 'idempotency-key': freshKey() },
  });
  expect(response.statusCode).toBe(200);
  const mark = (readJson(response)['marks'] as RecordedMark[])[0]!;
  return { markId: mark.markId, version: mark.version };
}

function replace(role: Role, pupilId: number, body: Record<string, unknown>) {
  return sendAs(world, role, {
    method: 'PATCH',
    url: `/api/pupils/${pupilId}/marks`,
    payload: body,
  });
}

function seen(...marks: RecordedMark[]) {
  return marks.map(({ markId, version }) => ({ markId, expectedVersion: version }));
}

async function readHistory(markId: number) {
  const response = await sendAs(world, 'headteacher', {
    method: 'GET',
    url: `/api/marks/${markId}/history`,
  });
  return readJson(response)['entries'] as { version: number; newCode: string }[];
}

const monday = {
  am: { date: '2024-09-02', session: 'AM' },
  pm: { date: '2024-09-02', session: 'PM' },
} as const;
const tuesday = {
  am: { date: '2024-09-03', session: 'AM' },
  pm: { date: '2024-09-03', session: 'PM' },
} as const;

describe("replacing several of a pupil's marks at once", () => {
  it('replaces every mark, answers them in request order and writes one history entry each', async () => {
    const pupilId = world.child.id;
    const morning = await recordMark(pupilId, world.taughtClassId, monday.am, 'N');
    const afternoon = await recordMark(pupilId, world.taughtClassId, monday.pm, 'N');
    const response = await replace('office', pupilId, {
      code: 'I',
      reason: 'Reason given by phone by Rosamund Quillfeather (mother)',
      marks: seen(afternoon, morning),
    });
    expect(response.statusCode).toBe(200);
    expect(readJson(response)['marks']).toEqual([
      expect.objectContaining({
        markId: afternoon.markId,
        pupilId,
        session: 'PM',
        code: 'I',
        version: 2,
        changed: true,
      }),
      expect.objectContaining({
        markId: morning.markId,
        pupilId,
        session: 'AM',
        code: 'I',
        version: 2,
        changed: true,
      }),
    ]);
    for (const mark of [morning, afternoon])
      expect(await readHistory(mark.markId)).toEqual([
        expect.objectContaining({ version: 1, previousCode: null, newCode: 'N' }),
        expect.objectContaining({
          version: 2,
          previousCode: 'N',
          newCode: 'I',
          reason: 'Reason given by phone by Rosamund Quillfeather (mother)',
          source: 'office',
          changedBy: expect.objectContaining({ role: 'office' }) as unknown,
        }),
      ]);
  });

  it('answers 409 listing every mark changed meanwhile, and changes none of them', async () => {
    const pupilId = world.classmates[0]!.id;
    const morning = await recordMark(pupilId, world.taughtClassId, monday.am, 'N');
    const afternoon = await recordMark(pupilId, world.taughtClassId, monday.pm, 'N');
    const amended = await sendAs(world, 'attendance_officer', {
      method: 'PATCH',
      url: `/api/marks/${afternoon.markId}`,
      payload: { expectedVersion: 1, code: 'O', reason: 'no reason after three calls' },
    });
    expect(amended.statusCode).toBe(200);
    const before = await countWrites(world.db);

    const response = await replace('office', pupilId, {
      code: 'M',
      reason: 'dentist',
      marks: seen(morning, afternoon),
    });
    expect(response.statusCode).toBe(409);
    expect(readJson(response)).toMatchObject({
      type: 'https://rollcall.example/problems/version-conflict',
      conflicts: [
        { expectedVersion: 1, current: { markId: afternoon.markId, code: 'O', version: 2 } },
      ],
    });
    expect(readJson(response)['detail']).toContain('Nothing was changed');
    expect(await countWrites(world.db)).toEqual(before);
    expect(await readHistory(morning.markId)).toHaveLength(1);
  });

  it('gives one of two simultaneous replacements 200 and the other 409, whatever their order', async () => {
    const pupilId = world.classmates[1]!.id;
    const morning = await recordMark(pupilId, world.taughtClassId, tuesday.am, 'N');
    const afternoon = await recordMark(pupilId, world.taughtClassId, tuesday.pm, 'N');
    const [first, second] = await Promise.all([
      replace('office', pupilId, {
        code: 'I',
        reason: 'mum rang',
        marks: seen(morning, afternoon),
      }),
      replace('attendance_officer', pupilId, {
        code: 'M',
        reason: 'dad rang',
        marks: seen(afternoon, morning),
      }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const winner = readJson(first.statusCode === 200 ? first : second);
    const code = (winner['marks'] as { code: string }[])[0]!.code;
    for (const mark of [morning, afternoon])
      expect(await readHistory(mark.markId)).toEqual([
        expect.objectContaining({ version: 1, newCode: 'N' }),
        expect.objectContaining({ version: 2, newCode: code }),
      ]);
  });

  it("answers 404 for another pupil's mark without saying whose it is, and changes nothing", async () => {
    const pupilId = world.classmates[1]!.id;
    const own = await recordMark(pupilId, world.taughtClassId, monday.am, 'N');
    const otherPupilId = world.otherClassPupils[0]!.id;
    const someoneElses = await recordMark(otherPupilId, world.otherClassId, monday.am, 'N');
    const before = await countWrites(world.db);

    const response = await replace('attendance_officer', pupilId, {
      code: 'I',
      reason: 'ill',
      marks: seen(own, someoneElses),
    });
    expect(response.statusCode).toBe(404);
    expect(readJson(response)).toMatchObject({
      type: 'https://rollcall.example/problems/not-found',
      detail: 'There is no mark with that id.',
      errors: [{ field: 'body.marks.1.markId' }],
    });
    // The same answer as for an id that names no mark at all.
    const nowhere = await replace('attendance_officer', pupilId, {
      code: 'I',
      reason: 'ill',
      marks: [...seen(own), { markId: 2_000_000_000, expectedVersion: 1 }],
    });
    expect(nowhere.statusCode).toBe(404);
    expect(readJson(response)).toEqual(readJson(nowhere));
    expect(await countWrites(world.db)).toEqual(before);
  });

  it('lets the office replace only N, naming the mark that is not, while the officer may amend any', async () => {
    const pupilId = world.otherClassPupils[1]!.id;
    const morning = await recordMark(pupilId, world.otherClassId, monday.am, 'N');
    const afternoon = await recordMark(pupilId, world.otherClassId, monday.pm, '/');
    const before = await countWrites(world.db);
    const body = { code: 'M', reason: 'orthodontist', marks: seen(morning, afternoon) };

    const refused = await replace('office', pupilId, body);
    expect(refused.statusCode).toBe(403);
    expect(readJson(refused)).toMatchObject({
      type: 'https://rollcall.example/problems/forbidden',
      errors: [{ field: 'body.marks.1.markId' }],
    });
    expect(readJson(refused)['detail']).toContain('may only replace N');
    expect(readJson(refused)['detail']).toContain(`2024-09-02 PM mark (id ${afternoon.markId})`);
    expect(await countWrites(world.db)).toEqual(before);

    const allowed = await replace('attendance_officer', pupilId, body);
    expect(allowed.statusCode).toBe(200);
    expect(readJson(allowed)['marks']).toMatchObject([{ code: 'M' }, { code: 'M' }]);
  });

  it('refuses a code the school cannot record, naming the pupil, date and session', async () => {
    const pupilId = world.child.id;
    const mark = await recordMark(pupilId, world.taughtClassId, tuesday.am, 'N');
    const before = await countWrites(world.db);
    const response = await replace('office', pupilId, {
      code: 'ZZ',
      reason: 'typo',
      marks: seen(mark),
    });
    expect(response.statusCode).toBe(422);
    expect(readJson(response)).toMatchObject({
      type: 'https://rollcall.example/problems/invalid-codes',
      detail: expect.stringContaining(`Pupil ${pupilId}, 2024-09-03 AM`) as unknown,
      errors: [{ field: 'body.code', message: expect.stringContaining('"ZZ"') as unknown }],
    });
    expect(await countWrites(world.db)).toEqual(before);
  });

  it('refuses a mark named twice with 400 naming the field', async () => {
    const pupilId = world.classmates[0]!.id;
    const mark = await recordMark(pupilId, world.taughtClassId, tuesday.am, 'N');
    const response = await replace('office', pupilId, {
      code: 'I',
      reason: 'ill',
      marks: seen(mark, mark),
    });
    expect(response.statusCode).toBe(400);
    expect(readJson(response)).toMatchObject({
      type: 'https://rollcall.example/problems/validation',
      errors: [{ field: 'body.marks.1.markId' }],
    });
  });

  it("refuses a teacher of another class and a parent, even for the parent's own child", async () => {
    const otherPupilId = world.otherClassPupils[0]!.id;
    const otherMark = await recordMark(otherPupilId, world.otherClassId, tuesday.am, 'N');
    const childMark = await recordMark(world.child.id, world.taughtClassId, tuesday.pm, 'N');
    const before = await countWrites(world.db);
    const teacher = await replace('teacher', otherPupilId, {
      code: 'I',
      reason: 'ill',
      marks: seen(otherMark),
    });
    expect(teacher.statusCode).toBe(403);
    const parent = await replace('parent', world.child.id, {
      code: 'I',
      reason: 'ill',
      marks: seen(childMark),
    });
    expect(parent.statusCode).toBe(403);
    expect(await countWrites(world.db)).toEqual(before);
  });
});
