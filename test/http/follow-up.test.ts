import { beforeAll, describe, expect, it } from 'vitest';
import { listContacts } from '../../src/store/pupil.repository.ts';
import { freshKey, sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
beforeAll(() => {
  world = api.world;
});

const leave = {
  purpose: 'exceptional',
  reason: 'a family funeral',
  from: { date: '2024-09-09', session: 'AM' },
  to: { date: '2024-09-10', session: 'PM' },
};

describe('leave requests over HTTP', () => {
  it('lets a parent apply for their own child, and nobody else’s', async () => {
    const own = await sendAs(world, 'parent', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/leave-requests`,
      payload: leave,
    });
    expect(own.statusCode).toBe(201);
    expect(readJson(own)).toMatchObject({
      source: 'parent',
      status: 'pending',
      schoolId: world.school.id,
    });
    const other = await sendAs(world, 'parent', {
      method: 'POST',
      url: `/api/pupils/${world.classmates[0]!.id}/leave-requests`,
      payload: leave,
    });
    expect(other.statusCode).toBe(403);
    for (const role of ['teacher', 'governor'] as const) {
      const refused = await sendAs(world, role, {
        method: 'POST',
        url: `/api/pupils/${world.child.id}/leave-requests`,
        payload: leave,
      });
      expect(refused.statusCode).toBe(403);
    }
    const mine = await sendAs(world, 'parent', {
      method: 'GET',
      url: `/api/pupils/${world.child.id}/leave-requests`,
    });
    expect((readJson(mine)['requests'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('rejects malformed applications, naming the field', async () => {
    const badPurpose = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/leave-requests`,
      payload: { ...leave, purpose: 'party' },
    });
    expect(badPurpose.statusCode).toBe(400);
    expect(JSON.stringify(readJson(badPurpose)['errors'])).toContain('body.purpose');
    const backwards = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/leave-requests`,
      payload: { ...leave, from: leave.to, to: leave.from },
    });
    expect(backwards.statusCode).toBe(422);
    expect(readJson(backwards)['type']).toMatch(/invalid-span$/);
    const noReturn = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/leave-requests`,
      payload: { ...leave, purpose: 'extended-holiday' },
    });
    expect(noReturn.statusCode).toBe(422);
    expect(JSON.stringify(readJson(noReturn)['errors'])).toContain('body.agreedReturn');
  });

  it('is decided by the head, not by officers or the office, and only once', async () => {
    const pupilId = world.classmates[1]!.id;
    const created = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${pupilId}/leave-requests`,
      payload: leave,
    });
    const id = readJson(created)['id'] as number;
    const url = `/api/leave-requests/${id}/decision`;
    const decision = {
      decision: 'grant-part',
      reason: 'the day of the funeral only',
      granted: [
        { date: '2024-09-09', session: 'AM' },
        { date: '2024-09-09', session: 'PM' },
      ],
    };
    expect(
      (await sendAs(world, 'attendance_officer', { method: 'POST', url, payload: decision }))
        .statusCode,
    ).toBe(403);
    expect(
      (await sendAs(world, 'office', { method: 'POST', url, payload: decision })).statusCode,
    ).toBe(403);
    expect(
      (await sendAs(world, 'parent', { method: 'POST', url, payload: decision })).statusCode,
    ).toBe(403);
    const empty = await sendAs(world, 'headteacher', {
      method: 'POST',
      url,
      payload: { ...decision, granted: [] },
    });
    expect(empty.statusCode).toBe(400);
    const stray = await sendAs(world, 'headteacher', {
      method: 'POST',
      url,
      payload: { ...decision, granted: [{ date: '2024-09-20', session: 'AM' }] },
    });
    expect(stray.statusCode).toBe(422);
    const decided = await sendAs(world, 'headteacher', { method: 'POST', url, payload: decision });
    expect(decided.statusCode).toBe(200);
    expect(readJson(decided)).toMatchObject({
      request: { status: 'part-granted', decisionReason: 'the day of the funeral only' },
      marksChanged: 0,
    });
    expect((readJson(decided)['sessions'] as { code: string }[]).map((s) => s.code)).toEqual([
      'C',
      'C',
      'O',
      'O',
    ]);
    const again = await sendAs(world, 'headteacher', { method: 'POST', url, payload: decision });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await sendAs(world, 'headteacher', {
          method: 'POST',
          url: '/api/leave-requests/999999/decision',
          payload: decision,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('leave requests as the pages read them', () => {
  it('lists pending requests with the pupil, the sessions asked for and the year’s leave so far', async () => {
    const pupil = world.otherClassPupils[0]!;
    const apply = (from: string, to: string) =>
      sendAs(world, 'office', {
        method: 'POST',
        url: `/api/pupils/${pupil.id}/leave-requests`,
        payload: { ...leave, from: { date: from, session: 'AM' }, to: { date: to, session: 'PM' } },
      });
    const first = readJson(await apply('2024-09-09', '2024-09-09'))['id'] as number;
    await sendAs(world, 'headteacher', {
      method: 'POST',
      url: `/api/leave-requests/${first}/decision`,
      payload: {
        decision: 'grant-part',
        reason: 'the morning only',
        granted: [{ date: '2024-09-09', session: 'AM' }],
      },
    });
    const second = readJson(await apply('2024-09-16', '2024-09-17'))['id'] as number;

    const pending = await sendAs(world, 'headteacher', {
      method: 'GET',
      url: `/api/schools/${world.school.id}/leave-requests`,
    });
    const listed = (readJson(pending)['requests'] as { id: number }[]).find(
      (request) => request.id === second,
    );
    expect(listed).toMatchObject({
      pupil: { firstName: pupil.legalFirstName, lastName: pupil.legalLastName },
      leaveSessionsThisYear: 1,
    });
    expect((listed as unknown as { sessions: unknown[] }).sessions).toEqual([
      { date: '2024-09-16', session: 'AM' },
      { date: '2024-09-16', session: 'PM' },
      { date: '2024-09-17', session: 'AM' },
      { date: '2024-09-17', session: 'PM' },
    ]);

    const own = await sendAs(world, 'office', {
      method: 'GET',
      url: `/api/pupils/${pupil.id}/leave-requests`,
    });
    const decided = (readJson(own)['requests'] as { id: number; sessions: unknown[] }[]).find(
      (request) => request.id === first,
    );
    expect(decided?.sessions).toEqual([
      { date: '2024-09-09', session: 'AM', granted: true, code: 'C' },
      { date: '2024-09-09', session: 'PM', granted: false, code: 'O' },
    ]);
  });
});

describe('first-day response over HTTP', () => {
  it('lists the day-one call for an unexplained absence and completes it with a recorded call', async () => {
    const pupilId = world.otherClassPupils[1]!.id;
    const marked = await sendAs(world, 'attendance_officer', {
      method: 'PUT',
      url: `/api/classes/${world.otherClassId}/register`,
      payload: {
        date: '2024-09-04',
        session: 'AM',
        entries: [{ pupilId, code: 'N' }],
        reason: 'test setup',
      },
      headers: { 'idempotency-key': freshKey() },
    });
    expect(marked.statusCode).toBe(200);
    const listUrl = `/api/schools/${world.school.id}/follow-up-tasks?date=2024-09-04`;
    const listed = await sendAs(world, 'office', { method: 'GET', url: listUrl });
    expect(listed.statusCode).toBe(200);
    const tasks = readJson(listed)['tasks'] as {
      pupilId: number;
      step: string;
      overdue: boolean;
    }[];
    expect(tasks.filter((task) => task.pupilId === pupilId)).toMatchObject([
      { step: 'call-all-contacts', overdue: false },
    ]);
    for (const role of ['teacher', 'governor', 'parent'] as const)
      expect((await sendAs(world, role, { method: 'GET', url: listUrl })).statusCode).toBe(403);
    const called = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${pupilId}/follow-up-contacts`,
      payload: { schoolId: world.school.id, outcome: 'no-answer' },
    });
    expect(called.statusCode).toBe(201);
    expect((readJson(called)['completedTaskIds'] as number[]).length).toBe(1);
    const badOutcome = await sendAs(world, 'office', {
      method: 'POST',
      url: `/api/pupils/${pupilId}/follow-up-contacts`,
      payload: { schoolId: world.school.id, outcome: 'shouted' },
    });
    expect(badOutcome.statusCode).toBe(400);
    const teacher = await sendAs(world, 'teacher', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/follow-up-contacts`,
      payload: { schoolId: world.school.id, outcome: 'no-answer' },
    });
    expect(teacher.statusCode).toBe(403);
  });
});

describe('cases and penalty notices over HTTP', () => {
  it('opens a case, refuses a second, and records events with their deadlines', async () => {
    const pupilId = world.classmates[0]!.id;
    const open = (role: 'attendance_lead' | 'office' | 'la_officer' | 'teacher') =>
      sendAs(world, role, {
        method: 'POST',
        url: `/api/pupils/${pupilId}/cases`,
        payload: { schoolId: world.school.id, ladder: 'wigston', stage: 2 },
      });
    for (const role of ['office', 'la_officer', 'teacher'] as const)
      expect((await open(role)).statusCode).toBe(403);
    const opened = await open('attendance_lead');
    expect(opened.statusCode).toBe(201);
    expect((await open('attendance_lead')).statusCode).toBe(409);
    const caseId = readJson(opened)['id'] as number;
    const badWeeks = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/cases/${caseId}/events`,
      payload: {
        kind: 'notice-to-improve',
        occurredOn: '2024-09-04',
        summary: 'final chance',
        weeks: 2,
      },
    });
    expect(badWeeks.statusCode).toBe(422);
    const noTargets = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/cases/${caseId}/events`,
      payload: {
        kind: 'action-plan',
        occurredOn: '2024-09-04',
        summary: 'plan',
        targets: [],
        reviewOn: '2024-10-01',
      },
    });
    expect(noTargets.statusCode).toBe(400);
    const timetable = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/cases/${caseId}/events`,
      payload: {
        kind: 'part-time-timetable',
        occurredOn: '2024-09-04',
        summary: 'mornings only',
        endsOn: '2024-09-20',
      },
    });
    expect(timetable.statusCode).toBe(201);
    expect(readJson(timetable)['dueOn']).toBe('2024-09-10');
    const stage = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/cases/${caseId}/stage`,
      payload: { stage: 7, reason: 'no such stage' },
    });
    expect(stage.statusCode).toBe(422);
    const listed = await sendAs(world, 'headteacher', {
      method: 'GET',
      url: `/api/pupils/${pupilId}/cases`,
    });
    const [listedCase] = readJson(listed)['cases'] as { events: { kind: string }[] }[];
    expect(listedCase?.events.map((event) => event.kind)).toEqual([
      'opened',
      'part-time-timetable',
    ]);
    expect(
      (
        await sendAs(world, 'attendance_lead', {
          method: 'GET',
          url: `/api/cases/${caseId}/proposal?asOf=2024-09-04`,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await sendAs(world, 'attendance_lead', {
          method: 'GET',
          url: '/api/cases/999999/proposal?asOf=2024-09-04',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('issues two notices to a parent and refuses a third within 3 years with alternatives', async () => {
    const [mother] = await listContacts(world.db, world.child.id);
    const issue = (issuedOn: string) =>
      sendAs(world, 'headteacher', {
        method: 'POST',
        url: `/api/pupils/${world.child.id}/penalty-notices`,
        payload: { schoolId: world.school.id, contactId: mother!.id, issuedOn },
      });
    const first = await issue('2024-10-10');
    expect(first.statusCode).toBe(201);
    expect(readJson(first)).toMatchObject({
      ordinal: 1,
      reduced: { amountPence: 8000 },
      amountPence: 16000,
    });
    expect(readJson(await issue('2025-03-05'))).toMatchObject({ ordinal: 2, reduced: null });
    const third = await issue('2027-09-01');
    expect(third.statusCode).toBe(422);
    expect(readJson(third)).toMatchObject({ allowedAgainOn: '2027-10-10' });
    expect(readJson(third)['alternatives']).toContain('consider-prosecution');
    const byParent = await sendAs(world, 'parent', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/penalty-notices`,
      payload: { schoolId: world.school.id, contactId: mother!.id, issuedOn: '2024-10-10' },
    });
    expect(byParent.statusCode).toBe(403);
    const malformed = await sendAs(world, 'headteacher', {
      method: 'POST',
      url: `/api/pupils/${world.child.id}/penalty-notices`,
      payload: { schoolId: world.school.id, contactId: 'mum', issuedOn: '10/10/2024' },
    });
    expect(malformed.statusCode).toBe(400);
  });
});
