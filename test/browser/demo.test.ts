// `npm run demo`: the demo script, started as a child process the way a newcomer starts it,
// shows a living dashboard within a minute: Chromium logs in with the printed token and sees devices
// online. Then it stops cleanly on SIGTERM. Its overview is saved as test-artifacts/demo-overview.png.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, logIn, screenshot, waitForText } from '../helpers/browser.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = ['platform/dist/index.js', 'platform/web/dist/index.html', 'agent/dist/cli.js'].every((f) => existsSync(`${ROOT}/${f}`));
let demo: ChildProcess | undefined;
afterAll(() => {
  if (demo && demo.exitCode === null) demo.kill('SIGKILL');
});

// The demo promises a living dashboard within a minute on an idle 2-core machine; the time it took
// is printed (the README's figure). The bound asserted is three minutes, so that the test stays true
// on a machine running another suite beside it, where the same setup was seen to take over 60 s.
const SETUP_BOUND_MS = 180_000;

describe.skipIf(!HAS_CHROMIUM || !BUILT)('npm run demo', () => {
  it(
    'shows devices online in the dashboard, then stops on SIGTERM',
    async () => {
      const startedAt = Date.now();
      demo = spawn(process.execPath, ['scripts/demo.mjs'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          DEMO_DEVICES: '100',
          DEMO_HISTORY_HOURS: '3', // lighter than the default: other test files share the 2 cores
          EDGENET_HTTP_PORT: '0',
          EDGENET_MQTT_PORT: '0',
          EDGENET_HTTP_HOST: '127.0.0.1',
          EDGENET_MQTT_HOST: '127.0.0.1',
          DATABASE_URL: '', // the demo's own PGlite, whatever database the suite uses
        },
      });
      let out = '';
      demo.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      demo.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => demo!.once('exit', (code) => resolve(code)));
      const printed = await new Promise<{ url: string; token: string }>((resolve, reject) => {
        const timer = setInterval(() => {
          const url = /dashboard\s+(http:\/\/\S+)/.exec(out)?.[1];
          const token = /operator token\s+(op_\S+)/.exec(out)?.[1];
          if (url && token) {
            clearInterval(timer);
            resolve({ url, token });
          } else if (demo!.exitCode !== null || Date.now() - startedAt > SETUP_BOUND_MS) {
            clearInterval(timer);
            reject(new Error(`the demo did not print its URL and token:\n${out}`));
          }
        }, 100);
      });
      expect(out).toMatch(/real agent\s+running/);

      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await logIn(page, printed.url.replace(/\/$/, ''), printed.token);
        const online = await waitForText(
          page,
          'devices-online',
          (t) => Number(t.replace(/,/g, '')) > 0,
          Math.max(1_000, SETUP_BOUND_MS - (Date.now() - startedAt)),
        );
        console.log(`demo: ${online} devices online on the page ${Date.now() - startedAt} ms after the demo started`);
        expect(Date.now() - startedAt).toBeLessThan(SETUP_BOUND_MS);
        // Let the backlog fill the 24 h chart a little, then keep a picture of the living dashboard.
        await page.waitForSelector('[data-testid=town-table] tbody tr');
        await new Promise((r) => setTimeout(r, 15_000));
        await page.reload();
        await waitForText(page, 'devices-online', (t) => Number(t.replace(/,/g, '')) > 50, 20_000);
        await page.waitForSelector('[data-testid=chart-24h] canvas');
        await screenshot(page, 'demo-overview');
      } finally {
        await browser.close();
      }
      demo.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
    SETUP_BOUND_MS + 60_000,
  );
});
