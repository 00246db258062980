import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { PGliteDialect } from '../../src/store/pglite-dialect.ts';
import type { Database } from '../../src/store/schema.ts';

/** PGlite compiles and boots a WebAssembly PostgreSQL: seconds on a busy two-core machine. */
export const STARTUP_TIMEOUT_MS = 60_000;

export interface TestDatabase {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseHandle['kind'];
  close(): Promise<void>;
}

/**
 * A fresh, empty database: in-memory PGlite, or with ROLLCALL_TEST_DATABASE_URL set, a
 * throwaway database on that PostgreSQL server (dropped on close) so files run in parallel.
 */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['ROLLCALL_TEST_DATABASE_URL'];
  if (serverUrl === undefined || serverUrl === '') {
    return createDatabase({ kind: 'memory' });
  }
  const name = `rollcall_test_${String(process.pid)}_${randomBytes(4).toString('hex')}`;
  const admin = await createDatabase({ kind: 'postgres', url: serverUrl, maxConnections: 1 });
  await sql.raw(`create database ${name}`).execute(admin.db);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 4 });
  return {
    db: handle.db,
    kind: handle.kind,
    close: async () => {
      await handle.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
  };
}

/** A fresh database with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!process.env['ROLLCALL_TEST_DATABASE_URL']) {
    return createDatabase({ kind: 'memory', loadDataDir: await loadMigratedSnapshot() });
  }
  const database = await createEmptyTestDatabase();
  const outcome = await migrateToLatest(database.db);
  if (!outcome.ok) {
    await database.close();
    throw new Error(`migration ${outcome.error.migration ?? '?'} failed`, {
      cause: outcome.error.cause,
    });
  }
  return database;
}

/**
 * One migrated database shared by the tests of a file (PGlite starts in hundreds of
 * milliseconds, too slow per test); tests isolate themselves by creating their own schools.
 */
export function useTestDatabase(): { readonly db: Kysely<Database> } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await database?.close();
  }, STARTUP_TIMEOUT_MS);
  return {
    get db(): Kysely<Database> {
      if (database === undefined) throw new Error('the test database is not open yet');
      return database.db;
    },
  };
}

const migrationsFolder = join(import.meta.dirname, '../../src/store/migrations');
// A data directory is only readable by the PGlite build that wrote it.
const pgliteManifest = join(
  import.meta.dirname,
  '../../node_modules/@electric-sql/pglite/package.json',
);

/**
 * A PGlite data directory with every migration applied, cached in the temporary folder under
 * a hash of the migration files and PGlite's version, so each test file skips initdb and the migrations (about
 * half of PGlite's start-up). Written under a temporary name and renamed, so parallel test
 * files never read a half-written snapshot.
 */
async function loadMigratedSnapshot(): Promise<Blob> {
  const path = join(tmpdir(), `rollcall-test-snapshot-${await hashMigrations()}.tar`);
  try {
    return new Blob([await readFile(path)]);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  const pglite = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  try {
    const outcome = await migrateToLatest(db);
    if (!outcome.ok) {
      throw new Error(`migration ${outcome.error.migration ?? '?'} failed`, {
        cause: outcome.error.cause,
      });
    }
    const bytes = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
    const partial = `${path}.${String(process.pid)}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, path);
    return new Blob([bytes]);
  } finally {
    await db.destroy();
  }
}

async function hashMigrations(): Promise<string> {
  const hash = createHash('sha256').update(await readFile(pgliteManifest));
  const names = (await readdir(migrationsFolder)).sort();
  for (const name of names) {
    hash.update(name).update(await readFile(join(migrationsFolder, name)));
  }
  return hash.digest('hex').slice(0, 16);
}
