// Sending a command from the device page in real Chromium to a real `edge-agent` process: an
// enterprise person signs in with a password, opens their device, asks it to serve other workstations
// and sees the command go from sent to done with the device's own answer, and the device's
// workstations change to the mapping it signed. A code the enterprise never registered is refused on
// the page with the platform's message; the heartbeat interval (the operator's) is not offered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FleetAgent } from '../helpers/agent-process.js';
import { HAS_CHROMIUM, launchChromium, screenshot, signIn, textOf, waitForText } from '../helpers/browser.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const PASSWORD = 'a long passphrase for wang';
let tp: TestPlatform;
let browser: Browser;
let agent: FleetAgent;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  tp = await startTestPlatform({ EDGENET_PRESENCE_SWEEP_MS: '100' });
  const seeded = await seedEnterprise(tp, { workstations: ['L1-01', 'L3-01', 'L3-02'] });
  const made = await tp.api('POST', '/api/v1/accounts', {
    username: 'wang.factory',
    role: 'enterprise',
    enterpriseId: seeded.enterpriseId,
    password: PASSWORD,
  });
  expect(made.status).toBe(201);
  agent = await FleetAgent.enroll({
    name: 'browser-cmd1',
    platformUrl: tp.baseUrl,
    token: seeded.token,
    workstations: ['L1-01'],
    heartbeatIntervalMs: 1_000,
    env: { EDGE_AGENT_RECONNECT_BASE_MS: '200', EDGE_AGENT_RECONNECT_CAP_MS: '1000' },
  });
  agent.start();
  await waitFor('the agent online', async () => (await tp.api('GET', `/api/v1/devices/${agent.deviceId}`)).body.online, 30_000);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  agent?.destroy();
  await browser?.close();
  await tp?.close();
});

describe.skipIf(!HAS_CHROMIUM)('commands from the device page, in Chromium', () => {
  it('signs in with a password, sends set_workstations to a real agent and sees it done', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, tp.baseUrl, 'wang.factory', PASSWORD);

    await page.goto(`${tp.baseUrl}/#/devices/${agent.deviceId}`);
    await page.waitForSelector('[data-testid=command-form]');
    expect(await textOf(page, 'commands')).toContain('还没有收到过指令');
    const offered = await page.$$eval('[data-testid=command-kind] option', (os) => os.map((o) => o.getAttribute('value')));
    expect(offered).toEqual(['ping', 'request_hello', 'set_workstations']);

    // Only the fields the chosen kind needs are shown.
    expect(await page.isVisible('[data-testid=command-workstations]')).toBe(false);
    await page.selectOption('[data-testid=command-kind]', 'set_workstations');
    expect(await page.isVisible('[data-testid=command-workstations]')).toBe(true);
    expect(await page.isVisible('[data-testid=command-interval]')).toBe(false);
    // Refused at once, with the code named: nothing is sent.
    await page.fill('[data-testid=command-workstations]', 'L3-01, NOPE-9');
    await page.click('[data-testid=command-send]');
    await waitForText(page, 'command-error', (t) => t.includes('NOPE-9'));

    await page.fill('[data-testid=command-workstations]', 'L3-01, L3-02');
    await page.click('[data-testid=command-send]');
    await waitForText(page, 'command-sent', (t) => t.includes('变更服务工位'));
    const [sent] = (await tp.api('GET', `/api/v1/devices/${agent.deviceId}/commands`)).body.items;
    expect(sent).toMatchObject({ kind: 'set_workstations', params: { workstations: ['L3-01', 'L3-02'] }, requestedBy: 'wang.factory' });
    const row = `[data-testid=command-${sent.id}]`;
    await page.waitForSelector(`${row}[data-state=done]`, { timeout: 30_000 });
    expect(await page.textContent(`${row} [data-testid=command-state]`)).toBe('已完成');
    expect(await page.textContent(`${row} [data-testid=command-result]`)).toContain('serving 2 workstations');
    // The device's signed mapping is what the platform now shows it serving.
    const detail = (await tp.api('GET', `/api/v1/devices/${agent.deviceId}`)).body;
    expect(detail.workstations).toEqual(['L3-01', 'L3-02']);
    await page.reload();
    await waitForText(page, 'device-workstations', (t) => t.includes('L3-01') && t.includes('L3-02') && !t.includes('L1-01'));
    await screenshot(page, 'device-commands');
    await context.close();
  });
});
