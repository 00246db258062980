import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access/access-policy.ts';
import { freshKey, sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
beforeAll(() => {
  world = api.world;
});

/** Records one mark through the register and returns its id and version. */
async function recordMark(
  pupilId: number,
  classId: number,
  date: string,
  code: string,
): Promise<{ markId: number; version: number }> {
  const response = await sendAs(world, 'headteacher', {
    method: 'PUT',
    url: `/api/classes/${classId}/register`,
    payload: { date, session: 'AM', entries: [{ pupilId, code }], reason: 'test setup' },
    headers: { 'idempotency-key': freshKey() },
  });
  expect(response.statusCode).toBe(200);
  const mark = (readJson(response)['marks'] as { markId: number; version: number }[])[0]!;
  return { markId: mark.markId, version: mark.version };
}

function amend(role: Role, markId: number, body: Record<string, unknown>) {
  return sendAs(world, role, { method: 'PATCH', url: `/api/marks/${markId}`, payload: body });
}

describe('amending a mark', () => {
  it('changes the code, bumps the version and keeps the original in the history', async () => {
    const { markId } = await recordMark(world.child.id, world.taughtClassId, '2024-09-02', 'N');
    const response = await amend('attendance_officer', markId, {
      expectedVersion: 1,
      code: 'M',
      reason: 'dentist letter received',
    });
    expect(response.statusCode).toBe(200);
    expect(readJson(response)).toMatchObject({ markId, code: 'M', version: 2, changed: true });

    const history = await sendAs(world, 'parent', {
      method: 'GET',
      url: `/api/marks/${markId}/history`,
    });
    expect(history.statusCode).toBe(200);
    expect(readJson(history)['entries']).toEqual([
      expect.objectContaining({ version: 1, previousCode: null, newCode: 'N' }),
      expect.objectContaining({
        version: 2,
        previousCode: 'N',
        newCode: 'M',
        reason: 'dentist letter received',
        changedBy: expect.objectContaining({ role: 'attendance_officer' }) as unknown,
      }),
    ]);
  });

  it('gives one of two simultaneous amendments 200 and the other 409, losing nothing', async () => {
    const { markId } = await recordMark(
      world.classmates[0]!.id,
      world.taughtClassId,
      '2024-09-02',
      'N',
    );
    const [first, second] = await Promise.all([
      amend('attendance_officer', markId, { expectedVersion: 1, code: 'I', reason: 'mum rang' }),
      amend('attendance_lead', markId, { expectedVersion: 1, code: 'O', reason: 'no reason' }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = first.statusCode === 200 ? first : second;
    const loser = first.statusCode === 200 ? second : first;
    expect(readJson(loser)).toMatchObject({
      type: 'https://rollcall.example/problems/version-conflict',
      expectedVersion: 1,
      current: { markId, version: 2, code: readJson(winner)['code'] },
    });
    const history = readJson(
      await sendAs(world, 'headteacher', { method: 'GET', url: `/api/marks/${markId}/history` }),
    );
    expect(history['entries']).toEqual([
      expect.objectContaining({ version: 1, newCode: 'N' }),
      expect.objectContaining({ version: 2, previousCode: 'N', newCode: readJson(winner)['code'] }),
    ]);
  });

  it('lets the office replace N with a reason but not change any other mark', async () => {
    const unexplained = await recordMark(
      world.classmates[1]!.id,
      world.taughtClassId,
      '2024-09-02',
      'N',
    );
    const present = await recordMark(
      world.otherClassPupils[0]!.id,
      world.otherClassId,
      '2024-09-03',
      '/',
    );
    const replaced = await amend('office', unexplained.markId, {
      expectedVersion: 1,
      code: 'I',
      reason: 'father rang: ill',
    });
    expect(replaced.statusCode).toBe(200);
    const refused = await amend('office', present.markId, {
      expectedVersion: 1,
      code: 'N',
      reason: 'mistake',
    });
    expect(refused.statusCode).toBe(403);
    expect(readJson(refused)['detail']).toContain('may only replace N');
  });

  it('refuses a code that does not exist, naming it', async () => {
    const { markId } = await recordMark(
      world.otherClassPupils[1]!.id,
      world.otherClassId,
      '2024-09-03',
      'N',
    );
    const response = await amend('attendance_officer', markId, {
      expectedVersion: 1,
      code: 'ZZ',
      reason: 'typo',
    });
    expect(response.statusCode).toBe(422);
    expect(readJson(response)).toMatchObject({
      type: 'https://rollcall.example/problems/invalid-codes',
      errors: [{ field: 'body.code', message: expect.stringContaining('"ZZ"') as unknown }],
    });
  });

  it('answers 404 for a mark that does not exist', async () => {
    const response = await amend('admin', 2_000_000_000, {
      expectedVersion: 1,
      code: 'I',
      reason: 'x',
    });
    expect(response.statusCode).toBe(404);
    const history = await sendAs(world, 'admin', {
      method: 'GET',
      url: '/api/marks/2000000000/history',
    });
    expect(history.statusCode).toBe(404);
  });
});
