import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CaseActionAccepted,
  CaseActionAcceptBody,
  CaseActionDismissBody,
  CaseActionDismissed,
  CaseActionList,
  CaseActionsQuery,
  type CaseActionResponse,
} from '../../contracts/case-action.contract.ts';
import { SchoolParams } from '../../contracts/common.contract.ts';
import {
  acceptCaseAction,
  dismissCaseAction,
  listCaseActions,
  type CaseActionDecisionInput,
  type CaseActionError,
  type CaseActionView,
} from '../../services/case-action.service.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, requireCapability } from '../auth.hooks.ts';
import { canActOnPupilAt } from '../follow-up-access.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['cases'];
const security = [{ session: [] }];
const errors = problemResponses(400, 401, 403, 404, 409, 422);

function describeAction(view: CaseActionView): CaseActionResponse {
  return {
    pupilId: view.pupilId,
    pupilName: view.pupilName,
    caseId: view.caseId,
    ladder: view.ladder,
    kind: view.action.kind,
    fromStage: view.action.fromStage,
    stage: view.action.stage,
    title: view.action.title,
    evidence: view.evidence.map(({ alert, sessions }) => ({
      rule: alert.rule,
      date: alert.date,
      session: alert.session,
      count: alert.count ?? null,
      from: alert.from ?? null,
      detail: alert.detail ?? null,
      sessions: sessions.map((session) => ({ ...session })),
    })),
  };
}

function sendActionProblem(reply: FastifyReply, error: CaseActionError): FastifyReply {
  switch (error.kind) {
    case 'no-case-action':
      return sendProblem(reply, createProblem('case-action-changed', `${error.message}.`));
    case 'case-already-open':
      return sendProblem(
        reply,
        createProblem(
          'case-action-changed',
          'The pupil has an open case now; read the list again.',
        ),
      );
    case 'case-closed':
      return sendProblem(
        reply,
        createProblem('case-action-changed', 'The case was closed meanwhile; read the list again.'),
      );
    case 'case-not-found':
    case 'invalid-case':
      return sendProblem(
        reply,
        createProblem('case-action-changed', 'The case changed meanwhile; read the list again.'),
      );
    default:
      return sendProblem(reply, describeSetupProblem(error));
  }
}

const forbiddenPupil = createProblem('forbidden', 'You cannot decide cases for this pupil here.');

/** Whose case action a request decides, and as of when; undefined if the actor may not. */
async function readDecision(
  request: FastifyRequest,
  schoolId: number,
  body: Pick<CaseActionAcceptBody, 'pupilId' | 'date' | 'stage'>,
): Promise<CaseActionDecisionInput | undefined> {
  if (!(await canActOnPupilAt(request, 'manage-follow-up', body.pupilId, schoolId)))
    return undefined;
  return {
    schoolId,
    pupilId: body.pupilId,
    date: body.date,
    stage: body.stage ?? null,
    decidedBy: getSignedIn(request).session.actor.userId,
  };
}

export function registerCaseActionRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/case-actions',
    {
      schema: {
        summary: 'The case actions the rule alerts call for, per pupil, with their evidence',
        description:
          'As of the day: open a case at the stage a pupil’s alerts point to, or advance an ' +
          'open case to a later stage of its ladder, each with the alerts and the absences ' +
          'they rest on. Alerts already accepted or dismissed are left out. Staff decide. ' +
          'Needs manage-follow-up.',
        tags,
        security,
        params: SchoolParams,
        querystring: CaseActionsQuery,
        response: { 200: CaseActionList, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request, reply) => {
      const { schoolId } = request.params;
      const listed = await listCaseActions(request.server.rollcall.db, {
        schoolId,
        date: request.query.date,
      });
      if (!listed.ok) return sendProblem(reply, describeSetupProblem(listed.error));
      return { schoolId, date: request.query.date, actions: listed.value.map(describeAction) };
    },
  );

  app.post(
    '/api/schools/:schoolId/case-actions/acceptance',
    {
      schema: {
        summary: 'Accept a case action: open the case or advance it, as from those alerts',
        description:
          'The alerts are read again as of the day; the case is opened at (or moved to) the ' +
          'stage they call for, recorded in the case and the audit log as accepted from them. ' +
          'Needs manage-follow-up.',
        tags,
        security,
        params: SchoolParams,
        body: CaseActionAcceptBody,
        response: { 201: CaseActionAccepted, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const decision = await readDecision(request, request.params.schoolId, request.body);
      if (!decision) return sendProblem(reply, forbiddenPupil);
      const accepted = await acceptCaseAction(
        { db, clock },
        { ...decision, note: request.body.note ?? null },
      );
      if (!accepted.ok) return sendActionProblem(reply, accepted.error);
      const { view, case: found } = accepted.value;
      return reply.code(201).send({
        action: describeAction(view),
        case: { id: found.id, ladder: found.ladder, stage: found.stage },
      });
    },
  );

  app.post(
    '/api/schools/:schoolId/case-actions/dismissal',
    {
      schema: {
        summary: 'Dismiss a case action, saying why',
        description:
          'The decision is kept, so the same alerts are not proposed again; a later alert is. ' +
          'Needs manage-follow-up.',
        tags,
        security,
        params: SchoolParams,
        body: CaseActionDismissBody,
        response: { 201: CaseActionDismissed, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const { reason } = request.body;
      const decision = await readDecision(request, request.params.schoolId, request.body);
      if (!decision) return sendProblem(reply, forbiddenPupil);
      const dismissed = await dismissCaseAction({ db, clock }, { ...decision, reason });
      if (!dismissed.ok) return sendActionProblem(reply, dismissed.error);
      return reply.code(201).send({ action: describeAction(dismissed.value), reason });
    },
  );
}
