import { defineConfig } from 'vitest/config';

// Browser tests: one file at a time in one process, since each file starts a server, a
// database and Chromium, and two cores cannot run several of those side by side quickly.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: { TZ: 'UTC' },
  },
});
