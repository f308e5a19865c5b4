// Server texts in the user's language, in real Chromium: a flag's reason, a connection's cause,
// the inventory's field names and the errors the platform answers are sent as codes and params and
// worded by the page, in Chinese on the Chinese page and in English after the switch, with none of
// the server's English left on the Chinese page.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, signIn, waitForText } from '../helpers/browser.js';
import { enrollTestDevice, type TestDevice } from '../helpers/device.js';
import { USCC, seedEnterprise, type Seeded } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const PASSWORD = 'a long passphrase for words';
let tp: TestPlatform;
let browser: Browser;
let factory: Seeded;
let vm: TestDevice;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  tp = await startTestPlatform();
  expect((await tp.api('POST', '/api/v1/accounts', { username: 'ops.wu', role: 'operator', password: PASSWORD })).status).toBe(201);
  factory = await seedEnterprise(tp, { workstations: ['W-1'] });
  await seedEnterprise(tp, { uscc: USCC[1], town: '长安' });
  // A box whose agent says it runs under KVM: ingest flags it at its hello, as in the field.
  vm = await enrollTestDevice(tp, factory.token, { workstations: ['W-1'], inventory: { systemModel: 'Standard PC', virtual: true, virtualHost: 'KVM' } });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await tp?.close();
});

async function chinesePage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await signIn(page, tp.baseUrl, 'ops.wu', PASSWORD);
  return page;
}

describe.skipIf(!HAS_CHROMIUM)('server texts in Chromium', () => {
  it("word a device's flag, connection causes and inventory in Chinese, then in English", async () => {
    const client = await vm.connect();
    await vm.hello(client);
    await waitFor('flagged', async () => (await tp.api('GET', `/api/v1/flags?deviceId=${vm.deviceId}`)).body.items.length === 1);
    await client.endAsync(true);
    await waitFor('offline', async () =>
      (await tp.api('GET', `/api/v1/devices/${vm.deviceId}/connections`)).body.items.some((c: { event: string }) => c.event === 'offline'),
    );

    const page = await chinesePage();
    await page.goto(`${tp.baseUrl}/#/devices/${vm.deviceId}`);
    expect(await waitForText(page, 'device-flags', (t) => t.includes('KVM'))).toContain('代理程序报告运行在虚拟机中（KVM）');
    const connections = await waitForText(page, 'connections', (t) => t.includes('连接断开'));
    expect(connections).toContain('收到心跳');
    expect(connections).not.toMatch(/heartbeat|connection closed/);
    const inventory = await waitForText(page, 'inventory', (t) => t.includes('整机型号'));
    expect(inventory).toContain('虚拟化平台');
    expect(inventory).not.toMatch(/systemModel|virtualHost/);

    // The flags' CSV carries the reason in the page's language too.
    await page.goto(`${tp.baseUrl}/#/alerts`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=flags-csv]')]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toBe('\uFEFF设备,标记,原因,标记时间,处理时间,处理人,处理结论');
    expect(csv.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${vm.deviceId},虚拟机,代理程序报告运行在虚拟机中（KVM）,`))]);

    await page.goto(`${tp.baseUrl}/#/devices/${vm.deviceId}`);
    await page.click('[data-testid=lang]');
    expect(await waitForText(page, 'device-flags', (t) => t.includes('KVM'))).toContain('The agent reports a virtual machine (KVM)');
    expect(await waitForText(page, 'connections', (t) => t.includes('connection closed'))).toContain('heartbeat received');
    expect(await waitForText(page, 'inventory', (t) => t.includes('System model'))).toContain('Hypervisor');
    await page.context().close();
  });

  it('words refusals by their code: a schema check, a missing record, a bad check character, a taken code', async () => {
    const page = await chinesePage();
    await page.goto(`${tp.baseUrl}/#/devices/${vm.deviceId}`);
    await page.waitForSelector('[data-testid=device-move]');
    await page.fill('[data-testid=lifecycle-reason]', 'moved to the new line');
    await page.fill('[data-testid=lifecycle-target]', 'not-an-id');
    await page.click('[data-testid=device-move]');
    expect(await waitForText(page, 'lifecycle-error', (t) => t.length > 0)).toBe('字段 body/projectId 格式不正确（应为 uuid）');
    await page.fill('[data-testid=lifecycle-target]', '00000000-0000-4000-8000-000000000000');
    await page.click('[data-testid=device-move]');
    expect(await waitForText(page, 'lifecycle-error', (t) => !t.includes('uuid'))).toBe('项目不存在，或不在您可查看的范围内');

    await page.goto(`${tp.baseUrl}/#/enterprises/${factory.enterpriseId}`);
    await page.waitForSelector('[data-testid=edit-enterprise-uscc]');
    await page.fill('[data-testid=edit-enterprise-uscc]', `${USCC[0].slice(0, 17)}4`);
    await page.click('[data-testid=save-enterprise]');
    expect(await waitForText(page, 'enterprise-notice-error', (t) => t.length > 0)).toBe('统一社会信用代码（body/uscc）校验码为 "4"，应为 "3"');
    await page.fill('[data-testid=edit-enterprise-uscc]', USCC[1]);
    await page.click('[data-testid=save-enterprise]');
    expect(await waitForText(page, 'enterprise-notice-error', (t) => t.includes(USCC[1]))).toBe(`统一社会信用代码为 ${USCC[1]} 的企业已存在`);

    await page.click('[data-testid=lang]');
    await page.waitForSelector('[data-testid=edit-enterprise-uscc]');
    await page.fill('[data-testid=edit-enterprise-uscc]', USCC[1]);
    await page.click('[data-testid=save-enterprise]');
    expect(await waitForText(page, 'enterprise-notice-error', (t) => t.length > 0)).toBe(
      `An enterprise with the unified social credit code ${USCC[1]} already exists`,
    );
    await page.context().close();
  });
});
