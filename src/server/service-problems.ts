import type { FastifyRequest } from 'fastify';
import type { Problem } from '../contracts/problem.contract.ts';
import type { Capability } from '../domain/access/access-policy.ts';
import { can } from '../domain/access/access-policy.ts';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { InputProblem } from '../domain/problem.ts';
import type { TargetRef } from '../services/access.service.ts';
import { londonWallClock } from '../services/london-time.ts';
import type { SchoolCalendarError } from '../services/school-calendar.service.ts';
import type { StatisticsError } from '../services/school-statistics.service.ts';
import { findAccessTargetsOnce, getSignedIn } from './auth.hooks.ts';
import { createProblem } from './problem.ts';

/** Today's date at the school (Europe/London), from the app's clock. */
export function findToday(request: FastifyRequest): IsoDate {
  return londonWallClock(request.server.rollcall.clock.now()).date;
}

/** Whether the signed-in actor may also do something else to what the route names. */
export async function canAlso(
  request: FastifyRequest,
  capability: Capability,
  target: TargetRef,
): Promise<boolean> {
  const actor = getSignedIn(request).session.actor;
  const targets = await findAccessTargetsOnce(request, target);
  return targets.some((candidate) => can(actor, capability, candidate));
}

function describeInputProblems(problems: readonly InputProblem[]): string {
  return problems
    .slice(0, 5)
    .map((problem) => problem.message)
    .join('; ');
}

/** A school whose calendar or policy cannot be used is the school's setup to fix, not the request. */
export function describeSetupProblem(error: SchoolCalendarError | StatisticsError): Problem {
  switch (error.kind) {
    case 'school-not-found':
      return createProblem('not-found', 'There is no school with that id.');
    case 'calendar-invalid':
      return createProblem(
        'school-setup-invalid',
        `The school's calendar cannot be used: ${describeInputProblems(error.problems)}. An administrator must correct it.`,
      );
    case 'policy-invalid':
      return createProblem(
        'school-setup-invalid',
        `The school's attendance policy cannot be used: ${describeInputProblems(error.problems)}. An administrator must correct it.`,
      );
  }
}

/** For errors that a correct server never produces; the handler logs them without input. */
export function describeUnexpected(request: FastifyRequest, what: string): Problem {
  request.log.error({ what }, 'unexpected service failure');
  return createProblem(
    'internal',
    'Something went wrong on our side. Quote the request id if you report it.',
    { requestId: request.id },
  );
}
