import { beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/store/audit.repository.ts';
import { listContacts } from '../../src/store/pupil.repository.ts';
import { countWrites, sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
beforeAll(() => {
  world = api.world;
});

describe('contact attempts', () => {
  it("logs a call to the child's first contact, names who made it and audits it", async () => {
    const [first] = await listContacts(world.db, world.child.id);
    const response = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/contact-attempts`,
      payload: { contactId: first!.id, outcome: 'no-answer', note: 'rang twice' },
    });
    expect(response.statusCode).toBe(201);
    const attempt = readJson(response);
    expect(attempt).toMatchObject({
      pupilId: world.child.id,
      schoolId: world.school.id,
      contactId: first!.id,
      contactName: first!.name,
      outcome: 'no-answer',
      note: 'rang twice',
      madeBy: { userId: world.users.get('office')!.id },
    });
    const audit = await listAuditEvents(world.db, {
      from: new Date('2024-01-01T00:00:00Z'),
      to: new Date('2030-01-01T00:00:00Z'),
      subjectPupilId: world.child.id,
      action: 'contact-attempt.recorded',
    });
    expect(audit.at(-1)?.details).toMatchObject({ contactAttemptId: attempt['id'] });
    // The note may hold what a family said: the audit trail names the attempt, not its words.
    expect(JSON.stringify(audit.at(-1)?.details)).not.toContain('rang twice');
  });

  it("lists today's attempts oldest first, and none from before the day asked for", async () => {
    await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/contact-attempts`,
      payload: { outcome: 'reason-given', note: 'mum says sickness bug' },
    });
    const today = readJson(
      await sendAs(world, 'office', {
        method: 'GET',
        url: `/api/pupils/${world.child.id}/contact-attempts`,
      }),
    )['attempts'] as { outcome: string; contactName: string | null }[];
    expect(today.map((attempt) => attempt.outcome)).toEqual(['no-answer', 'reason-given']);
    expect(today[1]?.contactName).toBeNull();
    const tomorrow = readJson(
      await sendAs(world, 'office', {
        method: 'GET',
        url: `/api/pupils/${world.child.id}/contact-attempts?since=2024-09-05`,
      }),
    );
    expect(tomorrow['attempts']).toEqual([]);
  });

  it('refuses a contact of another pupil with 400 and writes nothing', async () => {
    const [otherContact] = await listContacts(world.db, world.child.id);
    const before = await countWrites(world.db);
    const response = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.classmates[0]!.id}/contact-attempts`,
      payload: { contactId: otherContact!.id, outcome: 'reached' },
    });
    expect(response.statusCode).toBe(400);
    expect(readJson(response)['errors']).toEqual([
      { field: 'body.contactId', message: "choose one of the pupil's contacts" },
    ]);
    expect(await countWrites(world.db)).toEqual(before);
  });

  it('refuses an unknown outcome with 400 naming the field', async () => {
    const response = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/contact-attempts`,
      payload: { outcome: 'shouted' },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(readJson(response)['errors'])).toContain('body.outcome');
  });

  it('is for those who record absence reasons: parents, teachers and governors get 403', async () => {
    for (const role of ['parent', 'teacher', 'governor'] as const) {
      const response = await sendAs(world, role, {
        method: 'POST',
        url: `/api/pupils/${world.child.id}/contact-attempts`,
        payload: { outcome: 'reached' },
      });
      expect(response.statusCode, role).toBe(403);
      const list = await sendAs(world, role, {
        method: 'GET',
        url: `/api/pupils/${world.child.id}/contact-attempts`,
      });
      expect(list.statusCode, role).toBe(403);
    }
  });

  it("refuses a pupil of a school outside the office's reach with 403", async () => {
    const response = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.elsewherePupil.id}/contact-attempts`,
      payload: { outcome: 'reached' },
    });
    expect(response.statusCode).toBe(403);
  });
});
