import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/reliability starts and kills server processes (about a minute): npm run test:reliability.
    exclude: ['test/e2e/**', 'test/reliability/**', 'node_modules/**'],
    env: { TZ: 'UTC' },
    // Database and HTTP suites start embedded PostgreSQL; a loaded 2-core machine needs headroom.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
