import type { FastifyReply } from 'fastify';
import { Problem, problemTypeBase, type FieldError } from '../contracts/problem.contract.ts';

/** Every kind of problem the API answers with; each has a stable type URI and status. */
const problemKinds = {
  validation: { status: 400, title: 'The request has invalid fields' },
  'malformed-request': { status: 400, title: 'The request could not be read' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  'invalid-credentials': { status: 401, title: 'Sign-in failed' },
  forbidden: { status: 403, title: 'Not allowed' },
  csrf: { status: 403, title: 'Missing or invalid CSRF token' },
  'not-found': { status: 404, title: 'Not found' },
  'version-conflict': { status: 409, title: 'Someone else changed this meanwhile' },
  'school-setup-invalid': { status: 409, title: "The school's setup needs correcting" },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'idempotency-key-reused': {
    status: 422,
    title: 'This Idempotency-Key was used for a different submission',
  },
  'not-a-school-day': { status: 422, title: 'Not a school day' },
  'future-date': { status: 422, title: 'The date is in the future' },
  'invalid-codes': { status: 422, title: 'Some attendance codes cannot be recorded' },
  'not-on-roll': { status: 422, title: 'Some pupils are not on the roll' },
  'reason-required': { status: 422, title: 'A reason is required' },
  'invalid-span': { status: 422, title: 'The absence dates do not make sense' },
  'leave-request-decided': { status: 409, title: 'The leave request was already decided' },
  'leave-decision-invalid': { status: 422, title: 'The leave decision does not fit the request' },
  'case-already-open': { status: 409, title: 'The pupil already has an open case' },
  'case-closed': { status: 409, title: 'The case is closed' },
  'case-event-invalid': { status: 422, title: 'The case entry is incomplete or inconsistent' },
  'penalty-notice-refused': { status: 422, title: 'A penalty notice cannot be issued' },
  'penalty-notice-settled': {
    status: 409,
    title: 'The penalty notice was already paid or withdrawn',
  },
  'penalty-outcome-invalid': {
    status: 422,
    title: 'The payment or withdrawal does not fit the notice',
  },
  'case-action-changed': { status: 409, title: 'The alerts no longer call for that case action' },
  'invalid-template': { status: 422, title: 'The letter template has problems' },
  'missing-letter-fields': { status: 422, title: 'The letter needs more details' },
  'no-recipients': { status: 422, title: 'Nobody to send this to' },
  'calendar-change-invalid': { status: 422, title: 'The calendar change does not fit' },
  'register-marks-recorded': { status: 409, title: 'Register marks are recorded there' },
  'register-times-invalid': { status: 422, title: 'The register times do not make sense' },
  'policy-invalid': { status: 422, title: 'The policy cannot be compiled' },
  'class-change-invalid': { status: 422, title: 'The class change does not fit the school' },
  'account-change-invalid': { status: 422, title: 'The account change does not fit' },
  'email-taken': { status: 409, title: 'An account already has that email' },
  'last-admin': { status: 409, title: 'The school would be left without an administrator' },
  'own-account': { status: 409, title: 'You cannot disable your own account' },
  'import-refused': { status: 422, title: 'Nothing was imported' },
  'too-many-attempts': { status: 429, title: 'Too many attempts' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof problemKinds;

export function createProblem(
  kind: ProblemKind,
  detail: string,
  extras: { errors?: FieldError[]; requestId?: string } = {},
): Problem {
  const { status, title } = problemKinds[kind];
  return { type: `${problemTypeBase}${kind}`, title, status, detail, ...extras };
}

/** A problem with extension members (RFC 9457 section 3.2), e.g. the current mark. */
export function createProblemWith<Extension extends Record<string, unknown>>(
  kind: ProblemKind,
  detail: string,
  extension: Extension & { errors?: FieldError[] },
): Problem & Extension {
  return { ...extension, ...createProblem(kind, detail) };
}

/** Sends an RFC 9457 problem response. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/**
 * The statuses a route documents as answering with a problem, each with the problem schema:
 * `response: { 200: Thing, ...problemResponses(400, 401, 403, 404) }`.
 */
export function problemResponses<const Status extends number>(
  ...statuses: Status[]
): Record<Status, typeof Problem> {
  // Object.fromEntries types its keys as string; they are exactly the statuses given.
  return Object.fromEntries(statuses.map((status) => [status, Problem])) as Record<
    Status,
    typeof Problem
  >;
}
