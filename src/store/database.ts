import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type DatabaseConfig =
  /** Embedded PGlite persisting to a data directory: the default, nothing to install. */
  | { kind: 'embedded'; dataDir: string }
  /** Embedded PGlite held in memory, gone on close: for tests. May start from a data
   * directory snapshot (PGlite's dumpDataDir tarball) to skip initdb and migrations. */
  | { kind: 'memory'; loadDataDir?: Blob }
  /** A PostgreSQL server, e.g. from DATABASE_URL. */
  | {
      kind: 'postgres';
      url: string;
      maxConnections?: number;
      /** Told when an idle pooled connection breaks; the pool replaces it either way. */
      onConnectionError?: (error: Error) => void;
    };

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseConfig['kind'];
  close(): Promise<void>;
}

// Both drivers must hand back the same JavaScript values: calendar dates stay ISO strings
// (a Date would drag in a time zone) and bigint ids become numbers (ids stay far below 2^53).
const keepAsText = (value: string): string => value;
const parseInt8 = (value: string): number => Number(value);

/** Opens a database; call close() when done. Run migrateToLatest() before first use. */
export async function createDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const db =
    config.kind === 'postgres'
      ? new Kysely<Database>({ dialect: createPostgresDialect(config) })
      : new Kysely<Database>({ dialect: new PGliteDialect(await createPGlite(config)) });
  return {
    db,
    kind: config.kind,
    close: () => db.destroy(),
  };
}

async function createPGlite(
  config: Extract<DatabaseConfig, { kind: 'embedded' | 'memory' }>,
): Promise<PGlite> {
  const options = {
    parsers: { [pgliteTypes.DATE]: keepAsText, [pgliteTypes.INT8]: parseInt8 },
  };
  if (config.kind === 'embedded') {
    return PGlite.create(config.dataDir, options);
  }
  return config.loadDataDir === undefined
    ? PGlite.create(options)
    : PGlite.create({ ...options, loadDataDir: config.loadDataDir });
}

function createPostgresDialect(
  config: Extract<DatabaseConfig, { kind: 'postgres' }>,
): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.maxConnections ?? 10,
    types: {
      getTypeParser: (oid, format) => {
        if (oid === pg.types.builtins.DATE) return keepAsText;
        if (oid === pg.types.builtins.INT8) return parseInt8;
        // pg-types declares its parsers as returning any.
        // eslint-disable-next-line @typescript-eslint/no-unsafe-return
        return pg.types.getTypeParser(oid, format);
      },
    },
  });
  // A pooled connection can break while idle (server restart, terminated backend). pg then
  // emits an error on the pool, which would crash the process without a listener; the pool
  // has already dropped that connection and the next query opens a fresh one.
  pool.on('error', config.onConnectionError ?? (() => undefined));
  return new PostgresDialect({ pool });
}
