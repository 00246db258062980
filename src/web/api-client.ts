import type { Problem } from '../contracts/problem.contract.ts';

/** The server answered with a problem document (RFC 9457). */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem & Record<string, unknown>) {
    super(problem.detail);
    this.name = 'ApiProblem';
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The request never got an answer: offline, DNS, a dropped connection. */
export class NetworkFailure extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached. Check your connection.', { cause });
    this.name = 'NetworkFailure';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

// The CSRF token arrives with the session and must go back on every change; kept here so
// every caller sends it without threading it through props.
let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Calls the Rollcall API. Resolves with the parsed body (undefined for 204); rejects with
 * ApiProblem for an answer that is not 2xx and NetworkFailure when there was no answer.
 */
export async function callApi<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch (error) {
    throw new NetworkFailure(error);
  }
  if (response.status === 204) return undefined as T;
  const text = await readText(response);
  const parsed = parseJson(text);
  if (response.ok) return parsed as T;
  throw new ApiProblem(toProblem(response, parsed));
}

export const getJson = <T>(path: string): Promise<T> => callApi<T>('GET', path);

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    // The connection dropped while the body was on its way.
    throw new NetworkFailure(error);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toProblem(response: Response, body: unknown): Problem & Record<string, unknown> {
  if (isProblem(body)) return body;
  // A proxy or a crashed server can answer without a problem document; say so plainly.
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail:
      response.status >= 500
        ? 'The server is having trouble. Try again in a minute.'
        : `The server refused the request (status ${String(response.status)}).`,
  };
}

function isProblem(body: unknown): body is Problem & Record<string, unknown> {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { detail?: unknown }).detail === 'string' &&
    typeof (body as { status?: unknown }).status === 'number'
  );
}

/** A problem's `type` without the base URI, e.g. "forbidden". */
export function problemKind(problem: Problem): string {
  return problem.type.slice(problem.type.lastIndexOf('/') + 1);
}
