import type { Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type RollcallApp } from '../../src/server/app.ts';
import type { Clock } from '../../src/services/clock.ts';
import { fastPasswordHashing, hashPassword } from '../../src/services/password.service.ts';
import type { Database, UserRole } from '../../src/store/schema.ts';
import {
  changeUserPasswordHash,
  type User,
  type UserScope,
} from '../../src/store/user.repository.ts';
import { makeUser } from '../db/factories.ts';

/** A clock that stands still until a test moves it. */
export interface TestClock extends Clock {
  advanceMinutes(minutes: number): void;
}

export function createTestClock(start = new Date('2024-09-04T08:30:00Z')): TestClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advanceMinutes: (minutes) => {
      now += minutes * 60_000;
    },
  };
}

export interface TestApp {
  readonly app: RollcallApp;
  readonly clock: TestClock;
  /** Every log line the app wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Every log line the app wrote, as written. */
  readonly rawLogs: string[];
}

/** The app as production builds it, on a test database, a still clock and captured logs. */
export async function buildTestApp(db: Kysely<Database>): Promise<TestApp> {
  const clock = createTestClock();
  const rawLogs: string[] = [];
  const app = await buildApp({
    db,
    clock,
    logger: { level: 'trace', stream: { write: (line) => rawLogs.push(line) } },
    sessions: { ttlHours: 12, secureCookie: true },
    passwordHashing: fastPasswordHashing,
  });
  return {
    app,
    clock,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

export const testPassword = 'correct horse battery staple';

/** A user who can sign in with `testPassword`. */
export async function makeUserWithPassword(
  db: Kysely<Database>,
  options: { role?: UserRole; scope?: UserScope; displayName?: string } = {},
): Promise<User> {
  const user = await makeUser(db, options);
  await changeUserPasswordHash(db, {
    userId: user.id,
    passwordHash: await hashPassword(testPassword, fastPasswordHashing),
  });
  return user;
}

export interface SignedInClient {
  /** The Cookie header value to send. */
  readonly cookie: string;
  readonly csrfToken: string;
}

export async function signInAs(
  app: RollcallApp,
  user: { email: string },
  password = testPassword,
): Promise<SignedInClient> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password },
  });
  expect(response.statusCode).toBe(200);
  return {
    cookie: readSessionCookie(response),
    csrfToken: readJson(response)['csrfToken'] as string,
  };
}

export function readSessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'rollcall_session');
  if (cookie === undefined) throw new Error('the response set no session cookie');
  return `rollcall_session=${cookie.value}`;
}

export function readJson(response: LightMyRequestResponse): Record<string, unknown> {
  return response.json<Record<string, unknown>>();
}
