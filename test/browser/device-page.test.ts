// A device's page in real Chromium: named by its model and serial, found by its serial, charts
// drawn at the device's own time, an empty chart that says so, and the pages usable on a phone. A device back from a 6-hour outage sends its backlog within
// seconds; drawn at receive time it would fill a few seconds of the axis, drawn at device time it
// covers the six hours it describes (the filing rule, docs/evidence.md).
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, screenshot, signIn, waitForText } from '../helpers/browser.js';
import { enrollTestDevice, type TestDevice } from '../helpers/device.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const PASSWORD = 'a long passphrase for charts';
const HOUR = 3_600_000;
let tp: TestPlatform;
let browser: Browser;
let device: TestDevice;
let silent: string;
let skewed: TestDevice;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  tp = await startTestPlatform();
  expect((await tp.api('POST', '/api/v1/accounts', { username: 'ops.li', role: 'operator', password: PASSWORD })).status).toBe(201);
  const factory = await seedEnterprise(tp, { workstations: ['W-1', 'W-2', 'W-3'] });
  device = await enrollTestDevice(tp, factory.token, { workstations: ['W-1'], inventory: { systemModel: 'MIC-770', systemSerial: 'ADV2611A0042' } });
  // A white-box PC whose firmware left the placeholders in: it has no name to show but its id.
  silent = (
    await enrollTestDevice(tp, factory.token, { workstations: ['W-2'], inventory: { systemModel: 'To be filled by O.E.M.', systemSerial: 'Default string' } })
  ).deviceId;
  skewed = await enrollTestDevice(tp, factory.token, { workstations: ['W-3'] });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await tp?.close();
});

async function signedInPage(viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await signIn(page, tp.baseUrl, 'ops.li', PASSWORD);
  return page;
}

describe.skipIf(!HAS_CHROMIUM)('device charts and the phone layout in Chromium', () => {
  it('draws a backlog over the hours it covers, and says when there is nothing to draw', async () => {
    // Enrolled before the outage: a heartbeat dated before enrollment never counts (the filing rule),
    // and is drawn at its receive time like any other the platform did not file at device time.
    await tp.platform.context.db.execute(sql`update devices set enrolled_at = ${new Date(Date.now() - 7 * HOUR)} where id = ${device.deviceId}`);
    const client = await device.connect();
    await device.hello(client);
    // Seven heartbeats made once an hour over the last six hours, all sent now.
    const start = Date.now() - 6 * HOUR;
    for (let seq = 1; seq <= 7; seq++) await device.heartbeat(client, seq, { deviceTimeMs: start + (seq - 1) * HOUR, cpuPercent: 10 * seq });
    await waitFor('backlog stored', async () => (await tp.api('GET', `/api/v1/devices/${device.deviceId}/heartbeats?limit=10`)).body.items.length === 7);
    const filings = (await tp.api('GET', `/api/v1/devices/${device.deviceId}/heartbeats?limit=10`)).body.items.map((b: { filing: string }) => b.filing);
    expect(filings.filter((f: string) => f === 'device_time').length).toBeGreaterThanOrEqual(6); // the newest may be live

    const page = await signedInPage();
    await page.goto(`${tp.baseUrl}/#/devices/${device.deviceId}`);
    const cpu = page.locator('[data-testid=chart-0]');
    await cpu.locator('canvas').waitFor();
    const from = Date.parse((await cpu.getAttribute('data-from'))!);
    const to = Date.parse((await cpu.getAttribute('data-to'))!);
    expect(to - from).toBeGreaterThanOrEqual(6 * HOUR - 1_000);
    await screenshot(page, 'device-backlog');
    expect(await page.locator('[data-testid=chart-clock-note]').isHidden()).toBe(true);

    // No heartbeat yet: every chart says there is no data, none draws an axis.
    await page.goto(`${tp.baseUrl}/#/devices/${silent}`);
    await waitForText(page, 'chart-0', (t) => t === '此时段没有数据');
    expect(await page.locator('[data-testid^=chart-] canvas').count()).toBe(0);
  });

  it('draws a clock that runs ahead at receive time, as the filing rule files it, and says so', async () => {
    // The agent believes its clock (clockUntrusted false) but it is two days ahead of the platform:
    // the filing rule files these heartbeats at receive time, and the chart must not draw them in
    // the future where the device says they happened.
    const client = await skewed.connect();
    await skewed.hello(client);
    for (let seq = 1; seq <= 3; seq++) await skewed.heartbeat(client, seq, { deviceTimeMs: Date.now() + 48 * HOUR, cpuPercent: 20 });
    await waitFor(
      'skewed heartbeats stored',
      async () => (await tp.api('GET', `/api/v1/devices/${skewed.deviceId}/heartbeats?limit=10`)).body.items.length === 3,
    );
    const stored = (await tp.api('GET', `/api/v1/devices/${skewed.deviceId}/heartbeats?limit=10`)).body.items;
    for (const b of stored) {
      expect(b.filing).toBe('untrusted_clock');
      expect(b.filedAt).toBe(b.receivedAt);
      expect(Date.parse(b.deviceTime) - Date.parse(b.receivedAt)).toBeGreaterThan(47 * HOUR);
    }
    client.end(true);

    const page = await signedInPage();
    await page.goto(`${tp.baseUrl}/#/devices/${skewed.deviceId}`);
    const cpu = page.locator('[data-testid=chart-0]');
    await cpu.locator('canvas').waitFor();
    const to = Date.parse((await cpu.getAttribute('data-to'))!);
    expect(Math.abs(to - Date.now())).toBeLessThan(5 * 60_000);
    await waitForText(page, 'chart-clock-note', (t) => t.startsWith('3 个心跳按平台接收时间绘制'));
  });

  it('names devices by model and serial, and finds one by its serial', async () => {
    const page = await signedInPage();
    await page.goto(`${tp.baseUrl}/#/devices?q=2611a00`);
    await waitForText(page, `device-name-${device.deviceId}`, (t) => t === 'MIC-770 · 序列号 ADV2611A0042');
    expect(await page.locator('[data-testid=device-table] .vt-row:not(.loading)').count()).toBe(1);
    await page.goto(`${tp.baseUrl}/#/devices`);
    await waitForText(page, `device-name-${silent}`, (t) => t === silent.slice(0, 8));
    await page.click(`[data-testid=device-name-${device.deviceId}]`);
    await waitForText(page, 'device-name', (t) => t === 'MIC-770 · 序列号 ADV2611A0042');
    const api = (await tp.api('GET', `/api/v1/devices/${silent}`)).body;
    expect([api.model, api.serial]).toEqual([null, null]);

    // The list exports every device as a CSV Excel opens: byte-order mark, Chinese headers, the name.
    await page.goto(`${tp.baseUrl}/#/devices`);
    await page.waitForSelector('[data-testid=device-table] .vt-row:not(.loading)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=devices-csv]')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF设备,ID,序列号,状态,')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4); // the header and the three devices
    expect(lines.find((l) => l.includes(device.deviceId))).toMatch(/^MIC-770 · 序列号 ADV2611A0042,[0-9a-f-]{36},ADV2611A0042,(在线|离线),/);

    // An empty list says what to do next, not nothing.
    await page.goto(`${tp.baseUrl}/#/devices?q=NO-SUCH-SERIAL`);
    await waitForText(page, 'devices-empty', (t) => t.startsWith('没有符合筛选条件的设备'));
    await page.goto(`${tp.baseUrl}/#/alerts`);
    await page.waitForSelector('text=没有未处理的标记');
  });

  it('fits a phone: no page wider than the screen, the navigation on one line', async () => {
    const page = await signedInPage({ width: 375, height: 812 });
    // Each page with the content that makes it widest: charts, the device table, the run form.
    const pages: [string, string][] = [
      ['#/', '[data-testid=chart-24h] canvas'],
      ['#/devices', '[data-testid=device-table] .vt-row:not(.loading)'],
      [`#/devices/${device.deviceId}`, '[data-testid=chart-0] canvas'],
      ['#/certification', '[data-testid=cert-start]'],
    ];
    for (const [route, content] of pages) {
      await page.goto(`${tp.baseUrl}/${route}`);
      await page.waitForSelector(content);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      expect(scrollWidth, route).toBeLessThanOrEqual(innerWidth);
      // One line of navigation: no link is taller than two lines of its own text.
      const tallest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.nav a')].map((a) => a.getBoundingClientRect().height)));
      expect(tallest, route).toBeLessThan(40);
    }
    await screenshot(page, 'phone-device');
  });
});
