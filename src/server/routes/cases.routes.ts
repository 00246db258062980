import type { FastifyReply, FastifyRequest } from 'fastify';
import { PupilParams } from '../../contracts/common.contract.ts';
import {
  CaseEventBody,
  CaseEventResponse,
  CaseList,
  CaseParams,
  CaseProposalQuery,
  CaseProposalResponse,
  CaseResponse,
  CaseStageBody,
  CloseCaseBody,
  OpenCaseBody,
} from '../../contracts/follow-up.contract.ts';
import {
  addCaseEvent,
  closeAttendanceCase,
  listAttendanceCaseEvents,
  moveCaseStage,
  openAttendanceCase,
  proposePupilCaseStage,
  type CaseError,
} from '../../services/casework.service.ts';
import type { SchoolCalendarError } from '../../services/school-calendar.service.ts';
import type { StatisticsError } from '../../services/school-statistics.service.ts';
import {
  findCase,
  listPupilCases,
  type AttendanceCase,
  type CaseEvent,
} from '../../store/case.repository.ts';
import type { Executor } from '../../store/transaction.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, readPathId, requireCapability } from '../auth.hooks.ts';
import { canActOnPupilAt, keepIfManaged } from '../follow-up-access.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['cases'];
const security = [{ session: [] }];

function describeEvent(event: CaseEvent) {
  return {
    id: event.id,
    kind: event.kind,
    occurredOn: event.occurredOn,
    summary: event.summary,
    details: { ...event.details },
    reviewOn: event.reviewOn,
    dueOn: event.dueOn,
    recordedBy: event.recordedBy,
    recordedAt: event.recordedAt.toISOString(),
  };
}

async function describeCase(db: Executor, found: AttendanceCase) {
  return {
    id: found.id,
    schoolId: found.schoolId,
    pupilId: found.pupilId,
    ladder: found.ladder,
    stage: found.stage,
    openedAt: found.openedAt.toISOString(),
    closedAt: found.closedAt?.toISOString() ?? null,
    notes: found.notes,
    events: (await listAttendanceCaseEvents(db, found.id)).map(describeEvent),
  };
}

function sendCaseProblem(
  reply: FastifyReply,
  error: CaseError | SchoolCalendarError | StatisticsError,
): FastifyReply {
  switch (error.kind) {
    case 'case-not-found':
      return sendProblem(reply, createProblem('not-found', 'There is no case with that id.'));
    case 'case-closed':
      return sendProblem(
        reply,
        createProblem('case-closed', 'The case is closed; open a new one.'),
      );
    case 'case-already-open':
      return sendProblem(
        reply,
        createProblem(
          'case-already-open',
          'The pupil already has an open case at this school; advance it instead.',
        ),
      );
    case 'invalid-case':
      return sendProblem(
        reply,
        createProblem('case-event-invalid', `${error.field}: ${error.message}.`, {
          errors: [{ field: `body.${error.field}`, message: error.message }],
        }),
      );
    default:
      return sendProblem(reply, describeSetupProblem(error));
  }
}

const caseInPath = async (request: FastifyRequest) => {
  const found = await findCase(request.server.rollcall.db, readPathId(request, 'caseId'));
  return found && ({ kind: 'pupil', pupilId: found.pupilId } as const);
};

/** The case a route names, if the actor may manage it at its own school. */
async function findManagedCase(request: FastifyRequest): Promise<AttendanceCase | undefined> {
  return keepIfManaged(
    request,
    await findCase(request.server.rollcall.db, readPathId(request, 'caseId')),
  );
}

const notFound = createProblem('not-found', 'There is no case with that id.');
const errors = problemResponses(400, 401, 403, 404, 409, 422);

export function registerCaseRoutes(app: RollcallApp): void {
  app.post(
    '/api/pupils/:pupilId/cases',
    {
      schema: {
        summary: "Open an attendance case on the school's escalation ladder",
        description: 'Needs manage-follow-up.',
        tags,
        security,
        params: PupilParams,
        body: OpenCaseBody,
        response: { 201: CaseResponse, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const { pupilId } = request.params;
      const body = request.body;
      if (!(await canActOnPupilAt(request, 'manage-follow-up', pupilId, body.schoolId)))
        return sendProblem(
          reply,
          createProblem('forbidden', 'You cannot open a case for this pupil at that school.'),
        );
      const opened = await openAttendanceCase(
        { db, clock },
        {
          schoolId: body.schoolId,
          pupilId,
          ladder: body.ladder,
          stage: body.stage,
          notes: body.notes ?? null,
          openedBy: getSignedIn(request).session.actor.userId,
        },
      );
      if (!opened.ok) return sendCaseProblem(reply, opened.error);
      return reply.code(201).send(await describeCase(db, opened.value.case));
    },
  );

  app.get(
    '/api/pupils/:pupilId/cases',
    {
      schema: {
        summary: "A pupil's cases with every event, oldest first",
        description: 'Needs manage-follow-up.',
        tags,
        security,
        params: PupilParams,
        response: { 200: CaseList, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.pupil()),
    },
    async (request) => {
      const { db } = request.server.rollcall;
      const { pupilId } = request.params;
      const cases = [];
      for (const found of await listPupilCases(db, pupilId))
        if (await canActOnPupilAt(request, 'manage-follow-up', pupilId, found.schoolId))
          cases.push(await describeCase(db, found));
      return { cases };
    },
  );

  app.post(
    '/api/cases/:caseId/stage',
    {
      schema: {
        summary: 'Move a case to another stage of its ladder, with the reason',
        description: 'Needs manage-follow-up.',
        tags,
        security,
        params: CaseParams,
        body: CaseStageBody,
        response: { 200: CaseResponse, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', caseInPath),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const found = await findManagedCase(request);
      if (!found) return sendProblem(reply, notFound);
      const moved = await moveCaseStage(
        { db, clock },
        {
          caseId: found.id,
          stage: request.body.stage,
          reason: request.body.reason,
          movedBy: getSignedIn(request).session.actor.userId,
        },
      );
      if (!moved.ok) return sendCaseProblem(reply, moved.error);
      return describeCase(db, moved.value.case);
    },
  );

  app.post(
    '/api/cases/:caseId/closure',
    {
      schema: {
        summary: 'Close a case, with the reason',
        description: 'Needs manage-follow-up.',
        tags,
        security,
        params: CaseParams,
        body: CloseCaseBody,
        response: { 200: CaseResponse, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', caseInPath),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const found = await findManagedCase(request);
      if (!found) return sendProblem(reply, notFound);
      const closed = await closeAttendanceCase(
        { db, clock },
        {
          caseId: found.id,
          reason: request.body.reason,
          closedBy: getSignedIn(request).session.actor.userId,
        },
      );
      if (!closed.ok) return sendCaseProblem(reply, closed.error);
      return describeCase(db, closed.value);
    },
  );

  app.post(
    '/api/cases/:caseId/events',
    {
      schema: {
        summary:
          'Add a meeting, plan, contract, part-time timetable, referral or notice to improve',
        description:
          'Events are evidence and never change once recorded. A part-time timetable is due ' +
          'to be notified to the local authority within 5 school days; a notice to improve ' +
          'gives 3 to 6 weeks and is reviewed at the end. Needs manage-follow-up.',
        tags,
        security,
        params: CaseParams,
        body: CaseEventBody,
        response: { 201: CaseEventResponse, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', caseInPath),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const found = await findManagedCase(request);
      if (!found) return sendProblem(reply, notFound);
      const added = await addCaseEvent(
        { db, clock },
        {
          caseId: found.id,
          event: request.body,
          recordedBy: getSignedIn(request).session.actor.userId,
        },
      );
      if (!added.ok) return sendCaseProblem(reply, added.error);
      return reply.code(201).send(describeEvent(added.value));
    },
  );

  app.get(
    '/api/cases/:caseId/proposal',
    {
      schema: {
        summary: "The stage the policy's alerts point to, beyond the case's current one",
        description:
          'A proposal only: staff decide whether to move the case. Needs manage-follow-up.',
        tags,
        security,
        params: CaseParams,
        querystring: CaseProposalQuery,
        response: { 200: CaseProposalResponse, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireCapability('manage-follow-up', caseInPath),
    },
    async (request, reply) => {
      const found = await findManagedCase(request);
      if (!found) return sendProblem(reply, notFound);
      const proposed = await proposePupilCaseStage(request.server.rollcall.db, {
        schoolId: found.schoolId,
        pupilId: found.pupilId,
        ladder: found.ladder,
        currentStage: found.stage,
        asOf: request.query.asOf,
      });
      if (!proposed.ok) return sendCaseProblem(reply, proposed.error);
      const proposal = proposed.value;
      return {
        proposal: proposal && {
          stage: proposal.stage,
          title: proposal.title,
          because: proposal.because.map((alert) => ({
            rule: alert.rule,
            date: alert.date,
            session: alert.session,
          })),
        },
      };
    },
  );
}
