import { mkdir } from 'node:fs/promises';
import { formatConfigProblems, readConfig, type Config } from '../config.ts';
import { createDatabase, type DatabaseHandle } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { EXIT_BAD_INPUT, type CliIo } from './cli-io.ts';

/** Exit code when the database cannot be opened or brought up to date. */
export const EXIT_DATABASE = 1;

/** The configuration, or null after printing every problem with it. */
export function readCliConfig(command: string, io: CliIo): Config | null {
  const config = readConfig();
  if (config.ok) return config.value;
  io.error(
    `rollcall ${command}: the environment is not valid:\n${formatConfigProblems(config.error)}`,
  );
  return null;
}

/** Where the data lives, in words: the server for DATABASE_URL, else the data folder. */
export function describeDatabase(config: Config): string {
  if (config.databaseUrl === null) return `the embedded database in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}

/** Opens the configured database: DATABASE_URL when set, otherwise the embedded one. */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.databaseUrl !== null)
    return createDatabase({ kind: 'postgres', url: config.databaseUrl });
  await mkdir(config.dataDir, { recursive: true });
  return createDatabase({ kind: 'embedded', dataDir: config.dataDir });
}

/**
 * Runs a command's work on the configured database, brought up to date first, and closes it
 * whatever happens. Returns the exit code.
 */
export async function withDatabase(
  command: string,
  io: CliIo,
  work: (database: DatabaseHandle, config: Config) => Promise<number>,
): Promise<number> {
  const config = readCliConfig(command, io);
  if (config === null) return EXIT_BAD_INPUT;
  const database = await openConfiguredDatabase(config);
  try {
    const migration = await migrateToLatest(database.db);
    if (!migration.ok) {
      io.error(
        `rollcall ${command}: migration ${migration.error.migration ?? '(unknown)'} failed on ${describeDatabase(config)}; nothing was changed`,
      );
      return EXIT_DATABASE;
    }
    return await work(database, config);
  } finally {
    await database.close();
  }
}
