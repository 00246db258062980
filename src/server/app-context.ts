import type { Kysely } from 'kysely';
import type { AccessTarget } from '../domain/access/access-policy.ts';
import type { AuthContext, LiveSession } from '../services/auth.service.ts';
import type { Clock } from '../services/clock.ts';
import type { SchoolCalendarCache } from '../services/school-calendar.service.ts';
import type { RegisterWriteQueue } from '../store/register-write-queue.ts';
import type { Database } from '../store/schema.ts';
import type { RequestLookups } from './request-lookups.ts';

/** What route handlers and hooks reach through `request.server.rollcall`. */
export interface ServerContext {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly auth: AuthContext;
  readonly secureCookie: boolean;
  /** Compiled school calendars, checked against the database's version on each use. */
  readonly calendars: SchoolCalendarCache;
  /** Sessions and access targets of requests arriving together, read together. */
  readonly lookups: RequestLookups;
  /** Register submissions arriving together share a statement (group commit). */
  readonly registerWrites: RegisterWriteQueue;
}

/** The signed-in user of a request, once a guard has checked the session. */
export interface SignedInRequest {
  readonly session: LiveSession;
  /**
   * What the request's targets belong to, found once per request and shared by the
   * permission guard, the handler and any further permission checks (see findAccessTargetsOnce).
   */
  readonly accessTargets: Map<string, Promise<AccessTarget[]>>;
}

declare module 'fastify' {
  interface FastifyInstance {
    rollcall: ServerContext;
  }
  interface FastifyRequest {
    signedIn: SignedInRequest | null;
  }
}
