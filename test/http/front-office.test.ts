import { beforeAll, describe, expect, it } from 'vitest';
import { countWrites, freshKey, sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
beforeAll(() => {
  world = api.world;
});

async function markRegister(
  classId: number,
  date: string,
  session: 'AM' | 'PM',
  entries: unknown[],
) {
  const response = await sendAs(world, 'attendance_officer', {
    method: 'PUT',
    url: `/api/classes/${classId}/register`,
    payload: { date, session, entries, reason: 'test setup' },
    headers: { 'idempotency-key': freshKey() },
  });
  expect(response.statusCode).toBe(200);
  return readJson(response);
}

describe('reception', () => {
  it('signs a late arrival in with U after the register has closed', async () => {
    const pupilId = world.otherClassPupils[0]!.id;
    await markRegister(world.otherClassId, '2024-09-04', 'AM', [{ pupilId, code: 'N' }]);
    const response = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/schools/${world.school.id}/reception/sign-in`,
      payload: { pupilId, reason: 'bus was late' },
    });
    expect(response.statusCode).toBe(201);
    expect(readJson(response)).toMatchObject({
      session: 'AM',
      code: 'U',
      event: { pupilId, date: '2024-09-04', time: '09:30', direction: 'in' },
    });
    const register = readJson(
      await sendAs(world, 'office', {
        method: 'GET',
        url: `/api/classes/${world.otherClassId}/register?date=2024-09-04&session=AM`,
      }),
    );
    const row = (register['pupils'] as { pupilId: number; mark: unknown }[]).find(
      (pupil) => pupil.pupilId === pupilId,
    );
    expect(row?.mark).toMatchObject({ code: 'U', version: 2 });
  });

  it('signs a late arrival in with L before the register closes', async () => {
    world.testApp.clock.advanceMinutes(-25); // 09:05 in London
    try {
      const response = await sendAs(world, 'office', {
        method: 'POST',
        url: `/api/schools/${world.school.id}/reception/sign-in`,
        payload: { pupilId: world.otherClassPupils[1]!.id },
      });
      expect(response.statusCode).toBe(201);
      expect(readJson(response)).toMatchObject({ session: 'AM', code: 'L' });
    } finally {
      world.testApp.clock.advanceMinutes(25);
    }
  });

  it('signs a pupil out with the code for the afternoon', async () => {
    const response = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/schools/${world.school.id}/reception/sign-out`,
      payload: { pupilId: world.classmates[1]!.id, reason: 'orthodontist', afternoonCode: 'M' },
    });
    expect(response.statusCode).toBe(201);
    expect(readJson(response)).toMatchObject({
      afternoonCode: 'M',
      event: { direction: 'out', reason: 'orthodontist' },
    });
  });

  it('refuses a pupil of another school and an unknown afternoon code with 422', async () => {
    const before = await countWrites(world.db);
    const notOnRoll = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/schools/${world.school.id}/reception/sign-in`,
      payload: { pupilId: world.elsewherePupil.id },
    });
    expect(notOnRoll.statusCode).toBe(422);
    expect(readJson(notOnRoll)['type']).toBe('https://rollcall.example/problems/not-on-roll');
    const badCode = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/schools/${world.school.id}/reception/sign-out`,
      payload: { pupilId: world.child.id, reason: 'unwell', afternoonCode: 'Q9' },
    });
    expect(badCode.statusCode).toBe(422);
    expect(readJson(badCode)['type']).toBe('https://rollcall.example/problems/invalid-codes');
    expect(await countWrites(world.db)).toEqual(before);
  });
});

describe('absence reports', () => {
  it("takes a parent's report for their child, replacing N already recorded", async () => {
    await markRegister(world.taughtClassId, '2024-09-03', 'AM', [
      { pupilId: world.child.id, code: 'N' },
    ]);
    const response = await sendAs(world, 'parent', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/absence-reports`,
      payload: {
        reason: 'illness',
        details: 'temperature',
        from: { date: '2024-09-03', session: 'AM' },
        to: { date: '2024-09-03', session: 'PM' },
        expectedReturn: '2024-09-04',
      },
    });
    expect(response.statusCode).toBe(201);
    expect(readJson(response)).toMatchObject({
      resolvedMarks: 1,
      report: { source: 'parent', suggestedCode: 'I', expectedReturn: '2024-09-04' },
    });
    const list = await sendAs(world, 'parent', {
      method: 'GET',
      url: `/api/pupils/${world.child.id}/absence-reports`,
    });
    expect(list.statusCode).toBe(200);
    expect(readJson(list)['reports']).toEqual([
      expect.objectContaining({ reason: 'illness: temperature', suggestedCode: 'I' }),
    ]);
  });

  it("refuses a parent's report for another child", async () => {
    const response = await sendAs(world, 'parent', {
      method: 'POST',
      url: `/api/pupils/${world.classmates[0]!.id}/absence-reports`,
      payload: {
        reason: 'illness',
        from: { date: '2024-09-04', session: 'AM' },
        to: { date: '2024-09-04', session: 'PM' },
      },
    });
    expect(response.statusCode).toBe(403);
  });

  it('records a call taken by the office, and refuses an absence that ends before it starts', async () => {
    const taken = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.classmates[0]!.id}/absence-reports`,
      payload: {
        reason: 'medical',
        from: { date: '2024-09-05', session: 'AM' },
        to: { date: '2024-09-05', session: 'AM' },
      },
    });
    expect(taken.statusCode).toBe(201);
    expect(readJson(taken)).toMatchObject({ report: { source: 'office', suggestedCode: 'M' } });
    const before = await countWrites(world.db);
    const backwards = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.classmates[0]!.id}/absence-reports`,
      payload: {
        reason: 'medical',
        from: { date: '2024-09-06', session: 'AM' },
        to: { date: '2024-09-05', session: 'AM' },
      },
    });
    expect(backwards.statusCode).toBe(422);
    expect(readJson(backwards)['type']).toBe('https://rollcall.example/problems/invalid-span');
    expect(await countWrites(world.db)).toEqual(before);
  });
});

describe('the absence board', () => {
  it('lists pupils with N once the register has closed, with contacts in calling order', async () => {
    await markRegister(world.taughtClassId, '2024-09-04', 'AM', [
      { pupilId: world.child.id, code: 'N' },
      { pupilId: world.classmates[0]!.id, code: '/' },
    ]);
    // The afternoon register is still to come: an N there is not yet unexplained.
    await markRegister(world.taughtClassId, '2024-09-04', 'PM', [
      { pupilId: world.classmates[0]!.id, code: 'N' },
    ]);
    const response = await sendAs(world, 'office', {
      method: 'GET',
      url: `/api/schools/${world.school.id}/absence-board?date=2024-09-04`,
    });
    expect(response.statusCode).toBe(200);
    const board = readJson(response);
    expect(board['sessionsClosed']).toEqual(['AM']);
    const pupils = board['pupils'] as Record<string, unknown>[];
    const child = pupils.find((pupil) => pupil['pupilId'] === world.child.id);
    expect(child).toMatchObject({
      className: '3A',
      unexplained: [{ session: 'AM', code: 'N', version: 1 }],
      contacts: [
        { name: 'Rosamund Quillfeather', priority: 1 },
        { name: 'Aurelio Quillfeather', priority: 2 },
      ],
    });
    expect(pupils.some((pupil) => pupil['pupilId'] === world.classmates[0]!.id)).toBe(false);
  });
});
