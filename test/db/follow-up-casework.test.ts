import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  addCaseEvent,
  moveCaseStage,
  openAttendanceCase,
} from '../../src/services/casework.service.ts';
import { issuePenaltyNotice } from '../../src/services/penalty-notice.service.ts';
import {
  completeFirstDayTask,
  recordFollowUpContact,
  refreshFirstDayTasks,
} from '../../src/services/first-day-response.service.ts';
import {
  decideLeaveRequest,
  submitLeaveRequest,
} from '../../src/services/leave-request.service.ts';
import { takeRegister } from '../../src/services/register.service.ts';
import { listAuditEvents } from '../../src/store/audit.repository.ts';
import { findMark, listMarkHistory, recordSessionMarks } from '../../src/store/mark.repository.ts';
import { addContact } from '../../src/store/pupil.repository.ts';
import { makeSchoolWithClass } from './school-fixture.ts';
import { useTestDatabase } from './test-database.ts';

/** A clock a test moves from day to day. */
function movableClock(iso: string) {
  let instant = new Date(iso);
  return {
    now: () => instant,
    setTo: (next: string) => {
      instant = new Date(next);
    },
  };
}

// The autumn term's first 20 school days: Mon 2 Sep to Fri 27 Sep 2024.
const schoolDays = Array.from({ length: 28 }, (_, i) => `2024-09-${String(i + 2).padStart(2, '0')}`)
  .filter((date) => {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  })
  .slice(0, 20);

describe('follow-up casework services', () => {
  const database = useTestDatabase();

  async function markMorning(
    world: Awaited<ReturnType<typeof makeSchoolWithClass>>,
    clock: { now: () => Date },
    date: string,
    codes: Record<number, string>,
  ) {
    const taken = await takeRegister(
      { db: database.db, clock },
      {
        schoolId: world.school.id,
        classId: world.schoolClass.id,
        date,
        session: 'AM',
        entries: world.pupilIds.map((pupilId) => ({ pupilId, code: codes[pupilId] ?? '/' })),
        recordedBy: world.teacher.id,
        teacherCodesOnly: true,
        reason: null,
        idempotencyKey: null,
      },
    );
    if (!taken.ok) throw new Error(JSON.stringify(taken.error));
  }

  it('walks a Delapre first-day response from day 1 to day 20, escalating an overdue visit', async () => {
    const world = await makeSchoolWithClass(database.db);
    const [absent] = world.pupilIds as [number];
    const clock = movableClock(`${schoolDays[0]!}T09:30:00Z`);
    const deps = { db: database.db, clock };
    const seen: string[] = [];
    for (const [i, date] of schoolDays.entries()) {
      clock.setTo(`${date}T09:30:00Z`);
      await markMorning(world, clock, date, { [absent]: 'N' });
      const tasks = await refreshFirstDayTasks(deps, {
        schoolId: world.school.id,
        date,
        actorUserId: world.office.id,
      });
      if (!tasks.ok) throw new Error(JSON.stringify(tasks.error));
      for (const view of tasks.value) {
        seen.push(`day ${i + 1}: ${view.task.step}${view.overdue ? ' overdue' : ''}`);
        // Staff keep up with everything but the home visit, which they leave until day 7.
        if (view.task.step === 'home-visit' && i + 1 < 7) continue;
        if (view.task.step === 'call-all-contacts' || view.task.step === 'follow-up-call') {
          const called = await recordFollowUpContact(deps, {
            schoolId: world.school.id,
            pupilId: absent,
            contactId: null,
            outcome: 'no-answer',
            note: null,
            reason: null,
            madeBy: world.office.id,
          });
          expect(called.ok && called.value.completedTaskIds).toEqual([view.task.id]);
        } else {
          const done = await completeFirstDayTask(deps, {
            taskId: view.task.id,
            doneBy: world.office.id,
            outcome: 'done',
          });
          expect(done.ok).toBe(true);
        }
      }
    }
    expect(seen).toEqual([
      'day 1: call-all-contacts',
      'day 2: follow-up-call',
      'day 3: email-home',
      'day 5: home-visit',
      'day 6: home-visit',
      'day 7: home-visit overdue',
      'day 10: report-missing-from-education',
      'day 20: request-off-roll',
    ]);
    const audit = await listAuditEvents(database.db, {
      from: new Date('2024-09-01T00:00:00Z'),
      to: new Date('2024-10-01T00:00:00Z'),
      subjectPupilId: absent,
    });
    expect(audit.filter((event) => event.action === 'follow-up-task.escalated')).toHaveLength(1);
    expect(audit.filter((event) => event.action === 'follow-up-task.completed')).toHaveLength(6);
  });

  it('turns a reason from a reached contact into codes on the run of N marks', async () => {
    const world = await makeSchoolWithClass(database.db);
    const [absent] = world.pupilIds as [number];
    const clock = movableClock('2024-09-02T09:30:00Z');
    const deps = { db: database.db, clock };
    for (const date of ['2024-09-02', '2024-09-03']) {
      clock.setTo(`${date}T09:30:00Z`);
      await markMorning(world, clock, date, { [absent]: 'N' });
      await refreshFirstDayTasks(deps, {
        schoolId: world.school.id,
        date,
        actorUserId: world.office.id,
      });
    }
    const contact = await addContact(database.db, {
      pupilId: absent,
      userId: null,
      name: 'Parent',
      relationship: 'mother',
      parentalResponsibility: true,
      emergencyContact: true,
      phone: '07700900000',
      email: null,
      priority: 1,
    });
    const reached = await recordFollowUpContact(deps, {
      schoolId: world.school.id,
      pupilId: absent,
      contactId: contact.id,
      outcome: 'reason-given',
      note: 'chickenpox',
      reason: 'illness',
      madeBy: world.office.id,
    });
    expect(reached.ok && reached.value.resolvedMarks).toBe(2);
    expect(reached.ok && reached.value.completedTaskIds).toHaveLength(2);
    const mark = await findMark(database.db, {
      schoolId: world.school.id,
      pupilId: absent,
      date: '2024-09-02',
      session: 'AM',
    });
    expect(mark?.code).toBe('I');
    const after = await refreshFirstDayTasks(deps, {
      schoolId: world.school.id,
      date: '2024-09-03',
      actorUserId: world.office.id,
    });
    expect(after.ok && after.value).toEqual([]);
    expect(
      await recordFollowUpContact(deps, {
        schoolId: world.school.id,
        pupilId: absent,
        contactId: null,
        outcome: 'no-answer',
        note: null,
        reason: 'illness',
        madeBy: world.office.id,
      }),
    ).toMatchObject({ ok: false, error: { kind: 'reason-needs-contact' } });
  });

  it('grants part of a leave request: granted days C, refused days taken G, with history', async () => {
    const world = await makeSchoolWithClass(database.db);
    const [pupil] = world.pupilIds as [number];
    const clock = movableClock('2024-09-09T09:30:00Z');
    const deps = { db: database.db, clock };
    const request = await submitLeaveRequest(deps, {
      schoolId: world.school.id,
      pupilId: pupil,
      requestedBy: world.office.id,
      source: 'office',
      purpose: 'exceptional',
      reason: "grandparent's funeral abroad",
      evidence: null,
      from: { date: '2024-09-09', session: 'AM' },
      to: { date: '2024-09-11', session: 'PM' },
      agreedReturn: null,
    });
    if (!request.ok) throw new Error(JSON.stringify(request.error));
    for (const date of ['2024-09-09', '2024-09-10']) {
      clock.setTo(`${date}T09:30:00Z`);
      await markMorning(world, clock, date, { [pupil]: 'N' });
    }
    const decided = await decideLeaveRequest(deps, {
      leaveRequestId: request.value.id,
      decision: {
        kind: 'grant-part',
        granted: [
          { date: '2024-09-09', session: 'AM' },
          { date: '2024-09-09', session: 'PM' },
        ],
      },
      reason: 'the funeral day is granted; travel days are not exceptional',
      decidedBy: world.office.id,
    });
    if (!decided.ok) throw new Error(JSON.stringify(decided.error));
    expect(decided.value.request.status).toBe('part-granted');
    expect(decided.value.sessions.map((s) => `${s.date} ${s.session} ${s.code}`)).toEqual([
      '2024-09-09 AM C',
      '2024-09-09 PM C',
      '2024-09-10 AM O',
      '2024-09-10 PM O',
      '2024-09-11 AM O',
      '2024-09-11 PM O',
    ]);
    // Two sessions of the 9th (one was N, one unmarked) and the N of the 10th's morning.
    expect(decided.value.marksChanged).toBe(3);
    const granted = await findMark(database.db, {
      schoolId: world.school.id,
      pupilId: pupil,
      date: '2024-09-09',
      session: 'AM',
    });
    const history = await listMarkHistory(database.db, granted!.id);
    expect(history.at(-1)).toMatchObject({ previousCode: 'N', newCode: 'C', source: 'office' });
    expect(history.at(-1)?.reason).toMatch(/leave request \d+ granted/);
    expect(
      await decideLeaveRequest(deps, {
        leaveRequestId: request.value.id,
        decision: { kind: 'refuse' },
        reason: 'again',
        decidedBy: world.office.id,
      }),
    ).toMatchObject({ ok: false, error: { kind: 'already-decided' } });

    // On the 11th the register marks N; the refusal codes it and nobody is chased.
    clock.setTo('2024-09-11T09:30:00Z');
    await markMorning(world, clock, '2024-09-11', { [pupil]: 'N' });
    const tasks = await refreshFirstDayTasks(deps, {
      schoolId: world.school.id,
      date: '2024-09-11',
      actorUserId: world.office.id,
    });
    expect(tasks.ok && tasks.value).toEqual([]);
    const refused = await findMark(database.db, {
      schoolId: world.school.id,
      pupilId: pupil,
      date: '2024-09-11',
      session: 'AM',
    });
    expect(refused?.code).toBe('O');
  });

  it('flags a Welsh holiday request that takes the year beyond 10 days', async () => {
    const world = await makeSchoolWithClass(database.db);
    await database.db
      .updateTable('schools')
      .set({ jurisdiction: 'wales', policy_preset: 'wales' })
      .where('id', '=', world.school.id)
      .execute();
    const [pupil] = world.pupilIds as [number];
    const enrolmentId = world.pupils[0]!.enrolment.id;
    for (const date of schoolDays.slice(0, 8))
      for (const session of ['AM', 'PM'] as const)
        await recordSessionMarks(database.db, {
          schoolId: world.school.id,
          date,
          session,
          entries: [{ pupilId: pupil, enrolmentId, code: 'H', expectedVersion: null }],
          recordedBy: world.office.id,
          source: 'office',
          reason: null,
          at: new Date('2024-09-30T10:00:00Z'),
        });
    const deps = { db: database.db, clock: movableClock('2024-10-01T10:00:00Z') };
    const ask = (to: string) =>
      submitLeaveRequest(deps, {
        schoolId: world.school.id,
        pupilId: pupil,
        requestedBy: world.office.id,
        source: 'office',
        purpose: 'holiday',
        reason: 'family holiday',
        evidence: null,
        from: { date: '2024-10-14', session: 'AM' },
        to: { date: to, session: 'PM' },
        agreedReturn: null,
      });
    const twoDays = await ask('2024-10-15');
    expect(twoDays.ok && twoDays.value.exceptionalTestRequired).toBe(false);
    const threeDays = await ask('2024-10-16');
    expect(threeDays.ok && threeDays.value.exceptionalTestRequired).toBe(true);
    const extended = await submitLeaveRequest(deps, {
      schoolId: world.school.id,
      pupilId: pupil,
      requestedBy: world.office.id,
      source: 'office',
      purpose: 'extended-holiday',
      reason: 'visiting family',
      evidence: null,
      from: { date: '2024-10-14', session: 'AM' },
      to: { date: '2024-10-16', session: 'PM' },
      agreedReturn: null,
    });
    expect(extended).toMatchObject({
      ok: false,
      error: { kind: 'invalid-span', field: 'agreedReturn' },
    });
  });

  it('opens a case once, moves it, and keeps its events append-only', async () => {
    const world = await makeSchoolWithClass(database.db);
    const [pupil] = world.pupilIds as [number];
    const deps = { db: database.db, clock: movableClock('2024-09-16T10:00:00Z') };
    const input = {
      schoolId: world.school.id,
      pupilId: pupil,
      ladder: 'wigston',
      stage: 1,
      notes: null,
      openedBy: world.office.id,
    };
    const opened = await openAttendanceCase(deps, input);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(await openAttendanceCase(deps, input)).toMatchObject({
      ok: false,
      error: { kind: 'case-already-open' },
    });
    expect(await openAttendanceCase(deps, { ...input, ladder: 'roch-cp', stage: 9 })).toMatchObject(
      {
        ok: false,
        error: { kind: 'invalid-case', field: 'stage' },
      },
    );
    const caseId = opened.value.case.id;
    const moved = await moveCaseStage(deps, {
      caseId,
      stage: 3,
      reason: 'below 90%',
      movedBy: world.office.id,
    });
    expect(moved.ok && moved.value.case.stage).toBe(3);
    const timetable = await addCaseEvent(deps, {
      caseId,
      recordedBy: world.office.id,
      event: {
        kind: 'part-time-timetable',
        occurredOn: '2024-09-16',
        summary: 'mornings only for two weeks',
        endsOn: '2024-09-27',
      },
    });
    expect(timetable.ok && timetable.value.dueOn).toBe('2024-09-20');
    const plan = await addCaseEvent(deps, {
      caseId,
      recordedBy: world.office.id,
      event: {
        kind: 'action-plan',
        occurredOn: '2024-09-16',
        summary: 'agreed with mother',
        targets: ['95% over the next four weeks'],
        reviewOn: '2024-10-14',
      },
    });
    expect(plan.ok && plan.value.details).toEqual({ targets: ['95% over the next four weeks'] });
    const notice = await addCaseEvent(deps, {
      caseId,
      recordedBy: world.office.id,
      event: {
        kind: 'notice-to-improve',
        occurredOn: '2024-09-16',
        summary: 'final chance',
        weeks: 7,
      },
    });
    expect(notice).toMatchObject({ ok: false, error: { kind: 'invalid-case', field: 'weeks' } });
    await expect(
      sql`update case_events set summary = 'changed' where case_id = ${caseId}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a third penalty notice to a parent within 3 years and audits the refusal', async () => {
    const world = await makeSchoolWithClass(database.db);
    const [pupil] = world.pupilIds as [number];
    const parent = (name: string, parentalResponsibility: boolean, priority: number) =>
      addContact(database.db, {
        pupilId: pupil,
        userId: null,
        name,
        relationship: 'parent',
        parentalResponsibility,
        emergencyContact: true,
        phone: null,
        email: null,
        priority,
      });
    const mother = await parent('Mother', true, 1);
    const father = await parent('Father', true, 2);
    const neighbour = await parent('Neighbour', false, 3);
    const deps = { db: database.db, clock: movableClock('2027-09-01T10:00:00Z') };
    const issue = (contactId: number, issuedOn: string) =>
      issuePenaltyNotice(deps, {
        schoolId: world.school.id,
        pupilId: pupil,
        contactId,
        caseId: null,
        issuedOn,
        receivedOn: issuedOn,
        issuedBy: world.office.id,
      });
    const first = await issue(mother.id, '2024-10-10');
    expect(first.ok && first.value).toMatchObject({
      ordinal: 1,
      reduced: { amountPence: 8000, dueOn: '2024-10-30' },
      amountPence: 16000,
      dueOn: '2024-11-06',
    });
    const second = await issue(mother.id, '2025-03-05');
    expect(second.ok && second.value).toMatchObject({
      ordinal: 2,
      reduced: null,
      amountPence: 16000,
    });
    const third = await issue(mother.id, '2027-09-01');
    expect(third).toMatchObject({
      ok: false,
      error: { kind: 'limit-reached', allowedAgainOn: '2027-10-10' },
    });
    expect((await issue(father.id, '2027-09-01')).ok).toBe(true);
    expect(await issue(neighbour.id, '2027-09-01')).toMatchObject({
      ok: false,
      error: { kind: 'contact-not-a-parent' },
    });
    const audit = await listAuditEvents(database.db, {
      from: new Date('2027-01-01T00:00:00Z'),
      to: new Date('2028-01-01T00:00:00Z'),
      subjectPupilId: pupil,
    });
    expect(audit.map((event) => event.action)).toContain('penalty-notice.refused');
  });
});
