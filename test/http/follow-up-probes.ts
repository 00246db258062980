import type { Role } from '../../src/domain/access/access-policy.ts';
import { addDays } from '../../src/domain/calendar/plain-date.ts';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { addContact, listContacts } from '../../src/store/pupil.repository.ts';
import { sendAs, type ApiRequest, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

/** The follow-up endpoints' probes for the authorisation matrix (same shape as its Probe). */
export interface FollowUpProbe {
  readonly name: string;
  readonly request: () => ApiRequest;
  readonly allowed: readonly Role[];
  readonly success: 200 | 201 | 204;
}

const leadership: readonly Role[] = [
  'admin',
  'headteacher',
  'attendance_lead',
  'attendance_officer',
];

export interface FollowUpProbeSetup {
  /** Pupils each with case actions due as of 27 September: one per role that may decide. */
  readonly actionPupilIds: readonly number[];
  /** Notices still open, one per role that may record a payment, and one per withdrawal. */
  readonly toPay: readonly { readonly id: number; readonly paidOn: string }[];
  readonly toWithdraw: readonly number[];
}

/**
 * Each allowed role changes something in turn, so a changing probe hands out a fresh target
 * per call. The matrix asks the roles in the order of `roles`, and the roles that may go
 * there come first, so the first calls get the targets; later calls are refused unchanged.
 */
function takeInTurn<T>(targets: readonly T[]): () => T {
  let next = 0;
  return () => targets[next++ % targets.length]!;
}

async function recordAbsentWeek(world: ApiWorld, pupilId: number): Promise<void> {
  const enrolment = await world.db
    .selectFrom('enrolments')
    .select('id')
    .where('pupil_id', '=', pupilId)
    .where('school_id', '=', world.school.id)
    .executeTakeFirstOrThrow();
  for (const day of [0, 1, 2, 3, 4, 7, 8, 9, 10, 11])
    for (const session of ['AM', 'PM'] as const) {
      const recorded = await recordSessionMarks(world.db, {
        schoolId: world.school.id,
        date: addDays('2024-09-16', day),
        session,
        entries: [{ pupilId, enrolmentId: enrolment.id, code: 'O' }],
        recordedBy: world.users.get('admin')!.id,
        source: 'import',
        reason: null,
        at: new Date('2024-09-04T08:00:00Z'),
      });
      if (!recorded.ok) throw new Error('could not record test marks');
    }
}

/**
 * School A follows Wigston's policy (it has a case ladder); four pupils miss the two weeks
 * from 16 September, and four parents have two notices each (issued before the clock's
 * day, so that paying or withdrawing them on 3 September is in the past).
 */
export async function prepareFollowUpProbes(world: ApiWorld): Promise<FollowUpProbeSetup> {
  await world.db
    .updateTable('schools')
    .set({ policy_preset: 'wigston' })
    .where('id', '=', world.school.id)
    .execute();
  const actionPupilIds = [
    world.child.id,
    world.classmates[0]!.id,
    world.classmates[1]!.id,
    world.otherClassPupils[1]!.id,
  ];
  for (const pupilId of actionPupilIds) await recordAbsentWeek(world, pupilId);

  const pupilId = world.classmates[1]!.id;
  for (const [priority, name] of [
    [1, 'Imogen Marchbanks'],
    [2, 'Lysander Marchbanks'],
  ] as const)
    await addContact(world.db, {
      pupilId,
      userId: null,
      name,
      relationship: priority === 1 ? 'mother' : 'father',
      parentalResponsibility: true,
      emergencyContact: true,
      phone: null,
      email: null,
      priority,
    });
  const notices: { id: number; paidOn: string }[] = [];
  for (const child of [world.child.id, pupilId])
    for (const contact of await listContacts(world.db, child))
      for (const issuedOn of ['2024-08-20', '2024-08-27']) {
        const issued = await sendAs(world, 'headteacher', {
          method: 'POST',
          url: `/api/pupils/${child}/penalty-notices`,
          payload: { schoolId: world.school.id, contactId: contact.id, issuedOn },
        });
        if (issued.statusCode !== 201) throw new Error('could not issue a test notice');
        notices.push({ id: readJson(issued)['id'] as number, paidOn: '2024-09-03' });
      }
  return {
    actionPupilIds,
    toPay: notices.slice(0, 4),
    toWithdraw: notices.slice(4).map((notice) => notice.id),
  };
}

export function listFollowUpProbes(world: ApiWorld, setup: FollowUpProbeSetup): FollowUpProbe[] {
  const school = world.school.id;
  const dismissing = takeInTurn(setup.actionPupilIds);
  const accepting = takeInTurn(setup.actionPupilIds);
  const paying = takeInTurn(setup.toPay);
  const withdrawing = takeInTurn(setup.toWithdraw);
  return [
    {
      name: 'list the case actions the alerts call for',
      request: () => ({
        method: 'GET',
        url: `/api/schools/${school}/case-actions?date=2024-09-27`,
      }),
      allowed: leadership,
      success: 200,
    },
    {
      // Dismisses each pupil's top action; the next one down is left for acceptance.
      name: 'dismiss a case action',
      request: () => ({
        method: 'POST',
        url: `/api/schools/${school}/case-actions/dismissal`,
        payload: { pupilId: dismissing(), date: '2024-09-27', reason: 'already in hand' },
      }),
      allowed: leadership,
      success: 201,
    },
    {
      name: 'accept a case action',
      request: () => ({
        method: 'POST',
        url: `/api/schools/${school}/case-actions/acceptance`,
        payload: { pupilId: accepting(), date: '2024-09-27' },
      }),
      allowed: leadership,
      success: 201,
    },
    {
      name: 'record a penalty notice paid',
      request: () => {
        const notice = paying();
        return {
          method: 'POST',
          url: `/api/penalty-notices/${notice.id}/payment`,
          payload: { paidOn: notice.paidOn },
        };
      },
      allowed: leadership,
      success: 200,
    },
    {
      name: 'record a penalty notice withdrawn',
      request: () => ({
        method: 'POST',
        url: `/api/penalty-notices/${withdrawing()}/withdrawal`,
        payload: { withdrawnOn: '2024-09-03', reason: 'the absences were authorised after all' },
      }),
      allowed: leadership,
      success: 200,
    },
    {
      name: "save the school's wording of a letter",
      request: () => ({
        method: 'PUT',
        url: `/api/schools/${school}/letter-templates/lateness`,
        payload: {
          title: 'Time keeping',
          emailSubject: 'Time keeping',
          body: 'Dear {{parent.name}},\n\n{{pupil.firstName}} has been late.',
        },
      }),
      allowed: ['admin', 'headteacher', 'attendance_lead'],
      success: 204,
    },
  ];
}
