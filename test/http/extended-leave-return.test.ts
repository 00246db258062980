import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access/access-policy.ts';
import { freshKey, send, useApiWorld, type ApiRequest, type ApiWorld } from './api-world.ts';
import { readJson, signInAs, type SignedInClient } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
beforeAll(() => {
  world = api.world;
});

interface TaskView {
  id: number;
  pupilId: number;
  workflow: string;
  step: string;
  title: string;
  absenceDays: number;
  absenceStartedOn: string;
  dueOn: string;
  assignedRole: string;
  overdue: boolean;
}

/** Moves the clock to 09:30 London time on a September or October 2024 day. */
function setClockTo(date: string): void {
  const target = new Date(`${date}T08:30:00Z`).getTime();
  world.testApp.clock.advanceMinutes((target - world.testApp.clock.now().getTime()) / 60_000);
}

/** Signs in afresh: a session started days earlier on the moved clock has expired. */
async function as(role: Role, request: ApiRequest) {
  const client: SignedInClient = await signInAs(world.testApp.app, world.users.get(role)!);
  return send(world, request, client);
}

async function markRegister(classId: number, date: string, entries: object[]) {
  const response = await as('attendance_officer', {
    method: 'PUT',
    url: `/api/classes/${classId}/register`,
    payload: { date, session: 'AM', entries, reason: 'register taken late in the test' },
    headers: { 'idempotency-key': freshKey() },
  });
  expect(response.statusCode).toBe(200);
}

async function listTasks(date: string): Promise<TaskView[]> {
  const response = await as('office', {
    method: 'GET',
    url: `/api/schools/${world.school.id}/follow-up-tasks?date=${date}`,
  });
  expect(response.statusCode).toBe(200);
  return readJson(response)['tasks'] as TaskView[];
}

async function grantExtendedLeave(pupilId: number): Promise<number> {
  const submitted = await as('office', {
    method: 'POST',
    url: `/api/pupils/${pupilId}/leave-requests`,
    payload: {
      purpose: 'extended-holiday',
      reason: "a grandparent's funeral abroad",
      from: { date: '2024-09-09', session: 'AM' },
      to: { date: '2024-09-13', session: 'PM' },
      agreedReturn: '2024-09-16',
    },
  });
  expect(submitted.statusCode).toBe(201);
  const id = readJson(submitted)['id'] as number;
  const decided = await as('headteacher', {
    method: 'POST',
    url: `/api/leave-requests/${id}/decision`,
    payload: { decision: 'grant-all', reason: 'agreed at the meeting with the head' },
  });
  expect(decided.statusCode).toBe(200);
  return id;
}

describe('a pupil not back from extended leave on the agreed return date', () => {
  // Agreed return Monday 16 September 2024: day 10 is Friday 27 September, day 20 Friday 11 October.
  it('gets the missing-from-education steps from the daily run, day 1 to day 20', async () => {
    const away = world.otherClassPupils[0]!.id;
    const back = world.otherClassPupils[1]!.id;
    const leaveId = await grantExtendedLeave(away);
    await grantExtendedLeave(back);

    setClockTo('2024-09-13');
    const whileAway = await listTasks('2024-09-13');
    expect(whileAway.filter((task) => [away, back].includes(task.pupilId))).toEqual([]);

    setClockTo('2024-09-16');
    // Before the register is taken on the return day nothing is known yet.
    expect((await listTasks('2024-09-16')).filter((task) => task.pupilId === away)).toEqual([]);
    await markRegister(world.otherClassId, '2024-09-16', [
      { pupilId: away, code: 'N' },
      { pupilId: back, code: '/' },
    ]);
    const dayOne = (await listTasks('2024-09-16')).filter((task) =>
      [away, back].includes(task.pupilId),
    );
    expect(dayOne).toMatchObject([
      {
        pupilId: away,
        workflow: 'delapre-extended-leave',
        step: 'call-all-contacts',
        absenceStartedOn: '2024-09-16',
        absenceDays: 1,
        overdue: false,
      },
    ]);
    // The same day's run again creates nothing twice.
    const again = (await listTasks('2024-09-16')).filter((task) => task.pupilId === away);
    expect(again.map((task) => task.id)).toEqual(dayOne.map((task) => task.id));

    // Days 2 to 9 pass with no register mark for the pupil at all: still not back.
    setClockTo('2024-09-27');
    await markRegister(world.otherClassId, '2024-09-27', [{ pupilId: away, code: 'N' }]);
    const dayTen = (await listTasks('2024-09-27')).filter((task) => task.pupilId === away);
    expect(dayTen.every((task) => task.workflow === 'delapre-extended-leave')).toBe(true);
    expect(dayTen.map((task) => task.step)).toEqual([
      'call-all-contacts',
      'follow-up-call',
      'email-home',
      'home-visit',
      'report-missing-from-education',
    ]);
    expect(dayTen.find((task) => task.step === 'home-visit')).toMatchObject({
      dueOn: '2024-09-20',
      overdue: true,
    });
    expect(dayTen.find((task) => task.step === 'report-missing-from-education')).toMatchObject({
      dueOn: '2024-09-27',
      absenceDays: 10,
      assignedRole: 'attendance_lead',
      overdue: false,
    });

    setClockTo('2024-10-11');
    await markRegister(world.otherClassId, '2024-10-11', [{ pupilId: away, code: 'N' }]);
    const dayTwenty = (await listTasks('2024-10-11')).filter((task) => task.pupilId === away);
    const offRoll = dayTwenty.find((task) => task.step === 'request-off-roll');
    expect(offRoll).toMatchObject({ dueOn: '2024-10-11', assignedRole: 'headteacher' });
    expect(offRoll?.title).toContain('local authority to agree removal from roll');

    const started = await world.db
      .selectFrom('audit_log')
      .select(['subject_pupil_id', 'details'])
      .where('action', '=', 'extended-leave.not-returned')
      .execute();
    expect(started).toEqual([
      {
        subject_pupil_id: away,
        details: expect.objectContaining({
          leaveRequestId: leaveId,
          agreedReturn: '2024-09-16',
        }) as unknown,
      },
    ]);
  });

  it('stops creating steps once a contact is reached', async () => {
    const pupilId = world.classmates[0]!.id;
    setClockTo('2024-10-11');
    await grantExtendedLeave(pupilId);
    setClockTo('2024-10-14');
    // 16 September onwards: no marks at all, so the run is already 20 school days long.
    const before = (await listTasks('2024-10-14')).filter((task) => task.pupilId === pupilId);
    expect(before.map((task) => task.step)).toContain('request-off-roll');
    const called = await as('office', {
      method: 'POST',
      url: `/api/pupils/${pupilId}/follow-up-contacts`,
      payload: { schoolId: world.school.id, outcome: 'reached', note: 'back on Wednesday' },
    });
    expect(called.statusCode).toBe(201);
    setClockTo('2024-10-15');
    expect((await listTasks('2024-10-15')).filter((task) => task.pupilId === pupilId)).toEqual([]);
  });
});
