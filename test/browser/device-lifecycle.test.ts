// An operator's day in real Chromium: signs in with a password, disables a device that a real
// mqtt.js client keeps connected (reconnecting by itself), sees the session cut in the page's
// connection history and every reconnect refused with CONNACK 5, re-enables it and sees the client
// back; then revokes an enrollment token on its page, after which the next enrollment with it is
// refused.
import mqtt from 'mqtt';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, screenshot, signIn, textOf, waitForText } from '../helpers/browser.js';
import { enrollTestDevice, type TestDevice } from '../helpers/device.js';
import { seedEnterprise, type Seeded } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const PASSWORD = 'a long passphrase for wang';
let tp: TestPlatform;
let browser: Browser;
let seeded: Seeded;
let device: TestDevice;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  tp = await startTestPlatform();
  seeded = await seedEnterprise(tp, { workstations: ['L1-01'] });
  device = await enrollTestDevice(tp, seeded.token, { workstations: ['L1-01'] });
  const made = await tp.api('POST', '/api/v1/accounts', { username: 'wang.ops', role: 'operator', password: PASSWORD });
  expect(made.status).toBe(201);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await tp?.close();
});

/** A device that keeps itself connected, as the agent does: it reconnects every 200 ms after a loss or a refusal. */
function keptConnected(d: TestDevice) {
  const seen = { connects: 0, closes: 0, refusals: [] as number[] };
  const client = mqtt.connect(tp.mqttUrl, {
    clientId: d.deviceId,
    username: d.deviceId,
    password: d.password,
    protocolVersion: 4,
    reconnectPeriod: 200,
    reconnectOnConnackError: true,
  });
  client.on('connect', () => (seen.connects += 1));
  // Heartbeats every 0.5 s while connected (the hello says every 1 s), so presence keeps it online.
  let seq = 0;
  const beat = setInterval(() => {
    if (client.connected) void d.heartbeat(client, ++seq).catch(() => undefined);
  }, 500);
  client.on('end', () => clearInterval(beat));
  client.on('close', () => (seen.closes += 1));
  client.on('error', (err) => {
    const code = (err as Error & { code?: number }).code;
    if (typeof code === 'number') seen.refusals.push(code);
  });
  return { client, seen };
}

describe.skipIf(!HAS_CHROMIUM)('device lifecycle and enrollment tokens, in Chromium', () => {
  it('disables a connected device (session cut, reconnect refused), re-enables it, and revokes a token', async () => {
    const { client, seen } = keptConnected(device);
    try {
      await waitFor('the device connected', () => seen.connects === 1);
      await device.hello(client);
      await waitFor('online', async () => (await tp.api('GET', `/api/v1/devices/${device.deviceId}`)).body.online);
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error('page error:', err.message));
      await signIn(page, tp.baseUrl, 'wang.ops', PASSWORD);

      await page.goto(`${tp.baseUrl}/#/devices/${device.deviceId}`);
      await waitForText(page, 'device-lifecycle-status', (t) => t === '启用');
      // No reason, no action: the page asks for one and nothing is sent.
      await page.click('[data-testid=device-disable]');
      await waitForText(page, 'lifecycle-notice', (t) => t.includes('原因'));
      expect(seen.closes).toBe(0);

      await page.fill('[data-testid=lifecycle-reason]', '疑似克隆硬盘');
      await page.click('[data-testid=device-disable]');
      await waitForText(page, 'device-lifecycle-status', (t) => t === '已停用');
      // The live session was cut, and the client's own reconnects are refused: not authorised.
      await waitFor('the session cut and a reconnect refused', () => seen.closes >= 1 && seen.refusals.includes(5));
      expect(seen.connects).toBe(1);
      expect(seen.refusals.every((c) => c === 5)).toBe(true);
      await waitForText(page, 'status-events', (t) => t.includes('疑似克隆硬盘') && t.includes('wang.ops'));
      await page.goto(`${tp.baseUrl}/#/devices/${device.deviceId}?again`);
      await waitForText(page, 'connections', (t) => t.includes('设备被停用')); // the cause, in the page's language
      await screenshot(page, 'device-disabled');

      await page.fill('[data-testid=lifecycle-reason]', '已更换硬盘并复核');
      await page.click('[data-testid=device-enable]');
      await waitForText(page, 'device-lifecycle-status', (t) => t === '启用');
      await waitFor('the client back', () => seen.connects === 2);

      // Enrollment tokens: the seeded one is listed with its issuer and uses; revoked on the page.
      await page.click('[data-testid=nav-enrollment-tokens]');
      const listed = (await tp.api('GET', `/api/v1/enrollment-tokens?projectId=${seeded.projectId}`)).body.items[0];
      await page.waitForSelector(`[data-testid=token-revoke-${listed.id}]`);
      await page.click(`[data-testid=token-uses-${listed.id}]`);
      await waitForText(page, 'token-uses', (t) => t.includes(device.deviceId));
      await page.click(`[data-testid=token-revoke-${listed.id}]`);
      await waitForText(page, `token-state-${listed.id}`, (t) => t.startsWith('已吊销'));
      expect(await textOf(page, `token-state-${listed.id}`)).toContain('wang.ops');
      await screenshot(page, 'enrollment-tokens');
      await expect(enrollTestDevice(tp, seeded.token)).rejects.toThrow(/revoked at/);
      await context.close();
    } finally {
      await client.endAsync(true);
    }
  });
});
