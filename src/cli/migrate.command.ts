import { listMigrationNames, migrateToLatest } from '../store/migrate.ts';
import { EXIT_BAD_INPUT, type CliIo } from './cli-io.ts';
import {
  describeDatabase,
  EXIT_DATABASE,
  openConfiguredDatabase,
  readCliConfig,
} from './cli-database.ts';

export const MIGRATE_USAGE = `Usage: rollcall migrate

Applies every pending migration to the database (DATABASE_URL, or the embedded database in
DATA_DIR), all in one transaction, and lists what it applied.`;

/** `rollcall migrate`: exit 0 with the migrations applied, 1 when one fails. */
export async function runMigrate(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.error(`rollcall migrate takes no arguments (got "${args[0] ?? ''}")\n\n${MIGRATE_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const config = readCliConfig('migrate', io);
  if (config === null) return EXIT_BAD_INPUT;
  const where = describeDatabase(config);
  const database = await openConfiguredDatabase(config);
  try {
    const outcome = await migrateToLatest(database.db);
    if (!outcome.ok) {
      io.error(
        `rollcall migrate: migration ${outcome.error.migration ?? '(unknown)'} failed on ${where}; none of this run's migrations was applied\n${String(outcome.error.cause)}`,
      );
      return EXIT_DATABASE;
    }
    const total = listMigrationNames().length;
    if (outcome.applied.length === 0)
      io.out(`${where} is up to date (${total} migrations, none pending).`);
    else
      io.out(
        [
          `Applied ${outcome.applied.length} migration${outcome.applied.length === 1 ? '' : 's'} to ${where}:`,
          ...outcome.applied.map((name) => `  ${name}`),
        ].join('\n'),
      );
    return 0;
  } finally {
    await database.close();
  }
}
