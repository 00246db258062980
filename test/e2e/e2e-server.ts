import type { Kysely } from 'kysely';
import { buildApp, type RollcallApp } from '../../src/server/app.ts';
import { fastPasswordHashing } from '../../src/services/password.service.ts';
import type { Database } from '../../src/store/schema.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { createTestClock, type TestClock } from '../http/test-app.ts';

/** Wednesday 4 September 2024, 09:05 in London: the morning register is open. */
export const e2eNow = new Date('2024-09-04T08:05:00Z');

export interface E2eServer {
  readonly app: RollcallApp;
  readonly db: Kysely<Database>;
  readonly clock: TestClock;
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The real app on a free port over a fresh in-memory database, with the web app bundled at
 * start as `npm start` does, and a clock standing still at `e2eNow`.
 */
export async function startE2eServer(now: Date = e2eNow): Promise<E2eServer> {
  const database: TestDatabase = await createTestDatabase();
  const clock = createTestClock(now);
  const app = await buildApp({
    db: database.db,
    clock,
    logger: { level: 'silent' },
    sessions: {
      // The cookie's expiry is written from the server's still clock (2024) but Chromium
      // judges it by the real one, so sessions outlive the years between the two.
      ttlHours: 24 * 365 * 20,
      // Plain http on 127.0.0.1, so the cookie goes without Secure as in local development.
      secureCookie: false,
    },
    passwordHashing: fastPasswordHashing,
    webApp: { bundle: 'on-start' },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    db: database.db,
    clock,
    url,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
