import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/main.ts';
import { composeUpn } from '../../src/domain/pupils/upn.ts';
import { seedDemo } from '../../src/services/demo-seed.service.ts';
import { fastPasswordHashing } from '../../src/services/password.service.ts';
import { evaluateStoredSchool } from '../../src/services/school-statistics.service.ts';
import { createDatabase } from '../../src/store/database.ts';
import { listMigrationNames, migrateToLatest } from '../../src/store/migrate.ts';
import { createTestClock } from '../http/test-app.ts';
import { STARTUP_TIMEOUT_MS } from '../db/test-database.ts';

/** The CLI on a real embedded data directory, as `node bin/rollcall.js` runs it. */

let folder: string;
let dataDir: string;
const clock = createTestClock(new Date('2025-03-12T10:00:00Z'));

async function run(...argv: string[]) {
  let out = '';
  const errors: string[] = [];
  const io: CliIo = { out: (text) => (out += `${text}\n`), error: (text) => errors.push(text) };
  const code = await runCli(argv, io);
  return { code, out, errors };
}

async function withData<T>(
  work: (db: Awaited<ReturnType<typeof createDatabase>>['db']) => Promise<T>,
) {
  const handle = await createDatabase({ kind: 'embedded', dataDir });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rollcall-cli-'));
  dataDir = join(folder, 'data');
  vi.stubEnv('DATA_DIR', dataDir);
  vi.stubEnv('DATABASE_URL', '');
}, STARTUP_TIMEOUT_MS);

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(folder, { recursive: true, force: true });
});

describe('rollcall migrate', () => {
  it(
    'applies every migration to a new data folder, then finds nothing to do',
    async () => {
      const first = await run('migrate');
      expect(first.code).toBe(0);
      expect(first.out).toContain(
        `Applied ${listMigrationNames().length} migrations to the embedded database in ${dataDir}:`,
      );
      for (const name of listMigrationNames()) expect(first.out).toContain(`  ${name}`);
      const second = await run('migrate');
      expect(second.out).toContain('is up to date');
    },
    STARTUP_TIMEOUT_MS,
  );
});

describe('rollcall import and export on the demo trust', () => {
  beforeAll(async () => {
    await withData(async (db) => {
      await migrateToLatest(db);
      await seedDemo({ db, clock, passwordHashing: fastPasswordHashing });
    });
  }, STARTUP_TIMEOUT_MS);

  it(
    'imports a pupils file, reporting progress as plain lines off a terminal',
    async () => {
      const file = join(folder, 'pupils.csv');
      await writeFile(
        file,
        `upn,first_name,last_name,dob,sex,year,class,on_roll_from\n${composeUpn(855, 101, 24, 901)},Ada,Lovelace,2016-12-10,F,3,Year 3 Rowan,2025-03-10\n`,
      );
      const result = await run('import', 'pupils', file, '--school', '1');
      expect(result.errors).toContain('Importing pupils: 1 of 1');
      expect(result.out).toBe('Imported 1 pupils from pupils.csv into school 1.\n');
      expect(result.code).toBe(0);
    },
    STARTUP_TIMEOUT_MS,
  );

  it('rejects a bad file naming the file, line and field, and imports nothing', async () => {
    const file = join(folder, 'bad-pupils.csv');
    await writeFile(
      file,
      `upn,first_name,last_name,dob,sex,year,on_roll_from\n${composeUpn(855, 101, 24, 902)},Eve,Smith,2016-02-30,F,3,2025-03-10\n`,
    );
    const result = await run('import', 'pupils', file, '--school', '1');
    expect(result.code).toBe(2);
    expect(result.errors[0]).toBe('bad-pupils.csv:2: dob: "2016-02-30" is not a real date');
    expect(result.errors.at(-1)).toContain('Nothing was imported');
  });

  it(
    'exports a school that `rollcall evaluate` then scores exactly as the stored register',
    async () => {
      const out = join(folder, 'kingsmead.yaml');
      const exported = await run('export', '--scenario', '--school', '2', '--out', out);
      expect(exported.errors).toEqual([]);
      expect(exported.out).toBe(`Wrote ${out}.\n`);
      expect(await readFile(out, 'utf8')).toContain('Kingsmead Academy');
      const evaluated = await run('evaluate', out, '--as-of', '2025-03-11', '--json');
      expect(evaluated.errors).toEqual([]);
      const stored = await withData((db) => evaluateStoredSchool(db, 2, '2025-03-11'));
      if (!stored.ok) throw new Error('the stored school does not evaluate');
      expect(JSON.parse(evaluated.out)).toEqual(
        JSON.parse(JSON.stringify(stored.value.evaluation)),
      );
    },
    STARTUP_TIMEOUT_MS,
  );

  it('says what is wrong with its arguments', async () => {
    expect((await run('import', 'classes', 'x.csv', '--school', '1')).errors[0]).toContain(
      'cannot import "classes"; import pupils, contacts or marks',
    );
    expect((await run('export', '--scenario')).errors[0]).toContain('--school ID is required');
  });
});
