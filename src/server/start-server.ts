import { mkdir } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { systemClock } from '../services/clock.ts';
import {
  createSmtpTransport,
  localOutboxSmsProvider,
} from '../services/messages/message-channels.ts';
import { createDatabase, type DatabaseHandle } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { chooseRegisterWriteConcurrency } from '../store/register-write-queue.ts';
import type { Database } from '../store/schema.ts';
import { buildApp, type RollcallApp } from './app.ts';

export interface RunningServer {
  readonly app: RollcallApp;
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** Stops taking requests, lets those in flight finish, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Runs on the migrated database before the server listens (the demo seeds it here). */
  readonly prepare?: (db: Kysely<Database>) => Promise<void>;
}

/**
 * Opens the database, brings its schema up to date, and serves the API until SIGTERM or
 * SIGINT, when it shuts down gracefully.
 */
export async function startServer(
  config: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const database = await openDatabase(config);
  const migration = await migrateToLatest(database.db);
  if (!migration.ok) {
    await database.close();
    throw new Error(`migration ${migration.error.migration ?? '(unknown)'} failed`, {
      cause: migration.error.cause,
    });
  }
  try {
    await options.prepare?.(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp({
    db: database.db,
    clock: systemClock,
    logger: { level: config.logLevel },
    sessions: { ttlHours: config.sessionTtlHours, secureCookie: config.cookieSecure },
    webApp: { bundle: 'on-start' },
    registerWriteConcurrency: chooseRegisterWriteConcurrency(database.kind),
    messaging: {
      channels: {
        email: config.smtpUrl === null ? null : createSmtpTransport(config.smtpUrl),
        sms: localOutboxSmsProvider,
      },
      deliverEveryMs: 30_000,
    },
  });
  app.addHook('onClose', async () => {
    await database.close();
  });
  try {
    const url = await app.listen({ port: config.port, host: config.host });
    return { app, url, close: installShutdown(app) };
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function openDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.databaseUrl !== null) {
    return createDatabase({ kind: 'postgres', url: config.databaseUrl });
  }
  await mkdir(config.dataDir, { recursive: true });
  return createDatabase({ kind: 'embedded', dataDir: config.dataDir });
}

function installShutdown(app: RollcallApp): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await app.close();
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    app.log.info({ signal }, 'shutting down');
    close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return close;
}
