import { beforeAll, describe, expect, it } from 'vitest';
import { addContact, listContacts } from '../../src/store/pupil.repository.ts';
import type { Role } from '../../src/domain/access/access-policy.ts';
import { send, useApiWorld, type ApiRequest, type ApiWorld } from './api-world.ts';
import { readJson, signInAs, type SignedInClient } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
let motherId = 0;
let fatherId = 0;
const clients = new Map<Role, SignedInClient>();
beforeAll(async () => {
  world = api.world;
  // Outcomes are recorded after the event: the clock stands after every date used here.
  const clock = world.testApp.clock;
  clock.advanceMinutes((Date.parse('2025-12-01T10:00:00Z') - clock.now().getTime()) / 60_000);
  for (const role of ['headteacher', 'attendance_officer', 'office', 'parent'] as const)
    clients.set(role, await signInAs(world.testApp.app, world.users.get(role)!));
  const [mother, father] = await listContacts(world.db, world.child.id);
  motherId = mother!.id;
  fatherId = father!.id;
});

function as(role: Role, request: ApiRequest) {
  return send(world, request, clients.get(role));
}

async function issue(contactId: number, issuedOn: string, receivedOn = issuedOn) {
  const response = await as('headteacher', {
    method: 'POST',
    url: `/api/pupils/${world.child.id}/penalty-notices`,
    payload: { schoolId: world.school.id, contactId, issuedOn, receivedOn },
  });
  return response;
}

const record = (
  id: number,
  outcome: 'payment' | 'withdrawal',
  payload: object,
  role: 'headteacher' | 'attendance_officer' | 'office' | 'parent' = 'attendance_officer',
) => as(role, { method: 'POST', url: `/api/penalty-notices/${id}/${outcome}`, payload });

describe('paying a penalty notice', () => {
  // Received Monday 3 February 2025: £80 by Sunday 23 February (day 21), £160 by 2 March (day 28).
  it('takes £80 up to day 21, worked out when no amount is given', async () => {
    const id = readJson(await issue(fatherId, '2025-01-31', '2025-02-03'))['id'] as number;
    const paid = await record(id, 'payment', { paidOn: '2025-02-23' });
    expect(paid.statusCode).toBe(200);
    expect(readJson(paid)).toMatchObject({
      status: 'paid',
      paidOn: '2025-02-23',
      paidAmountPence: 8000,
      countsTowardsLimit: true,
    });
    const again = await record(id, 'payment', { paidOn: '2025-02-24' });
    expect(again.statusCode).toBe(409);
    expect(readJson(again)['type']).toMatch(/penalty-notice-settled$/);
    const withdrawn = await record(id, 'withdrawal', {
      withdrawnOn: '2025-02-25',
      reason: 'issued in error',
    });
    expect(withdrawn.statusCode).toBe(409);
  });

  it('refuses £80 from day 22, saying £160 was due, and any payment after day 28', async () => {
    const response = await issue(motherId, '2025-01-31', '2025-02-03');
    const id = readJson(response)['id'] as number;
    const late = await record(id, 'payment', { paidOn: '2025-02-24', amountPence: 8000 });
    expect(late.statusCode).toBe(422);
    expect(readJson(late)['detail']).toContain('the amount due was £160');
    expect(JSON.stringify(readJson(late)['errors'])).toContain('body.amountPence');
    const tooLate = await record(id, 'payment', { paidOn: '2025-03-03' });
    expect(tooLate.statusCode).toBe(422);
    expect(JSON.stringify(readJson(tooLate)['errors'])).toContain('body.paidOn');
    const paid = await record(id, 'payment', { paidOn: '2025-03-02', amountPence: 16000 });
    expect(readJson(paid)).toMatchObject({ status: 'paid', paidAmountPence: 16000 });
  });
});

describe('withdrawing a penalty notice', () => {
  it('needs a reason, and then no longer counts towards the limit of two in 3 years', async () => {
    const pupilId = world.classmates[0]!.id;
    const parent = await addContact(world.db, {
      pupilId,
      userId: null,
      name: 'Imogen Marchbanks',
      relationship: 'mother',
      parentalResponsibility: true,
      emergencyContact: true,
      phone: '07700 900003',
      email: null,
      priority: 1,
    });
    const parentId = parent.id;
    const issueTo = (issuedOn: string) =>
      as('headteacher', {
        method: 'POST',
        url: `/api/pupils/${pupilId}/penalty-notices`,
        payload: { schoolId: world.school.id, contactId: parentId, issuedOn },
      });
    const first = readJson(await issueTo('2024-10-10'))['id'] as number;
    expect(readJson(await issueTo('2025-03-05'))).toMatchObject({ ordinal: 2 });
    expect((await issueTo('2025-09-01')).statusCode).toBe(422);

    const noReason = await record(first, 'withdrawal', { withdrawnOn: '2024-10-20', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const early = await record(first, 'withdrawal', {
      withdrawnOn: '2024-10-01',
      reason: 'issued in error',
    });
    expect(early.statusCode).toBe(422);
    const withdrawn = await record(first, 'withdrawal', {
      withdrawnOn: '2024-10-20',
      reason: 'the absences were authorised after all',
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(readJson(withdrawn)).toMatchObject({
      status: 'withdrawn',
      withdrawnOn: '2024-10-20',
      withdrawalReason: 'the absences were authorised after all',
      countsTowardsLimit: false,
    });
    // One notice now counts (5 March 2025), so a second is allowed within its 3 years.
    expect(readJson(await issueTo('2025-09-01'))).toMatchObject({ ordinal: 2, reduced: null });
    expect((await record(first, 'payment', { paidOn: '2024-10-21' })).statusCode).toBe(409);

    const audit = await world.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_pupil_id', '=', pupilId)
      .where('action', 'like', 'penalty-notice.%')
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.action)).toEqual([
      'penalty-notice.issued',
      'penalty-notice.issued',
      'penalty-notice.refused',
      'penalty-notice.withdrawn',
      'penalty-notice.issued',
    ]);
  });

  it('is recorded by those who manage follow-up, and 404 for a notice that does not exist', async () => {
    const id = readJson(await issue(fatherId, '2025-05-01'))['id'] as number;
    for (const role of ['office', 'parent'] as const)
      expect(
        (await record(id, 'withdrawal', { withdrawnOn: '2025-05-02', reason: 'x' }, role))
          .statusCode,
      ).toBe(403);
    const missing = await record(999_999, 'payment', { paidOn: '2025-05-02' }, 'headteacher');
    expect(missing.statusCode).toBe(404);
    const malformed = await record(id, 'payment', { paidOn: '2 May 2025' });
    expect(malformed.statusCode).toBe(400);
    const future = await record(id, 'payment', { paidOn: '2025-12-02' });
    expect(future.statusCode).toBe(422);
    expect(readJson(future)['detail']).toContain('has not happened yet');
  });
});
