import type { FastifyReply } from 'fastify';
import {
  LoginRequest,
  PasswordChangeRequest,
  SessionResponse,
  sessionCookieName,
} from '../../contracts/auth.contract.ts';
import { Problem } from '../../contracts/problem.contract.ts';
import { listCapabilities, type Actor } from '../../domain/access/access-policy.ts';
import { resolveActor } from '../../services/access.service.ts';
import {
  changePassword,
  signIn,
  signOut,
  type PasswordChangeFailure,
  type TooManyAttempts,
} from '../../services/auth.service.ts';
import type { User } from '../../store/user.repository.ts';
import type { RollcallApp } from '../app.ts';
import { findActor, getSignedIn, requireSignIn } from '../auth.hooks.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';

const tags = ['authentication'];
// A plain JSON schema, not zod: the reply has no body to type.
const NoContent = { type: 'null', description: 'No content' } as const;

export function registerAuthRoutes(app: RollcallApp): void {
  app.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        tags,
        body: LoginRequest,
        response: { 200: SessionResponse, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { auth, db } = request.server.rollcall;
      const outcome = await signIn(auth, { ...request.body, ipAddress: request.ip });
      if (!outcome.ok) {
        if (outcome.error.kind === 'too-many-attempts') {
          return sendTooManyAttempts(reply, outcome.error);
        }
        // One message for every failure, so it never reveals whether an account exists.
        return sendProblem(
          reply,
          createProblem('invalid-credentials', 'The email or password is incorrect.'),
        );
      }
      const signedIn = outcome.value;
      reply.setCookie(sessionCookieName, signedIn.sessionToken, {
        ...cookieAttributes(app),
        expires: signedIn.expiresAt,
      });
      const actor = await resolveActor(db, signedIn.user);
      return describeSession(signedIn.user, actor, signedIn);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        summary: 'Sign out: ends the session and clears the cookie',
        tags,
        security: [{ session: [] }],
        response: { 204: NoContent, ...problemResponses(401, 403) },
      },
      preHandler: requireSignIn,
    },
    async (request, reply) => {
      const token = request.cookies[sessionCookieName] ?? '';
      await signOut(request.server.rollcall.auth, token);
      return reply.clearCookie(sessionCookieName, cookieAttributes(app)).code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        summary: 'The signed-in user, their scope and the CSRF token',
        tags,
        security: [{ session: [] }],
        response: { 200: SessionResponse, 401: Problem },
      },
      preHandler: requireSignIn,
    },
    async (request) => {
      const signedIn = getSignedIn(request);
      const actor = await findActor(request, signedIn);
      return describeSession(signedIn.session.user, actor, signedIn.session);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        summary: 'Change your password; signs out your other sessions',
        tags,
        security: [{ session: [] }],
        body: PasswordChangeRequest,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 429) },
      },
      preHandler: requireSignIn,
    },
    async (request, reply) => {
      const signedIn = getSignedIn(request);
      const outcome = await changePassword(request.server.rollcall.auth, {
        session: signedIn.session,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        ipAddress: request.ip,
      });
      if (!outcome.ok) return sendPasswordChangeFailure(reply, outcome.error);
      return reply.code(204).send();
    },
  );
}

function cookieAttributes(app: RollcallApp) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: app.rollcall.secureCookie,
  } as const;
}

function describeSession(
  user: User,
  actor: Actor,
  session: { csrfToken: string; expiresAt: Date },
): SessionResponse {
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
    scope: user.scope,
    classIds: [...actor.classIds],
    pupilIds: [...actor.pupilIds],
    capabilities: listCapabilities(user.role),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
  };
}

function sendTooManyAttempts(reply: FastifyReply, refusal: TooManyAttempts): FastifyReply {
  const minutes = Math.ceil(refusal.retryAfterSeconds / 60);
  return sendProblem(
    reply.header('retry-after', String(refusal.retryAfterSeconds)),
    createProblem(
      'too-many-attempts',
      `Too many failed sign-in attempts. Wait ${minutes} minutes and try again, or ask your school's administrator to check your account.`,
    ),
  );
}

function sendPasswordChangeFailure(
  reply: FastifyReply,
  failure: PasswordChangeFailure,
): FastifyReply {
  switch (failure.kind) {
    case 'too-many-attempts':
      return sendTooManyAttempts(reply, failure);
    case 'user-not-found':
      return sendProblem(reply, createProblem('unauthenticated', 'Sign in again.'));
    case 'wrong-password':
      return sendProblem(
        reply,
        createProblem('validation', 'Correct these fields and try again: body.currentPassword.', {
          errors: [{ field: 'body.currentPassword', message: 'the current password is incorrect' }],
        }),
      );
    case 'password-too-short':
      return sendProblem(
        reply,
        createProblem('validation', 'Correct these fields and try again: body.newPassword.', {
          errors: [
            {
              field: 'body.newPassword',
              message: `choose a password of at least ${failure.minimumLength} characters`,
            },
          ],
        }),
      );
  }
}
