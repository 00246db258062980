import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start-server.ts';

describe('startServer', () => {
  it(
    'creates the embedded database, migrates it, serves and shuts down cleanly',
    { timeout: 60_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'rollcall-serve-'));
      try {
        const server = await startServer({
          port: 0,
          host: '127.0.0.1',
          databaseUrl: null,
          dataDir: join(dataDir, 'db'),
          sessionTtlHours: 12,
          logLevel: 'silent',
          cookieSecure: true,
          smtpUrl: null,
        });
        const response = await fetch(`${server.url}/api/health`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
        await server.close();
        await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});
