import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createProblem, sendProblem, type ProblemKind } from './problem.ts';
import { RequestValidationError } from './request-validation.ts';

/** Answers every failure, expected or not, with a problem response. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      // The path only: a query string is not echoed back.
      createProblem(
        'not-found',
        `No route matches ${request.method} ${request.url.split('?')[0] ?? ''}.`,
      ),
    ),
  );
}

// Fastify's own request errors; their messages are replaced by ones that say what to do.
const frameworkErrors: Readonly<Record<string, { kind: ProblemKind; detail: string }>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    kind: 'unsupported-media-type',
    detail: 'Send the request body as application/json.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    kind: 'payload-too-large',
    detail: 'The request body is larger than the server accepts.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    kind: 'malformed-request',
    detail: 'The request says it carries JSON but its body is empty.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    kind: 'malformed-request',
    detail: 'The request body is not valid JSON.',
  },
};

function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof RequestValidationError) {
    const fields = error.errors.map((fieldError) => fieldError.field).join(', ');
    return sendProblem(
      reply,
      createProblem('validation', `Correct these fields and try again: ${fields}.`, {
        errors: [...error.errors],
      }),
    );
  }
  const known = frameworkErrors[error.code];
  if (known !== undefined) {
    return sendProblem(reply, createProblem(known.kind, known.detail));
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    // Other client errors from Fastify or a plugin (e.g. a JSON syntax error).
    return sendProblem(
      reply,
      createProblem('malformed-request', 'The request could not be read; check its format.'),
    );
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendProblem(
    reply,
    createProblem(
      'internal',
      'Something went wrong on our side. Quote the request id if you report it.',
      { requestId: request.id },
    ),
  );
}
