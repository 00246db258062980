import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../services/clock.ts';
import type { AuthContext } from '../services/auth.service.ts';
import { defaultPasswordHashing, type PasswordHashing } from '../services/password.service.ts';
import { SchoolCalendarCache } from '../services/school-calendar.service.ts';
import type { Database } from '../store/schema.ts';
import { RegisterWriteQueue } from '../store/register-write-queue.ts';
import { createRequestLookups } from './request-lookups.ts';
import type { ServerContext } from './app-context.ts';
import { installErrorHandlers } from './error-handler.ts';
import { createLoggerOptions, RequestLogController, type LoggerSettings } from './logging.ts';
import { registerOpenApi } from './openapi.ts';
import { serialiseAsJson, validateWithZod, type ZodTypeProvider } from './request-validation.ts';
import { registerAbsenceReportRoutes } from './routes/absence-reports.routes.ts';
import { registerAdminPeopleRoutes } from './routes/admin-people.routes.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerCaseLadderRoutes } from './routes/case-ladders.routes.ts';
import { registerCaseActionRoutes } from './routes/case-actions.routes.ts';
import { registerCaseRoutes } from './routes/cases.routes.ts';
import { registerFollowUpTaskRoutes } from './routes/follow-up-tasks.routes.ts';
import { registerLeaveRequestRoutes } from './routes/leave-requests.routes.ts';
import { registerPenaltyNoticeRoutes } from './routes/penalty-notices.routes.ts';
import { registerLetterRoutes } from './routes/letters.routes.ts';
import { registerMessageRoutes } from './routes/messages.routes.ts';
import { scheduleMessageDelivery, type MessageDeliverySettings } from './message-scheduler.ts';
import { scheduleWeeklyUpdates, WEEKLY_UPDATE_CHECK_EVERY_MS } from './weekly-update-scheduler.ts';
import { registerContactAttemptRoutes } from './routes/contact-attempts.routes.ts';
import { registerHealthRoutes } from './routes/health.routes.ts';
import { registerMarkRoutes } from './routes/marks.routes.ts';
import { registerPupilRoutes } from './routes/pupils.routes.ts';
import { registerReceptionRoutes } from './routes/reception.routes.ts';
import { registerLessonRoutes } from './routes/lessons.routes.ts';
import { registerRegisterRoutes } from './routes/registers.routes.ts';
import { registerSchoolRoutes } from './routes/schools.routes.ts';
import { registerSchoolAdminRoutes } from './routes/school-admin.routes.ts';
import { registerStatisticsRoutes } from './routes/statistics.routes.ts';
import { registerWebAssets, type WebAssetsOptions } from './web-assets.ts';

export type RollcallApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Everything the HTTP app needs from outside; nothing else is read from the environment. */
export interface AppDependencies {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly logger: LoggerSettings;
  readonly sessions: { readonly ttlHours: number; readonly secureCookie: boolean };
  /** Lower only in tests: hashing at full cost makes every sign-in slow on purpose. */
  readonly passwordHashing?: PasswordHashing;
  /** How the browser app is bundled; on first request unless the caller wants it at start. */
  readonly webApp?: WebAssetsOptions;
  /**
   * Register statements in flight at once: 1 suits the embedded database, which runs one
   * statement at a time; a PostgreSQL server can run a few side by side.
   */
  readonly registerWriteConcurrency?: number;
  /** Sends queued emails and texts on a timer; without it messages wait in the outbox. */
  readonly messaging?: MessageDeliverySettings;
}

/** Builds the HTTP app with every route registered; listening is the caller's business. */
export async function buildApp(deps: AppDependencies): Promise<RollcallApp> {
  const app = Fastify({
    logger: createLoggerOptions(deps.logger),
    // Request lines carry the route pattern, never URLs or bodies.
    logController: new RequestLogController(),
    // Ids are generated, never taken from a client header, so they cannot be forged in logs.
    genReqId: () => randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  const auth: AuthContext = {
    db: deps.db,
    clock: deps.clock,
    settings: {
      sessionTtlHours: deps.sessions.ttlHours,
      passwordHashing: deps.passwordHashing ?? defaultPasswordHashing,
    },
  };
  const context: ServerContext = {
    db: deps.db,
    clock: deps.clock,
    secureCookie: deps.sessions.secureCookie,
    calendars: new SchoolCalendarCache(),
    lookups: createRequestLookups(auth),
    registerWrites: new RegisterWriteQueue(deps.db, {
      concurrency: deps.registerWriteConcurrency ?? 1,
    }),
    auth,
  };
  app.decorate('rollcall', context);
  app.decorateRequest('signedIn', null);
  app.setValidatorCompiler(validateWithZod);
  app.setSerializerCompiler(serialiseAsJson);
  installErrorHandlers(app);

  await app.register(fastifyCookie);
  await registerOpenApi(app);
  registerHealthRoutes(app);
  registerAuthRoutes(app);
  registerRegisterRoutes(app);
  registerLessonRoutes(app);
  registerMarkRoutes(app);
  registerReceptionRoutes(app);
  registerAbsenceReportRoutes(app);
  registerPupilRoutes(app);
  registerStatisticsRoutes(app);
  registerSchoolRoutes(app);
  registerSchoolAdminRoutes(app);
  registerAdminPeopleRoutes(app);
  registerLeaveRequestRoutes(app);
  registerFollowUpTaskRoutes(app);
  registerCaseRoutes(app);
  registerCaseActionRoutes(app);
  registerCaseLadderRoutes(app);
  registerPenaltyNoticeRoutes(app);
  registerContactAttemptRoutes(app);
  registerLetterRoutes(app);
  registerMessageRoutes(app);
  if (deps.messaging !== undefined) {
    scheduleMessageDelivery(app, { db: deps.db, clock: deps.clock, messaging: deps.messaging });
    // Weekly updates are messages too: queued where they will be delivered.
    scheduleWeeklyUpdates(app, {
      db: deps.db,
      clock: deps.clock,
      checkEveryMs: WEEKLY_UPDATE_CHECK_EVERY_MS,
    });
  }
  // Last: its catch-all GET serves the web app for every path no route above claims.
  await registerWebAssets(app, deps.webApp ?? { bundle: 'on-first-request' });
  return app;
}
