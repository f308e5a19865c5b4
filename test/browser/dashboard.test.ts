// The dashboard in real Chromium against a running platform and real agents:
// log in, see the fleet counts, stop an agent and see it go offline on the page without a reload,
// open a device's page, switch language, run a certification; an enterprise token cannot see another
// enterprise's device, in the page or by URL. Screenshots of the main pages go to test-artifacts/.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { spawnAgent, type AgentProcess } from '../../agent/test/helpers/agent-process.js';
import { HAS_CHROMIUM, launchChromium, logIn, screenshot, textOf, waitForText } from '../helpers/browser.js';
import { USCC, seedEnterprise, type Seeded } from '../helpers/fixtures.js';
import { OPERATOR_TOKEN, startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';
import { flagReason } from '../../platform/src/ingest/flag-reasons.js';

const INTERVAL_MS = 1_000;
let tp: TestPlatform;
let browser: Browser;
let a: Seeded;
let b: Seeded;
const agents: { name: string; deviceId: string; proc: AgentProcess }[] = [];
const tokens = { bureau: '', enterpriseB: '' };

async function startAgent(name: string, seeded: Seeded, workstations: string[], models = false): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `edgenet-dash-${name}-`));
  // Several agents on one machine would share a hardware fingerprint; hardware.json gives each its own.
  writeFileSync(
    join(dir, 'hardware.json'),
    JSON.stringify({
      systemSerial: `SN-DASH-${name}`,
      boardSerial: `BRD-DASH-${name}`,
      systemUuid: `4c4c4544-0000-1000-8000-0000000d${name.padStart(4, '0')}`,
      writtenAt: new Date().toISOString(),
    }),
  );
  const enroll = spawnAgent(
    [
      'enroll',
      '--platform',
      tp.baseUrl,
      '--token',
      seeded.token,
      '--workstations',
      workstations.join(','),
      '--heartbeat-interval-ms',
      String(INTERVAL_MS),
      '--state-dir',
      dir,
    ],
    {},
    { outliveTest: true },
  );
  expect((await enroll.exited).code, enroll.stderr()).toBe(0);
  const deviceId = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')).deviceId as string;
  const args = ['run', '--state-dir', dir];
  if (models) {
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        inference: {
          models: [
            { name: 'surface-defect', path: 'builtin:surface-defect-v1', workstation: workstations[0], input: { type: 'synthetic', ratePerSecond: 20 } },
          ],
        },
      }),
    );
    args.push('--config', config);
  }
  agents.push({ name, deviceId, proc: spawnAgent(args, { EDGE_AGENT_LOG_LEVEL: 'warn' }, { outliveTest: true }) });
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  tp = await startTestPlatform({ EDGENET_PRESENCE_SWEEP_MS: '100', EDGENET_FLEET_STREAM_MS: '250' });
  a = await seedEnterprise(tp, { town: '松山湖', workstations: ['L1-01', 'L1-02', 'L1-03', 'L1-04'] });
  b = await seedEnterprise(tp, { uscc: USCC[1], town: '长安', workstations: ['W-1'] });
  await startAgent('1', a, ['L1-01', 'L1-02'], true);
  await startAgent('2', a, ['L1-03', 'L1-04']);
  await startAgent('3', b, ['W-1']);
  tokens.bureau = (await tp.api('POST', '/api/v1/api-tokens', { name: '科技局', role: 'bureau' })).body.token;
  tokens.enterpriseB = (await tp.api('POST', '/api/v1/api-tokens', { name: 'factory IT', role: 'enterprise', enterpriseId: b.enterpriseId })).body.token;
  await waitFor('three agents online', async () => (await tp.api('GET', '/api/v1/fleet/summary')).body.devices.online === 3, 30_000);
  // A flag with its reason, through the platform's own recorder, for the alerts page.
  await tp.platform.context.flags.raise(agents[2]!.deviceId, 'clock_skew', flagReason('clock_ahead', { minutes: 12 }), { skewMs: 720_000 });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const ag of agents) ag.proc.child.kill('SIGKILL');
  await tp?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return { context, page };
}

describe.skipIf(!HAS_CHROMIUM)('the dashboard in Chromium', () => {
  let context: BrowserContext;
  let page: Page;

  it('logs in with a bearer token and shows the live fleet counts in Chinese', async () => {
    ({ context, page } = await newPage());
    const started = Date.now();
    await logIn(page, tp.baseUrl, OPERATOR_TOKEN);
    await waitForText(page, 'devices-online', (t) => t === '3');
    const loadMs = Date.now() - started;
    console.log(`login to live counts: ${loadMs} ms`);
    expect(await textOf(page, 'enterprises-connected')).toBe('2');
    expect(await textOf(page, 'devices-offline')).toBe('0');
    expect(await textOf(page, 'workstations')).toBe('5');
    expect(await textOf(page, 'live')).toBe('实时');
    expect(await textOf(page, 'nav-overview')).toBe('全网概览');
    // The town table (镇街) and both charts are drawn.
    await page.waitForSelector('[data-testid=town-table] tbody tr');
    expect(await page.locator('[data-testid=town-table] tbody tr').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('松山湖'), expect.stringContaining('长安')]),
    );
    await page.waitForSelector('[data-testid=chart-24h] canvas');
    await page.waitForSelector('[data-testid=chart-30d] canvas');
    await waitForText(page, 'heartbeats-per-second', (t) => Number(t) > 0);
    await screenshot(page, 'overview');
  });

  it('shows a stopped agent go offline on the page without a reload', async () => {
    let navigations = 0;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations++;
    });
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const stopped = agents[1]!;
    stopped.proc.child.kill('SIGTERM');
    expect((await stopped.proc.exited).code).toBe(0);
    const seenAt = Date.now();
    await waitForText(page, 'devices-online', (t) => t === '2', 5_000);
    console.log(`agent stopped to page showing it offline: ${Date.now() - seenAt} ms`);
    expect(await textOf(page, 'devices-offline')).toBe('1');
    expect(await textOf(page, 'workstations')).toBe('3');
    expect(navigations).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
  });

  it('lists devices server-side and opens one device with its inventory, keys, charts and history', async () => {
    await page.click('[data-testid=nav-devices]');
    await waitForText(page, 'device-total', (t) => t.includes('3'));
    await page.waitForSelector('[data-testid=device-table] .vt-row:not(.loading)');
    expect(await page.locator('[data-testid=device-table] .vt-row').count()).toBe(3);
    // Server-side filtering: offline only.
    await page.selectOption('[data-testid=filter-online]', 'false');
    await waitForText(page, 'device-total', (t) => t.includes('1'));
    expect(page.url()).toContain('online=false');
    await page.selectOption('[data-testid=filter-online]', '');
    await waitForText(page, 'device-total', (t) => t.includes('3'));
    await screenshot(page, 'devices');

    const target = agents[0]!;
    await page.click(`[data-testid=device-table] a[title="${target.deviceId}"]`);
    await page.waitForSelector('[data-testid=device-fingerprint]');
    const api = (await tp.api('GET', `/api/v1/devices/${target.deviceId}`)).body;
    expect(await textOf(page, 'device-fingerprint')).toBe(api.fingerprint);
    expect(await textOf(page, 'device-key-id')).toBe(api.keyId);
    // These agents have no TPM: the page says the device's level and why (docs/tpm.md).
    expect(await textOf(page, 'device-attestation')).toBe('仅软件（注册时未证明 TPM）');
    expect(await textOf(page, 'device-workstations')).toBe('L1-01L1-02');
    expect(await textOf(page, 'device-status')).toBe('在线');
    expect(await page.locator('[data-testid=inventory] tr').count()).toBeGreaterThan(3);
    await page.waitForSelector('[data-testid=connections] tbody tr');
    expect(await textOf(page, 'connections')).toContain('127.0.0.1');
    // The agent runs the shipped model: its latency (p50/p99) is charted per model and workstation.
    await waitFor(
      'latency chart',
      async () => (await page.locator('[data-testid=chart-latency] canvas').count()) > 0 || page.reload().then(() => false),
      30_000,
      3_000,
    );
    expect(await textOf(page, 'chart-latency')).toContain('surface-defect@L1-01 p99');
    await screenshot(page, 'device');
  });

  it('lists alerts with the flag reason, each linking to its device', async () => {
    await page.click('[data-testid=nav-alerts]');
    await page.waitForSelector('[data-testid=alerts-flagged]');
    expect(await textOf(page, 'alerts-flagged')).toContain('设备时钟比平台快 12 分钟');
    const href = await page.locator('[data-testid=alerts-flagged] a').first().getAttribute('href');
    expect(href).toBe(`#/devices/${agents[2]!.deviceId}`);
    await screenshot(page, 'alerts');
  });

  it('starts a certification run, shows its per-project table and downloads the CSV', async () => {
    await page.click('[data-testid=nav-certification]');
    // The default window is the projects' assessment window (both 2025-07-01 – 2026-06-30), not the year to date.
    await page.waitForSelector('[data-testid=cert-from]');
    expect([await page.inputValue('[data-testid=cert-from]'), await page.inputValue('[data-testid=cert-to]')]).toEqual(['2025-07-01', '2026-06-30']);
    await page.fill('[data-testid=cert-from]', '2025-07-01');
    await page.fill('[data-testid=cert-to]', '2025-07-31');
    await page.click('[data-testid=cert-start]');
    await page.waitForSelector('[data-testid=cert-projects] tbody tr');
    expect(await page.locator('[data-testid=cert-projects] tbody tr').count()).toBe(2);
    // Money from integer fen, zh-CN: "0.00 元" (a no-break space) (nothing was online in July 2025: no award).
    expect(await textOf(page, 'cert-totals')).toBe('合计：0 个节点，奖补 0.00\u00a0元');
    expect(await textOf(page, 'cert-by-level')).toBe('其中 0 个由 TPM 背书，0 个仅软件');
    // Per-enterprise subtotals, named as registered; the sample waits for the bureau's value; the
    // operator's figures for the window.
    expect(await page.locator('[data-testid=cert-enterprises] tbody tr').count()).toBe(2);
    expect(await textOf(page, 'cert-enterprises')).toContain(USCC[1]);
    expect(await textOf(page, 'cert-sample')).toContain('尚未抽取');
    expect(await textOf(page, 'cert-performance')).toContain('接入企业数');
    // Printed for filing: the report without the navigation and the controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=cert-csv]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=cert-projects]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await textOf(page, 'cert-projects')).toContain('400,000.00\u00a0元'); // eligible investment 40,000,000 fen
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=cert-csv]')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    // The bureau's spreadsheet: a UTF-8 byte-order mark, Chinese headers, CRLF lines.
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')[0]).toMatch(/^认证编号,认证期起,认证期止,项目编号,项目名称,企业编号,企业名称,统一社会信用代码,所在镇街,/);
    await screenshot(page, 'certification');
  });

  it('switches to English and keeps the choice after a reload', async () => {
    await page.click('[data-testid=nav-overview]');
    await waitForText(page, 'devices-online', (t) => t === '2');
    await page.click('[data-testid=lang]');
    await waitForText(page, 'nav-overview', (t) => t === 'Fleet overview');
    await waitForText(page, 'live', (t) => t === 'Live');
    await page.reload();
    await waitForText(page, 'nav-overview', (t) => t === 'Fleet overview');
    await waitForText(page, 'devices-online', (t) => t === '2');
    await page.waitForSelector('[data-testid=chart-24h] canvas');
    await screenshot(page, 'overview-en');
    await page.click('[data-testid=lang]');
    await waitForText(page, 'nav-overview', (t) => t === '全网概览');
    await context.close();
  });

  it('keeps an enterprise to its own devices, in the page and by URL', async () => {
    const { context: ctxB, page: pageB } = await newPage();
    await logIn(pageB, tp.baseUrl, tokens.enterpriseB);
    await waitForText(pageB, 'devices-online', (t) => t === '1');
    expect(await textOf(pageB, 'enterprises-connected')).toBe('1');
    // What the role may not use is not shown.
    expect(await pageB.locator('[data-testid=nav-certification]').count()).toBe(0);
    await pageB.click('[data-testid=nav-devices]');
    await waitForText(pageB, 'device-total', (t) => t.includes('1'));
    const listed = await pageB.locator('[data-testid=device-table] a[data-testid^=device-name-]').evaluateAll((as) => as.map((a) => a.getAttribute('title')));
    expect(listed).toEqual([agents[2]!.deviceId]);
    await screenshot(pageB, 'enterprise-devices');
    // Another enterprise's device by URL: not found on the page, 404 from the API.
    await pageB.goto(`${tp.baseUrl}/#/devices/${agents[0]!.deviceId}`);
    await pageB.waitForSelector('[data-testid=device-not-found]');
    expect(await pageB.locator('[data-testid=device-fingerprint]').count()).toBe(0);
    const status = await pageB.evaluate(
      async (id) => (await fetch(`/api/v1/devices/${id}`, { headers: { authorization: `Bearer ${sessionStorage.getItem('edgenet.token')}` } })).status,
      agents[0]!.deviceId,
    );
    expect(status).toBe(404);
    // The certification page by URL: not for this role, back to the overview.
    await pageB.goto(`${tp.baseUrl}/#/certification`);
    await pageB.waitForSelector('[data-testid=page-overview]');
    await ctxB.close();
  });

  it('lets the bureau read the fleet and the certification page', async () => {
    const { context: ctxC, page: pageC } = await newPage();
    await logIn(pageC, tp.baseUrl, tokens.bureau);
    await waitForText(pageC, 'who', (t) => t === '市科学技术局');
    await waitForText(pageC, 'devices-online', (t) => t === '2');
    expect(await pageC.locator('[data-testid=nav-certification]').count()).toBe(1);
    // The bureau reveals its value for the latest run: the page then shows the drawn sample (here no
    // project passed review: nothing was online in July 2025).
    const run = (await tp.api('GET', '/api/v1/certifications?limit=1')).body.items[0];
    const reveal = await tp.api('POST', `/api/v1/certifications/${run.id}/sample-value`, { value: 'ab'.repeat(32) }, tokens.bureau);
    expect(reveal.status, JSON.stringify(reveal.body)).toBe(201);
    await pageC.goto(`${tp.baseUrl}/#/certification/${run.id}`);
    await waitForText(pageC, 'cert-sample', (t) => t.includes('种子'));
    expect(await textOf(pageC, 'cert-sample')).toContain('本次认证无通过审核的项目');
    await ctxC.close();
  });
});
