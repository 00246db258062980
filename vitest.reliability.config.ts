import { defineConfig } from 'vitest/config';

/** `npm run test:reliability`: real server processes killed with SIGKILL and restarted. */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    env: { TZ: 'UTC' },
    // Each file starts its own servers; running them side by side only slows each down.
    fileParallelism: false,
  },
});
