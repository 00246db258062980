import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createTrust } from '../../src/store/school.repository.ts';
import { STARTUP_TIMEOUT_MS } from './test-database.ts';

describe('the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rollcall-embedded-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test(
    'keeps committed data in its data directory across a restart',
    { timeout: 2 * STARTUP_TIMEOUT_MS },
    async () => {
      const first = await createDatabase({ kind: 'embedded', dataDir });
      expect((await migrateToLatest(first.db)).ok).toBe(true);
      const trust = await createTrust(first.db, { name: 'Persistent Trust' });
      await first.close();

      const second = await createDatabase({ kind: 'embedded', dataDir });
      try {
        expect(await migrateToLatest(second.db)).toEqual({ ok: true, applied: [] });
        const stored = await second.db
          .selectFrom('trusts')
          .select('name')
          .where('id', '=', trust.id)
          .executeTakeFirst();
        expect(stored?.name).toBe('Persistent Trust');
      } finally {
        await second.close();
      }
    },
  );
});
