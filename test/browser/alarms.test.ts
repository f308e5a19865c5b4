// Alarms and flags in real Chromium, signed in with a password (cookie session, CSRF header): an
// operator adds a notification channel, acknowledges an alarm with a comment and assigns it to
// themself, resolves a flag from the alerts page, and reads the delivery log. The platform's clock
// is injected: the test runs the evaluator at a time past the offline threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, screenshot, waitForText } from '../helpers/browser.js';
import { enrollTestDevice } from '../helpers/device.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { flagReason } from '../../platform/src/ingest/flag-reasons.js';

const PASSWORD = 'a long passphrase for duty';
let now = Date.now();
let tp: TestPlatform;
let browser: Browser;
let deviceId: string;
let accountId: string;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  // Sessions live on the same clock: idle for 2 h, so the jump past the alarm threshold keeps the person signed in.
  tp = await startTestPlatform({ EDGENET_SESSION_IDLE_MINUTES: '120' }, undefined, { clock: () => new Date(now) });
  const made = await tp.api('POST', '/api/v1/accounts', { username: 'duty.wang', role: 'operator', password: PASSWORD });
  expect(made.status).toBe(201);
  accountId = made.body.id;
  const factory = await seedEnterprise(tp, { workstations: ['W-1'] });
  deviceId = (await enrollTestDevice(tp, factory.token, { workstations: ['W-1'] })).deviceId;
  await tp.platform.context.flags.raise(deviceId, 'clock_skew', flagReason('clock_ahead', { minutes: 120 }), {});
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await tp?.close();
});

describe.skipIf(!HAS_CHROMIUM)('alarms and flags in Chromium', () => {
  it('acknowledges and assigns an alarm, resolves a flag, and shows the delivery log', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(`${tp.baseUrl}/`);
    await page.waitForSelector('[data-testid=username]');
    await page.fill('[data-testid=username]', 'duty.wang');
    await page.fill('[data-testid=password]', PASSWORD);
    await page.click('[data-testid=signin-submit]');
    await page.waitForSelector('[data-testid=page-overview]');

    // A channel added on the page: the operator's own e-mail (no SMTP server is set, so its
    // deliveries fail, and the log says why).
    await page.click('[data-testid=nav-notifications]');
    await page.waitForSelector('[data-testid=channels-empty]');
    await page.fill('[data-testid=channel-name]', '运营值班邮箱');
    await page.fill('[data-testid=channel-target]', 'duty@operator.test');
    await page.click('[data-testid=channel-add]');
    await page.waitForSelector('[data-testid=channels] tbody tr');
    const [channel] = (await tp.api('GET', '/api/v1/notification-channels')).body.items;
    expect(channel).toMatchObject({ kind: 'email', target: 'duty@operator.test', enterpriseId: null, language: 'zh-CN', createdBy: accountId });

    now = Date.now() + 31 * 60_000; // never heard from for longer than 30 min
    expect((await tp.platform.context.alarms.evaluate()).raised).toBe(2); // offline and flagged
    const [alarm] = (await tp.api('GET', `/api/v1/alarms?kind=device_offline&deviceId=${deviceId}`)).body.items;

    await page.click('[data-testid=nav-alarms]');
    await page.waitForSelector(`[data-testid=alarm-${alarm.id}]`);
    expect(await page.locator('[data-testid=alarms] tbody tr[data-state]').count()).toBe(2);
    await waitForText(page, `state-${alarm.id}`, (t) => t === '未确认');
    await page.fill(`[data-testid=ack-comment-${alarm.id}]`, '厂区停电，已联系电工');
    await page.click(`[data-testid=ack-${alarm.id}]`);
    await waitForText(page, `state-${alarm.id}`, (t) => t === '已确认');
    await page.selectOption(`[data-testid=assignee-${alarm.id}]`, accountId);
    await page.click(`[data-testid=assign-${alarm.id}]`);
    await waitForText(page, `assignee-name-${alarm.id}`, (t) => t === 'duty.wang');
    const shown = (await tp.api('GET', `/api/v1/alarms/${alarm.id}`)).body;
    expect(shown).toMatchObject({ state: 'acknowledged', assigneeId: accountId });
    expect(shown.history.map((e: any) => [e.action, e.actorName, e.comment])).toEqual([
      ['raised', 'evaluator', null],
      ['acknowledged', 'duty.wang', '厂区停电，已联系电工'],
      ['assigned', 'duty.wang', null],
    ]);
    await page.click(`[data-testid=open-${alarm.id}]`);
    await waitForText(page, `history-${alarm.id}`, (t) => t.includes('厂区停电，已联系电工'));
    await screenshot(page, 'alarms');

    // The flag, resolved from the alerts page with a reason.
    const [flag] = (await tp.api('GET', `/api/v1/flags?open=true&deviceId=${deviceId}`)).body.items;
    await page.click('[data-testid=nav-alerts]');
    await page.waitForSelector(`[data-testid=resolve-${flag.id}]`);
    await page.fill(`[data-testid=resolution-${flag.id}]`, '现场核实：设备时钟已校准');
    await page.click(`[data-testid=resolve-${flag.id}]`);
    await page.waitForSelector('[data-testid=flag-resolved]');
    expect(await page.locator(`[data-testid=resolve-${flag.id}]`).count()).toBe(0);
    const [resolved] = (await tp.api('GET', `/api/v1/flags?open=false&deviceId=${deviceId}`)).body.items;
    // A browser session has no token: who resolved it is the signed-in person, by id and by name.
    expect(resolved).toMatchObject({ id: flag.id, resolution: '现场核实：设备时钟已校准', resolvedBy: accountId, resolvedByName: 'duty.wang' });
    await page.goto(`${tp.baseUrl}/#/devices/${deviceId}`);
    await waitForText(page, `resolution-of-${flag.id}`, (t) => t.startsWith('duty.wang 处理：'));

    // The delivery log: both alarms were tried on the channel, and the error is shown.
    await page.click('[data-testid=nav-notifications]');
    await page.waitForSelector('[data-testid=deliveries] tbody tr');
    expect(await page.locator('[data-testid=deliveries] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-testid=deliveries]').textContent()).toContain('EDGENET_SMTP_URL is not set');
    await screenshot(page, 'notifications');
    await context.close();
  });
});
