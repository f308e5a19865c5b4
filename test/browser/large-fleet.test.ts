// The dashboard with 100,000 devices (it must stay smooth with 6,000 devices, and with 100,000 in the list):
// the device rows are inserted straight into the devices table (enrolling 100,000 over HTTP would
// measure enrollment, not the list), then the API and the page are timed: first rows, a jump to the
// end of the list, a sort, a search. The figures are printed; the bounds are generous for a shared
// 2-core machine.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, logIn, screenshot, waitForText } from '../helpers/browser.js';
import { USCC, seedEnterprise } from '../helpers/fixtures.js';
import { OPERATOR_TOKEN, startTestPlatform, type TestPlatform } from '../helpers/platform.js';

const N = 100_000;
let tp: TestPlatform;
let browser: Browser;
let page: Page;
const figures: Record<string, number> = {};

async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  figures[name] = Math.round(performance.now() - started);
  return result;
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  tp = await startTestPlatform();
  const seeded = [
    await seedEnterprise(tp, { town: '松山湖' }),
    await seedEnterprise(tp, { uscc: USCC[1], town: '长安' }),
    await seedEnterprise(tp, { uscc: USCC[2], town: '虎门' }),
  ];
  const e = seeded.map((s) => s.enterpriseId);
  const p = seeded.map((s) => s.projectId);
  await timed('insert 100,000 device rows (ms)', () =>
    tp.platform.context.db.execute(sql`
      insert into devices (enterprise_id, project_id, kind, fingerprint, public_key, key_id, mqtt_password_hash, inventory,
                           agent_version, heartbeat_interval_ms, online, enrolled_at, last_seen_at)
      select (array[${e[0]}::uuid, ${e[1]}::uuid, ${e[2]}::uuid])[1 + i % 3], (array[${p[0]}::uuid, ${p[1]}::uuid, ${p[2]}::uuid])[1 + i % 3],
             (array['compute_box', 'industrial_pc', 'server'])[1 + (i / 3) % 3]::device_kind,
             md5(i::text) || md5((i + 1)::text), 'bulk', substr(md5(i::text), 1, 16), 'bulk', '{}'::jsonb, 'bulk', 10000,
             i % 4 <> 0, now() - make_interval(secs => i), case when i % 50 = 0 then null else now() - make_interval(secs => i * 0.5) end
        from generate_series(1, ${N}) as i`),
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
}, 180_000);

afterAll(async () => {
  console.log('100,000 devices:', figures);
  await browser?.close();
  await tp?.close();
});

const api = (path: string) => tp.api('GET', path, undefined, OPERATOR_TOKEN);

describe.skipIf(!HAS_CHROMIUM)('100,000 devices', () => {
  it('pages, sorts and searches in the API', async () => {
    const first = await timed('API first page, newest first (ms)', () => api('/api/v1/devices?limit=100'));
    expect(first.body.total).toBe(N);
    const last = await timed('API last page by last heartbeat (ms)', () => api(`/api/v1/devices?limit=100&offset=${N - 100}&sort=lastSeenAt&order=desc`));
    expect(last.body.items).toHaveLength(100);
    expect(last.body.items.at(-1).lastSeenAt).toBeNull(); // never-seen devices sort last
    const search = await timed('API search by enterprise and town (ms)', () => api(`/api/v1/devices?limit=100&town=${encodeURIComponent('长安')}&online=true`));
    expect(search.body.total).toBe(Array.from({ length: N }, (_, k) => k + 1).filter((i) => i % 3 === 1 && i % 4 !== 0).length);
    const summary = await timed('API fleet summary (ms)', () => api('/api/v1/fleet/summary'));
    expect(summary.body.devices.total).toBe(N);
    await timed('API breakdown by town (ms)', () => api('/api/v1/fleet/breakdown?by=town'));
  });

  it('shows the first rows at once and the last rows after a jump to the end', async () => {
    await timed('page: log in to the overview with live counts (ms)', async () => {
      await logIn(page, tp.baseUrl, OPERATOR_TOKEN);
      await waitForText(page, 'devices-online', (t) => t === '75,000');
    });
    await timed('page: device list first rows (ms)', async () => {
      await page.click('[data-testid=nav-devices]');
      await waitForText(page, 'device-total', (t) => t.includes('100,000'));
      await page.waitForSelector('[data-testid=device-table] .vt-row:not(.loading)');
    });
    // Only the rows in view are in the DOM, however long the list.
    expect(await page.locator('[data-testid=device-table] .vt-row').count()).toBeLessThan(60);
    await timed('page: jump to the end, last rows shown (ms)', async () => {
      await page.evaluate(() => {
        const v = document.querySelector('.vt-viewport')!;
        v.scrollTop = v.scrollHeight;
      });
      await page.waitForFunction((n) => {
        const rows = [...document.querySelectorAll('.vt-row')];
        return rows.some((r) => r.getAttribute('data-index') === String(n - 1)) && !rows.some((r) => r.classList.contains('loading'));
      }, N);
    });
    // Smoothness: 100 scroll steps through the middle of the list, frames timed in the page.
    figures['page: scroll 100 steps, slowest frame (ms)'] = await page.evaluate(async () => {
      const v = document.querySelector('.vt-viewport')!;
      v.scrollTop = v.scrollHeight / 2;
      let worst = 0;
      let last = performance.now();
      for (let i = 0; i < 100; i++) {
        v.scrollTop += 137;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
      }
      return Math.round(worst);
    });
    await timed('page: sort by last heartbeat (ms)', async () => {
      await page.click('.vt-th[data-key=lastSeenAt]');
      await page.waitForFunction(() => document.querySelector('.vt-row[data-index="0"]') !== null && !document.querySelector('.vt-row.loading'));
    });
    await timed('page: search (ms)', async () => {
      await page.fill('[data-testid=device-search]', '虎门');
      await waitForText(page, 'device-total', (t) => t === '共 33,333 台');
    });
    await screenshot(page, 'devices-100k');
    expect(figures['page: device list first rows (ms)']).toBeLessThan(5_000);
    expect(figures['page: jump to the end, last rows shown (ms)']).toBeLessThan(5_000);
  });
});
