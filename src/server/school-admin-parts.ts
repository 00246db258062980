import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InputProblem } from '../domain/problem.ts';
import type { CalendarEditor } from '../services/school-calendar-admin.service.ts';
import { getSignedIn, inPath, requireCapability } from './auth.hooks.ts';
import { createProblem, problemResponses, sendProblem, type ProblemKind } from './problem.ts';

// What the school administration routes (settings, calendar, policy) share.

export const security = [{ session: [] }];
export const problems = problemResponses(400, 401, 403, 404, 409, 422);
export const manageSchool = requireCapability('manage-school', inPath.school());
export const needs = ' Needs manage-school (administrators).';
export const noSuchSchool = createProblem('not-found', 'There is no school with that id.');

/** Field problems from a service, placed in the request body as the client sent it. */
export function sendInputProblems(
  reply: FastifyReply,
  kind: ProblemKind,
  lead: string,
  found: readonly InputProblem[],
): FastifyReply {
  const messages = found.map((problem) => problem.message);
  return sendProblem(
    reply,
    createProblem(kind, `${lead}: ${messages.join('; ')}.`, {
      errors: found.map((problem) => ({
        field: problem.field === undefined ? 'body' : `body.${problem.field}`,
        message: problem.message,
      })),
    }),
  );
}

export function editorOf(request: FastifyRequest, schoolId: number): CalendarEditor {
  return { schoolId, actorUserId: getSignedIn(request).session.actor.userId };
}
