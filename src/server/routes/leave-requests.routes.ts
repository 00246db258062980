import { PupilParams, SchoolParams } from '../../contracts/common.contract.ts';
import {
  LeaveDecisionBody,
  LeaveDecisionResponse,
  LeaveRequestBody,
  LeaveRequestParams,
  LeaveRequestResponse,
  PendingLeaveRequestList,
  PupilLeaveRequestList,
} from '../../contracts/follow-up.contract.ts';
import type { Role } from '../../domain/access/access-policy.ts';
import type { LeaveDecision } from '../../domain/followup/leave-decision.ts';
import {
  decideLeaveRequest,
  listPendingLeaveForDecision,
  submitLeaveRequest,
} from '../../services/leave-request.service.ts';
import {
  findLeaveRequest,
  listLeaveRequestSessions,
  listPupilLeaveRequests,
  type LeaveRequest,
} from '../../store/leave-request.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, readPathId, requireCapability } from '../auth.hooks.ts';
import { canActOnPupilAt, findReportingSchools } from '../follow-up-access.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['leave requests'];
const security = [{ session: [] }];

/** Leave is decided by the head or a delegate accountable for attendance, not by every officer. */
const LEAVE_DECIDERS: ReadonlySet<Role> = new Set(['admin', 'headteacher', 'attendance_lead']);

function describeLeaveRequest(request: LeaveRequest) {
  return {
    id: request.id,
    schoolId: request.schoolId,
    pupilId: request.pupilId,
    source: request.source,
    purpose: request.purpose,
    reason: request.reason,
    evidence: request.evidence,
    from: request.from,
    to: request.to,
    agreedReturn: request.agreedReturn,
    exceptionalTestRequired: request.exceptionalTestRequired,
    status: request.status,
    decisionReason: request.decisionReason,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
  };
}

function toLeaveDecision(body: LeaveDecisionBody): LeaveDecision {
  switch (body.decision) {
    case 'grant-all':
      return { kind: 'grant-all' };
    case 'refuse':
      return { kind: 'refuse' };
    case 'grant-part':
      return { kind: 'grant-part', granted: body.granted };
  }
}

export function registerLeaveRequestRoutes(app: RollcallApp): void {
  app.post(
    '/api/pupils/:pupilId/leave-requests',
    {
      schema: {
        summary:
          'Apply for leave of absence in term time (a parent for their child, or the office)',
        description:
          'The head or a delegate decides later. In Wales a holiday that takes the year beyond ' +
          '10 days is flagged for the exceptional-circumstances test. Needs record-absence-report.',
        tags,
        security,
        params: PupilParams,
        body: LeaveRequestBody,
        response: { 201: LeaveRequestResponse, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireCapability('record-absence-report', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const actor = getSignedIn(request).session.actor;
      const { pupilId } = request.params;
      const body = request.body;
      const schoolIds = await findReportingSchools(request, pupilId, {
        schoolId: body.schoolId,
        from: body.from.date,
      });
      const [schoolId] = schoolIds;
      if (schoolId === undefined || schoolIds.length > 1)
        return sendProblem(
          reply,
          schoolId === undefined
            ? createProblem(
                'not-on-roll',
                `The pupil is not on a roll you can apply to on ${body.from.date}.`,
                {
                  errors: [
                    { field: 'body.from.date', message: 'the pupil is not on roll that day' },
                  ],
                },
              )
            : createProblem(
                'validation',
                'The pupil is on two rolls; say which school in schoolId.',
                {
                  errors: [{ field: 'body.schoolId', message: `one of ${schoolIds.join(', ')}` }],
                },
              ),
        );
      const outcome = await submitLeaveRequest(
        { db, clock },
        {
          schoolId,
          pupilId,
          requestedBy: actor.userId,
          source: actor.role === 'parent' ? 'parent' : 'office',
          purpose: body.purpose,
          reason: body.reason,
          evidence: body.evidence ?? null,
          from: body.from,
          to: body.to,
          agreedReturn: body.agreedReturn ?? null,
        },
      );
      if (outcome.ok) return reply.code(201).send(describeLeaveRequest(outcome.value));
      const error = outcome.error;
      if (error.kind === 'invalid-span')
        return sendProblem(
          reply,
          createProblem('invalid-span', `${error.message}; correct the request.`, {
            errors: [{ field: `body.${error.field}`, message: error.message }],
          }),
        );
      return sendProblem(reply, describeSetupProblem(error));
    },
  );

  app.get(
    '/api/pupils/:pupilId/leave-requests',
    {
      schema: {
        summary: "A pupil's leave requests and their decisions",
        description: 'Needs view-pupil (a parent sees their own child).',
        tags,
        security,
        params: PupilParams,
        response: { 200: PupilLeaveRequestList, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('view-pupil', inPath.pupil()),
    },
    async (request) => {
      const { db } = request.server.rollcall;
      const { pupilId } = request.params;
      const requests = await listPupilLeaveRequests(db, pupilId);
      const visible: LeaveRequest[] = [];
      for (const leave of requests)
        if (await canActOnPupilAt(request, 'view-pupil', pupilId, leave.schoolId))
          visible.push(leave);
      return {
        requests: await Promise.all(
          visible.map(async (leave) => ({
            ...describeLeaveRequest(leave),
            sessions: (await listLeaveRequestSessions(db, leave.id)).map((s) => ({ ...s })),
          })),
        ),
      };
    },
  );

  app.get(
    '/api/schools/:schoolId/leave-requests',
    {
      schema: {
        summary: 'Leave requests waiting for a decision, oldest first',
        description:
          'Each with the pupil, the school sessions asked for and the leave already in the ' +
          "pupil's school year. Needs manage-follow-up.",
        tags,
        security,
        params: SchoolParams,
        response: { 200: PendingLeaveRequestList, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request, reply) => {
      const pending = await listPendingLeaveForDecision(
        request.server.rollcall.db,
        request.params.schoolId,
      );
      if (!pending.ok) return sendProblem(reply, describeSetupProblem(pending.error));
      return {
        requests: pending.value.map((view) => ({
          ...describeLeaveRequest(view.request),
          pupil: view.pupil,
          sessions: view.sessions.map((s) => ({ ...s })),
          leaveSessionsThisYear: view.leaveSessionsThisYear,
        })),
      };
    },
  );

  app.post(
    '/api/leave-requests/:leaveRequestId/decision',
    {
      schema: {
        summary:
          'Grant all, grant part (naming the sessions) or refuse, with reasons for the parent',
        description:
          'Granted sessions take the jurisdiction’s code (England 2024: C; Wales: H, F for ' +
          'extended); refused holiday taken becomes G. Sessions already past are recorded in ' +
          'the register now, with history. Headteacher, attendance lead or admin.',
        tags,
        security,
        params: LeaveRequestParams,
        body: LeaveDecisionBody,
        response: { 200: LeaveDecisionResponse, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireCapability('manage-follow-up', async (request) => {
        const found = await findLeaveRequest(
          request.server.rollcall.db,
          readPathId(request, 'leaveRequestId'),
        );
        return found && { kind: 'pupil', pupilId: found.pupilId };
      }),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const actor = getSignedIn(request).session.actor;
      const leave = await findLeaveRequest(db, request.params.leaveRequestId);
      if (
        !leave ||
        !(await canActOnPupilAt(request, 'manage-follow-up', leave.pupilId, leave.schoolId))
      )
        return sendProblem(
          reply,
          createProblem('not-found', 'There is no leave request with that id.'),
        );
      if (!LEAVE_DECIDERS.has(actor.role))
        return sendProblem(
          reply,
          createProblem(
            'forbidden',
            `Leave is decided by the headteacher or attendance lead; your role is ${actor.role}.`,
          ),
        );
      const outcome = await decideLeaveRequest(
        { db, clock },
        {
          leaveRequestId: leave.id,
          decision: toLeaveDecision(request.body),
          reason: request.body.reason,
          decidedBy: actor.userId,
        },
      );
      if (outcome.ok)
        return {
          request: describeLeaveRequest(outcome.value.request),
          sessions: outcome.value.sessions.map((s) => ({ ...s })),
          marksChanged: outcome.value.marksChanged,
        };
      const error = outcome.error;
      switch (error.kind) {
        case 'leave-request-not-found':
          return sendProblem(
            reply,
            createProblem('not-found', 'There is no leave request with that id.'),
          );
        case 'already-decided':
          return sendProblem(
            reply,
            createProblem(
              'leave-request-decided',
              `The request was already decided (${error.status}).`,
            ),
          );
        case 'reason-missing':
          return sendProblem(
            reply,
            createProblem('validation', 'Give the reason the parent will read.', {
              errors: [{ field: 'body.reason', message: 'must not be empty' }],
            }),
          );
        case 'no-sessions':
        case 'not-requested':
        case 'grant-part-covers-all':
          return sendProblem(
            reply,
            createProblem('leave-decision-invalid', `${error.message}.`, {
              errors: [{ field: 'body.granted', message: error.message }],
            }),
          );
        default:
          return sendProblem(reply, describeSetupProblem(error));
      }
    },
  );
}
