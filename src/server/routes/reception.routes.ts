import type { FastifyReply, FastifyRequest } from 'fastify';
import { SchoolParams } from '../../contracts/common.contract.ts';
import { Problem } from '../../contracts/problem.contract.ts';
import {
  ReceptionSignInRequest,
  ReceptionSignInResponse,
  ReceptionSignOutRequest,
  ReceptionSignOutResponse,
} from '../../contracts/reception.contract.ts';
import { signInLate, signOutEarly, type ReceptionError } from '../../services/reception.service.ts';
import type { SignEvent } from '../../store/sign-event.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, requireCapability } from '../auth.hooks.ts';
import { createProblem, createProblemWith, sendProblem } from '../problem.ts';
import { describeSetupProblem, describeUnexpected } from '../service-problems.ts';

const tags = ['reception'];
const security = [{ session: [] }];
const responses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};

function describeEvent(event: SignEvent) {
  return {
    id: event.id,
    pupilId: event.pupilId,
    date: event.date,
    time: event.time,
    direction: event.direction,
    reason: event.reason,
  };
}

export function registerReceptionRoutes(app: RollcallApp): void {
  app.post(
    '/api/schools/:schoolId/reception/sign-in',
    {
      schema: {
        summary: 'A late arrival signs in: L before the register closed, U after',
        description: 'Uses the time now and the school register times. Needs record-sign-in-out.',
        tags,
        security,
        params: SchoolParams,
        body: ReceptionSignInRequest,
        response: { 201: ReceptionSignInResponse, ...responses },
      },
      preHandler: requireCapability('record-sign-in-out', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const outcome = await signInLate(
        { db, clock },
        {
          schoolId: request.params.schoolId,
          pupilId: request.body.pupilId,
          recordedBy: getSignedIn(request).session.user.id,
          reason: request.body.reason ?? null,
        },
      );
      if (!outcome.ok) return sendReceptionProblem(request, reply, outcome.error);
      return reply.code(201).send({
        event: describeEvent(outcome.value.event),
        session: outcome.value.session,
        code: outcome.value.code,
      });
    },
  );

  app.post(
    '/api/schools/:schoolId/reception/sign-out',
    {
      schema: {
        summary: 'A pupil signs out early; the afternoon gets a code when leaving in the morning',
        description: 'Needs record-sign-in-out.',
        tags,
        security,
        params: SchoolParams,
        body: ReceptionSignOutRequest,
        response: { 201: ReceptionSignOutResponse, ...responses },
      },
      preHandler: requireCapability('record-sign-in-out', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const outcome = await signOutEarly(
        { db, clock },
        {
          schoolId: request.params.schoolId,
          pupilId: request.body.pupilId,
          recordedBy: getSignedIn(request).session.user.id,
          reason: request.body.reason,
          afternoonCode: request.body.afternoonCode ?? null,
        },
      );
      if (!outcome.ok) return sendReceptionProblem(request, reply, outcome.error);
      return reply.code(201).send({
        event: describeEvent(outcome.value.event),
        afternoonCode: outcome.value.afternoonCode,
      });
    },
  );
}

function sendReceptionProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: ReceptionError,
): FastifyReply {
  switch (error.kind) {
    case 'school-not-found':
    case 'calendar-invalid':
      return sendProblem(reply, describeSetupProblem(error));
    case 'not-a-school-day':
      return sendProblem(
        reply,
        createProblem('not-a-school-day', `Today (${error.date}) is not a school day here.`),
      );
    case 'not-on-roll':
      return sendProblem(
        reply,
        createProblem(
          'not-on-roll',
          `Pupil ${error.pupilIds.join(', ')} is not on this school's roll today; check the pupil.`,
          { errors: [{ field: 'body.pupilId', message: 'not on the roll today' }] },
        ),
      );
    case 'invalid-code':
      return sendProblem(
        reply,
        createProblem('invalid-codes', `The afternoon code cannot be recorded: ${error.message}.`, {
          errors: [{ field: 'body.afternoonCode', message: error.message }],
        }),
      );
    case 'version-conflict':
      return sendProblem(
        reply,
        createProblemWith(
          'version-conflict',
          'Someone recorded this mark at the same moment; reload and try again.',
          { conflicts: error.conflicts },
        ),
      );
    case 'reason-required':
    case 'duplicate-pupil':
    case 'unknown-user':
      return sendProblem(reply, describeUnexpected(request, `reception: ${error.kind}`));
  }
}
