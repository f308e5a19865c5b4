import { defineConfig } from 'vitest/config';

// One run covers every workspace. Tests talk to real things (aedes on port 0, mqtt.js clients,
// PGlite or PostgreSQL, spawned agent processes), so they get generous timeouts. Most of a file's
// time is spent waiting on sockets and timers (a whole CI run: 28.5 min of user CPU in 30 min on 2
// cores), so three files run at a time (PostgreSQL without the Chromium tests: 244 s, against 268 s
// with two on Node 24 in the same CI run).
//
// test/heavy/ holds the fault and attack runs (platform SIGKILLs, database outages, tens of
// thousands of hostile sockets). They take minutes and most of the machine, so `npm test` leaves
// them out and `npm run test:heavy` runs them alone, once per CI run (.ci/run).
const heavy = process.env.EDGENET_HEAVY_TESTS === '1';
// The Chromium tests check the dashboard, which is the same on every database and Node major: CI
// runs them in one of its passes (.ci/run) and sets this in the others, to stay within its time.
const skipBrowser = process.env.EDGENET_SKIP_BROWSER_TESTS === '1';

export default defineConfig({
  test: {
    include: heavy ? ['test/heavy/**/*.test.ts'] : ['{proto,platform,agent,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', ...(heavy ? [] : ['test/heavy/**']), ...(skipBrowser ? ['test/browser/**'] : [])],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: heavy ? 900_000 : 60_000,
    hookTimeout: 120_000,
    maxWorkers: heavy ? 1 : 3,
    pool: 'forks',
  },
});
