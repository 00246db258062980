import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { LogLevel } from '../config.ts';

export interface LoggerSettings {
  readonly level: LogLevel;
  /** Where log lines go; standard output when absent. Tests pass an array-backed stream. */
  readonly stream?: { write(line: string): void };
}

/**
 * Pino options for the server. Request lines carry the request id, method, route pattern,
 * status and duration: never the URL (a query string can hold a pupil's name), headers
 * (cookies) or bodies (passwords, pupil details). Redaction is a second line of defence for
 * anyone who later logs an object carrying such fields.
 */
export function createLoggerOptions(settings: LoggerSettings): FastifyServerOptions['logger'] {
  return {
    level: settings.level,
    ...(settings.stream === undefined ? {} : { stream: settings.stream }),
    redact: {
      paths: [
        'req.headers',
        'req.body',
        'req.url',
        'headers.cookie',
        'headers.authorization',
        'headers["x-csrf-token"]',
        'body',
        'password',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.sessionToken',
        '*.csrfToken',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: serialiseError,
    },
  };
}

/**
 * Error messages can quote the input that caused them (a database error repeats the value it
 * rejected), so the log keeps what locates the fault, not the message.
 */
export function serialiseError(error: unknown): {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
} {
  const omitted = '(not logged: messages can quote input)';
  if (!(error instanceof Error)) return { type: typeof error, message: omitted, stack: '' };
  const code = (error as { code?: unknown }).code;
  const constraint = (error as { constraint?: unknown }).constraint;
  return {
    type: error.constructor.name,
    message: omitted,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .map((line) => line.trim())
      .join('\n'),
  };
}

/**
 * Fastify's own request log lines, rewritten to carry the route pattern instead of the URL
 * and to leave out error messages: one line per finished request, nothing on arrival.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {
    // The completion line says everything; a second line per request only doubles the volume.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(no route)',
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) {
      reply.log.error({ ...line, err: error }, 'request errored');
    } else {
      reply.log.info(line, 'request completed');
    }
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method }, 'no route matches');
  }

  override writeHeadError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: error }, 'writing the response head failed');
  }
}
