import {
  Migrator,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResult,
} from 'kysely';
import * as organisations from './migrations/0001-organisations.ts';
import * as users from './migrations/0002-users.ts';
import * as calendar from './migrations/0003-calendar.ts';
import * as pupils from './migrations/0004-pupils.ts';
import * as register from './migrations/0005-register.ts';
import * as followUp from './migrations/0006-follow-up.ts';
import * as registerRetention from './migrations/0007-register-retention.ts';
import * as schoolCalendarVersion from './migrations/0008-school-calendar-version.ts';
import * as followUpCasework from './migrations/0009-follow-up-casework.ts';
import * as lettersAndMessages from './migrations/0010-letters-and-messages.ts';
import * as penaltyOutcomesAndAlertDecisions from './migrations/0011-penalty-outcomes-and-alert-decisions.ts';
import type { Database } from './schema.ts';

/** Every migration, in order. A landed migration is never edited; add a new file instead. */
const migrations: Readonly<Record<string, Migration>> = {
  '0001-organisations': organisations,
  '0002-users': users,
  '0003-calendar': calendar,
  '0004-pupils': pupils,
  '0005-register': register,
  '0006-follow-up': followUp,
  '0007-register-retention': registerRetention,
  '0008-school-calendar-version': schoolCalendarVersion,
  '0009-follow-up-casework': followUpCasework,
  '0010-letters-and-messages': lettersAndMessages,
  '0011-penalty-outcomes-and-alert-decisions': penaltyOutcomesAndAlertDecisions,
};

// A static list, not a folder scan, so bundling or running from another directory cannot
// silently skip a migration.
const staticProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export type MigrationOutcome =
  | { ok: true; applied: readonly string[] }
  | { ok: false; error: { kind: 'migration-failed'; migration: string | null; cause: unknown } };

/** Applies every pending migration in one transaction: all of them, or none. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: staticProvider });
  const { error, results } = await migrator.migrateToLatest();
  return describeOutcome(error, results);
}

function describeOutcome(
  error: unknown,
  results: readonly MigrationResult[] | undefined,
): MigrationOutcome {
  const applied = (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
  if (error === undefined) {
    return { ok: true, applied };
  }
  const failed = (results ?? []).find((result) => result.status === 'Error');
  return {
    ok: false,
    error: { kind: 'migration-failed', migration: failed?.migrationName ?? null, cause: error },
  };
}

export function listMigrationNames(): readonly string[] {
  return Object.keys(migrations);
}
