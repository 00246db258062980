import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../services/clock.ts';
import type { MessageChannels } from '../services/messages/message-channels.ts';
import { deliverDueMessages } from '../services/messages/message-delivery.service.ts';
import type { Database } from '../store/schema.ts';

/** How the server sends queued emails and texts: through which channels, and how often. */
export interface MessageDeliverySettings {
  readonly channels: MessageChannels;
  readonly deliverEveryMs: number;
}

/**
 * Delivers due messages on a timer while the server runs. One run at a time: a slow mail
 * server delays the next run rather than starting a second one alongside.
 */
export function scheduleMessageDelivery(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; clock: Clock; messaging: MessageDeliverySettings },
): void {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= deliverDueMessages({
      db: deps.db,
      clock: deps.clock,
      channels: deps.messaging.channels,
    })
      .then((report) => {
        // Counts only: recipients and text stay in the database, never in logs.
        if (report.sent + report.failed > 0) app.log.info(report, 'messages delivered');
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'message delivery run failed');
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, deps.messaging.deliverEveryMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
