import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfHeaderName, sessionCookieName } from '../contracts/auth.contract.ts';
import type { Problem } from '../contracts/problem.contract.ts';
import type { AccessTarget, Actor, Capability } from '../domain/access/access-policy.ts';
import { decideAccess, type TargetRef } from '../services/access.service.ts';
import { isCsrfTokenValid } from '../services/session-token.ts';
import type { SignedInRequest } from './app-context.ts';
import { createProblem, sendProblem } from './problem.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A preHandler that admits only a live session, and for changes only with its CSRF token. */
export async function requireSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const outcome = await checkSignIn(request);
  return 'problem' in outcome ? sendProblem(reply, outcome.problem) : undefined;
}

/**
 * A preHandler that admits only actors the permission model allows to exercise a capability
 * on what the route names (see `inPath` for the usual ways to name it). A locator that finds
 * nothing (undefined) answers 404: e.g. a mark id that names no mark.
 */
export function requireCapability(
  capability: Capability,
  locate: (request: FastifyRequest) => TargetRef | undefined | Promise<TargetRef | undefined>,
) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    const outcome = await checkSignIn(request);
    if ('problem' in outcome) return sendProblem(reply, outcome.problem);
    const actor = outcome.signedIn.session.actor;
    const target = await locate(request);
    if (target === undefined) {
      return sendProblem(reply, createProblem('not-found', 'Nothing has that id.'));
    }
    const decision = decideAccess(await findAccessTargetsOnce(request, target), {
      actor,
      capability,
      target,
    });
    if (decision.ok) return undefined;
    const refusal = decision.error;
    if (refusal.kind === 'target-not-found') {
      return sendProblem(
        reply,
        createProblem('not-found', `There is no ${refusal.target.kind} with that id.`),
      );
    }
    return sendProblem(
      reply,
      createProblem(
        'forbidden',
        `Your role (${actor.role}) does not allow ${capability} for this ${target.kind}.`,
      ),
    );
  };
}

/** Reads the target of a permission check from the (already validated) path parameters. */
export const inPath = {
  school:
    (param = 'schoolId') =>
    (request: FastifyRequest): TargetRef => ({ kind: 'school', schoolId: readId(request, param) }),
  class:
    (param = 'classId') =>
    (request: FastifyRequest): TargetRef => ({ kind: 'class', classId: readId(request, param) }),
  pupil:
    (param = 'pupilId') =>
    (request: FastifyRequest): TargetRef => ({ kind: 'pupil', pupilId: readId(request, param) }),
};

/** Reads a path parameter already validated as an id by the route's schema. */
export function readPathId(request: FastifyRequest, param: string): number {
  return readId(request, param);
}

/** The signed-in user of a request that passed a guard. */
export function getSignedIn(request: FastifyRequest): SignedInRequest {
  if (request.signedIn === null) {
    throw new Error('route handler reached without a sign-in guard');
  }
  return request.signedIn;
}

async function checkSignIn(
  request: FastifyRequest,
): Promise<{ signedIn: SignedInRequest } | { problem: Problem }> {
  if (request.signedIn !== null) return { signedIn: request.signedIn };
  const token = request.cookies[sessionCookieName];
  if (token === undefined || token === '') {
    return { problem: createProblem('unauthenticated', 'Sign in to use this part of Rollcall.') };
  }
  const session = await request.server.rollcall.lookups.sessions.load(token);
  if (session === undefined) {
    return {
      problem: createProblem(
        'unauthenticated',
        'Your session has expired or you have signed out. Sign in again.',
      ),
    };
  }
  // A cookie is sent by the browser whatever page made the request; the header proves the
  // request came from a page that could read /api/auth/me, i.e. Rollcall itself.
  if (!safeMethods.has(request.method)) {
    const presented = request.headers[csrfHeaderName];
    if (typeof presented !== 'string' || !isCsrfTokenValid(token, presented)) {
      return {
        problem: createProblem(
          'csrf',
          'Send the csrfToken from sign-in or /api/auth/me in the X-CSRF-Token header.',
        ),
      };
    }
  }
  request.signedIn = { session, accessTargets: new Map() };
  return { signedIn: request.signedIn };
}

/** The actor behind a signed-in request, read with its session. */
export function findActor(_request: FastifyRequest, signedIn: SignedInRequest): Promise<Actor> {
  return Promise.resolve(signedIn.session.actor);
}

/**
 * The schools (and classes) a target belongs to, read at most once per request: the guard,
 * the handler and further permission checks share the answer. A class's school is recorded
 * too, so asking about that school afterwards costs nothing.
 */
export function findAccessTargetsOnce(
  request: FastifyRequest,
  ref: TargetRef,
): Promise<AccessTarget[]> {
  const memo = getSignedIn(request).accessTargets;
  const key = describeTargetRef(ref);
  let found = memo.get(key);
  if (found === undefined) {
    found = request.server.rollcall.lookups.accessTargets.load(ref).then((targets) => {
      for (const { school } of ref.kind === 'class' ? targets : [])
        memo.set(
          describeTargetRef({ kind: 'school', schoolId: school.id }),
          Promise.resolve([{ school }]),
        );
      return targets;
    });
    memo.set(key, found);
  }
  return found;
}

function describeTargetRef(ref: TargetRef): string {
  switch (ref.kind) {
    case 'school':
      return `school:${ref.schoolId}`;
    case 'class':
      return `class:${ref.classId}`;
    case 'pupil':
      return `pupil:${ref.pupilId}`;
  }
}

function readId(request: FastifyRequest, param: string): number {
  const params: unknown = request.params;
  const value =
    typeof params === 'object' && params !== null
      ? (params as Record<string, unknown>)[param]
      : undefined;
  if (typeof value !== 'number') {
    throw new Error(`route has no numeric path parameter "${param}" (declare it in its schema)`);
  }
  return value;
}
