import { defineConfig } from 'vitest/config';

// One run covers every workspace. Tests talk to real things (aedes on port 0, mqtt.js clients,
// PGlite or PostgreSQL, spawned agent processes), so they get generous timeouts and at most two
// files at a time on a 2-core machine.
export default defineConfig({
  test: {
    include: ['{proto,platform,agent,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    pool: 'forks',
  },
});
