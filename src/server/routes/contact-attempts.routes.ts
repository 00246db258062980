import { PupilParams } from '../../contracts/common.contract.ts';
import {
  ContactAttemptList,
  ContactAttemptQuery,
  ContactAttemptRequest,
  ContactAttemptResponse,
} from '../../contracts/contact-attempt.contract.ts';
import {
  listContactAttemptsSince,
  logContactAttempt,
} from '../../services/contact-attempt.service.ts';
import type { ContactAttempt } from '../../store/contact-attempt.repository.ts';
import { listContacts } from '../../store/pupil.repository.ts';
import type { Executor } from '../../store/transaction.ts';
import { findUser } from '../../store/user.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, requireCapability } from '../auth.hooks.ts';
import { findPupilSchoolsAllowing } from '../follow-up-access.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { findToday } from '../service-problems.ts';

const tags = ['contact attempts'];
const security = [{ session: [] }];
const problems = problemResponses(400, 401, 403, 404);

/** Attempts with the names of the contact and the member of staff, as the office reads them. */
async function describeAttempts(db: Executor, pupilId: number, attempts: ContactAttempt[]) {
  const contacts = new Map((await listContacts(db, pupilId)).map((c) => [c.id, c.name]));
  const staff = new Map<number, string>();
  for (const userId of new Set(attempts.map((attempt) => attempt.madeBy)))
    staff.set(userId, (await findUser(db, userId))?.displayName ?? 'Unknown user');
  return attempts.map((attempt) => ({
    id: attempt.id,
    schoolId: attempt.schoolId,
    pupilId: attempt.pupilId,
    contactId: attempt.contactId,
    contactName: attempt.contactId === null ? null : (contacts.get(attempt.contactId) ?? null),
    attemptedAt: attempt.attemptedAt.toISOString(),
    outcome: attempt.outcome,
    note: attempt.note,
    madeBy: { userId: attempt.madeBy, name: staff.get(attempt.madeBy) ?? 'Unknown user' },
  }));
}

export function registerContactAttemptRoutes(app: RollcallApp): void {
  app.post(
    '/api/pupils/:pupilId/contact-attempts',
    {
      schema: {
        summary: "Log a call or message to a pupil's contact about an absence, and how it went",
        description:
          'Outcomes: reached, no-answer, message-left, reason-given. A reason given is then ' +
          'recorded on the marks (PATCH /api/pupils/:pupilId/marks). Audit-logged. Needs ' +
          'record-absence-reason on the pupil.',
        tags,
        security,
        params: PupilParams,
        body: ContactAttemptRequest,
        response: { 201: ContactAttemptResponse, ...problems },
      },
      preHandler: requireCapability('record-absence-reason', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const { pupilId } = request.params;
      const body = request.body;
      const allowed = await findPupilSchoolsAllowing(request, pupilId, 'record-absence-reason');
      const schoolIds =
        body.schoolId === undefined ? allowed : allowed.filter((id) => id === body.schoolId);
      const [schoolId] = schoolIds;
      if (schoolId === undefined || schoolIds.length > 1)
        return sendProblem(
          reply,
          createProblem(
            'validation',
            schoolId === undefined
              ? 'You cannot log calls for this pupil at that school.'
              : 'The pupil is on two rolls; say which school in schoolId.',
            { errors: [{ field: 'body.schoolId', message: `one of ${allowed.join(', ')}` }] },
          ),
        );
      const logged = await logContactAttempt(
        { db, clock },
        {
          schoolId,
          pupilId,
          contactId: body.contactId ?? null,
          outcome: body.outcome,
          note: body.note === undefined || body.note === '' ? null : body.note,
          madeBy: getSignedIn(request).session.user.id,
        },
      );
      if (!logged.ok)
        return sendProblem(
          reply,
          createProblem('validation', `Contact ${logged.error.contactId} is not this pupil's.`, {
            errors: [{ field: 'body.contactId', message: "choose one of the pupil's contacts" }],
          }),
        );
      const [described] = await describeAttempts(db, pupilId, [logged.value]);
      if (described === undefined) throw new Error('a recorded attempt could not be described');
      return reply.code(201).send(described);
    },
  );

  app.get(
    '/api/pupils/:pupilId/contact-attempts',
    {
      schema: {
        summary: "A pupil's contact attempts from a day onwards (today by default), oldest first",
        description: 'Needs record-absence-reason on the pupil.',
        tags,
        security,
        params: PupilParams,
        querystring: ContactAttemptQuery,
        response: { 200: ContactAttemptList, ...problems },
      },
      preHandler: requireCapability('record-absence-reason', inPath.pupil()),
    },
    async (request) => {
      const { db } = request.server.rollcall;
      const { pupilId } = request.params;
      const attempts = await listContactAttemptsSince(db, {
        pupilId,
        since: request.query.since ?? findToday(request),
        schoolIds: await findPupilSchoolsAllowing(request, pupilId, 'record-absence-reason'),
      });
      return { attempts: await describeAttempts(db, pupilId, attempts) };
    },
  );
}
