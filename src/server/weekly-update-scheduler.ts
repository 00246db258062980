import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../services/clock.ts';
import { queueScheduledWeeklyUpdates } from '../services/messages/weekly-update-schedule.service.ts';
import type { Database } from '../store/schema.ts';

/** How often the server looks for a school week that has ended: hourly is prompt enough. */
export const WEEKLY_UPDATE_CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * One check for due weekly updates, logging counts only (never pupils or recipients). A
 * failure is logged and the next check tries again; the dedupe keys make repeats harmless.
 */
export function createWeeklyUpdateRun(
  log: FastifyBaseLogger,
  deps: { readonly db: Kysely<Database>; readonly clock: Clock },
): () => Promise<void> {
  return async () => {
    try {
      const report = await queueScheduledWeeklyUpdates(deps);
      const queued = report.schools.reduce((sum, school) => sum + school.queued, 0);
      if (queued > 0) log.info({ schools: report.schools.length, queued }, 'weekly updates queued');
      if (report.failedSchoolIds.length > 0)
        log.warn({ schoolIds: report.failedSchoolIds }, 'weekly updates skipped: school setup');
    } catch (error: unknown) {
      log.error({ err: error }, 'weekly update run failed');
    }
  };
}

/** Queues the weekly attendance updates on a timer while the server runs, one run at a time. */
export function scheduleWeeklyUpdates(
  app: FastifyInstance,
  deps: { readonly db: Kysely<Database>; readonly clock: Clock; readonly checkEveryMs: number },
): void {
  const check = createWeeklyUpdateRun(app.log, deps);
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= check().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(run, deps.checkEveryMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
