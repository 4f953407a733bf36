import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // e2e tests spawn the built CLI (npm test builds first); they take real time on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-tmp.ts'],
    pool: 'forks',
  },
});
