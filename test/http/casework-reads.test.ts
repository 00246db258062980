import { beforeAll, describe, expect, it } from 'vitest';
import { listContacts } from '../../src/store/pupil.repository.ts';
import { sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
beforeAll(() => {
  world = api.world;
});

describe('case ladders over HTTP', () => {
  it('lists both ladders with their stage titles, and none as the school’s own on england-2024', async () => {
    const url = `/api/schools/${String(world.school.id)}/case-ladders`;
    const response = await sendAs(world, 'attendance_officer', { method: 'GET', url });
    expect(response.statusCode).toBe(200);
    const body = readJson(response) as {
      ladders: { id: string; stages: { stage: number; title: string }[] }[];
      schoolLadder: string | null;
    };
    expect(body.ladders.map((ladder) => [ladder.id, ladder.stages.length])).toEqual([
      ['wigston', 6],
      ['roch-cp', 5],
    ]);
    expect(body.ladders[1]?.stages[4]?.title).toBe('Statutory action');
    expect(body.schoolLadder).toBeNull();
    for (const role of ['teacher', 'office', 'parent', 'governor'] as const)
      expect((await sendAs(world, role, { method: 'GET', url })).statusCode).toBe(403);
  });

  it('documents the ladders and the notices list in the OpenAPI document', async () => {
    const response = await world.testApp.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = readJson(response)['paths'] as Record<string, Record<string, unknown>>;
    expect(paths['/api/schools/{schoolId}/case-ladders']).toHaveProperty('get');
    expect(paths['/api/pupils/{pupilId}/penalty-notices']).toHaveProperty('get');
  });

  it('names the Wigston ladder as the school’s own when its policy is the Wigston preset', async () => {
    const usePreset = (preset: string) =>
      world.db
        .updateTable('schools')
        .set({ policy_preset: preset })
        .where('id', '=', world.school.id)
        .execute();
    await usePreset('wigston');
    const response = await sendAs(world, 'admin', {
      method: 'GET',
      url: `/api/schools/${String(world.school.id)}/case-ladders`,
    });
    await usePreset('england-2024');
    expect(readJson(response)['schoolLadder']).toBe('wigston');
  });
});

describe('a pupil’s penalty notices over HTTP', () => {
  it('lists each notice with its amounts and dates to those who manage follow-up', async () => {
    const pupil = world.child;
    const parent = (await listContacts(world.db, pupil.id)).find(
      (contact) => contact.relationship === 'father',
    );
    const issued = await sendAs(world, 'attendance_officer', {
      method: 'POST',
      url: `/api/pupils/${String(pupil.id)}/penalty-notices`,
      payload: { schoolId: world.school.id, contactId: parent!.id, issuedOn: '2024-10-10' },
    });
    expect(issued.statusCode).toBe(201);
    const url = `/api/pupils/${String(pupil.id)}/penalty-notices`;
    const listed = await sendAs(world, 'headteacher', { method: 'GET', url });
    expect(listed.statusCode).toBe(200);
    expect(readJson(listed)['notices']).toEqual([
      expect.objectContaining({
        contactId: parent!.id,
        ordinal: 1,
        issuedOn: '2024-10-10',
        reduced: { amountPence: 8000, dueOn: '2024-10-30' },
        amountPence: 16000,
        dueOn: '2024-11-06',
        status: 'issued',
        paidOn: null,
        paidAmountPence: null,
        withdrawnOn: null,
        withdrawalReason: null,
        countsTowardsLimit: true,
      }) as unknown,
    ]);
    for (const role of ['teacher', 'office', 'la_officer', 'parent'] as const)
      expect((await sendAs(world, role, { method: 'GET', url })).statusCode).toBe(403);
  });

  it('shows a withdrawn notice with its reason, no longer counting towards the limit', async () => {
    const pupil = world.child;
    const mother = (await listContacts(world.db, pupil.id)).find(
      (contact) => contact.relationship === 'mother',
    );
    const url = `/api/pupils/${String(pupil.id)}/penalty-notices`;
    const issued = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url,
      payload: { schoolId: world.school.id, contactId: mother!.id, issuedOn: '2024-08-20' },
    });
    expect(issued.statusCode).toBe(201);
    const withdrawn = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/penalty-notices/${String(readJson(issued)['id'])}/withdrawal`,
      payload: { withdrawnOn: '2024-09-03', reason: 'the holiday was authorised after all' },
    });
    expect(withdrawn.statusCode).toBe(200);
    const listed = readJson(await sendAs(world, 'headteacher', { method: 'GET', url }));
    expect(listed['notices']).toContainEqual(
      expect.objectContaining({
        contactId: mother!.id,
        status: 'withdrawn',
        withdrawnOn: '2024-09-03',
        withdrawalReason: 'the holiday was authorised after all',
        paidAmountPence: null,
        countsTowardsLimit: false,
      }) as unknown,
    );
  });
});
