// Editing and approving award figures in real Chromium, signed in with passwords (docs/records.md):
// an enterprise's staff change a project's investment figures on the project page, which then
// shows them as declared beside the approved ones still counted, with the change in its history;
// the operator approves them from the same page, and archives a workstation from the enterprise
// page. Every write goes with the session cookie and its CSRF token, as a person's would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, screenshot, textOf, waitForText } from '../helpers/browser.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { USCC } from '../helpers/fixtures.js';

const PASSWORD = 'a long passphrase for records';
let tp: TestPlatform;
let browser: Browser;
let enterpriseId: string;
let projectId: string;
const workstation: Record<string, string> = {};

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  tp = await startTestPlatform();
  enterpriseId = (await tp.api('POST', '/api/v1/enterprises', { name: '东莞七号智造', uscc: USCC[0], town: '松山湖' })).body.id;
  for (const code of ['W01', 'W02']) workstation[code] = (await tp.api('POST', '/api/v1/workstations', { enterpriseId, code })).body.id;
  // Entered by the operator, so approved at creation: 500,000 yuan, 400,000 eligible.
  const project = await tp.api('POST', '/api/v1/projects', {
    enterpriseId,
    name: '视觉质检',
    totalInvestmentFen: 50_000_000,
    eligibleInvestmentFen: 40_000_000,
    windowStart: '2025-07-01',
    windowEnd: '2026-06-30',
  });
  expect(project.body.pendingApproval).toBe(false);
  projectId = project.body.id;
  for (const [username, role] of [
    ['zhang.ent', 'enterprise'],
    ['wang.ops', 'operator'],
  ] as const) {
    const made = await tp.api('POST', '/api/v1/accounts', { username, role, password: PASSWORD, ...(role === 'enterprise' ? { enterpriseId } : {}) });
    expect(made.status).toBe(201);
  }
  browser = await launchChromium();
}, 120_000);

afterAll(() => Promise.all([browser?.close(), tp?.close()]));

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${tp.baseUrl}/`);
  await page.waitForSelector('[data-testid=username]');
  await page.fill('[data-testid=username]', username);
  await page.fill('[data-testid=password]', PASSWORD);
  await page.click('[data-testid=signin-submit]');
  await page.waitForSelector('[data-testid=page-overview]');
  return page;
}
const cell = async (page: Page, key: string, column: 'declared' | 'approved') =>
  (await page.locator(`[data-testid=figure-${key}] [data-testid=${column}]`).textContent()) ?? '';

describe.skipIf(!HAS_CHROMIUM)('records in Chromium', () => {
  it('the enterprise edits the figures, the operator approves them and archives a workstation', async () => {
    const ent = await signIn('zhang.ent');
    await ent.goto(`${tp.baseUrl}/#/projects/${projectId}`);
    await waitForText(ent, 'approval-status', (t) => t.includes('批准'));
    // No approve action for the enterprise that declares.
    expect(await ent.locator('[data-testid=approve-project]').count()).toBe(0);
    await ent.fill('[data-testid=edit-total]', '600000');
    await ent.fill('[data-testid=edit-eligible]', '450000.50');
    await ent.click('[data-testid=save-project]');
    await waitForText(ent, 'approval-status', (t) => t.includes('待批准'));
    expect(await cell(ent, 'totalInvestmentFen', 'declared')).toBe('600,000.00\u00a0元');
    expect(await cell(ent, 'totalInvestmentFen', 'approved')).toBe('500,000.00\u00a0元');
    expect(await cell(ent, 'eligibleInvestmentFen', 'declared')).toBe('450,000.50\u00a0元');
    const history = await ent.locator('[data-testid=history-table]').textContent();
    expect(history).toContain('500,000.00\u00a0元 → 600,000.00\u00a0元');
    expect(history).toContain('zhang.ent');
    const declared = (await tp.api('GET', `/api/v1/projects/${projectId}`)).body;
    expect(declared).toMatchObject({ totalInvestmentFen: 60_000_000, eligibleInvestmentFen: 45_000_050, pendingApproval: true });
    expect(declared.approval).toMatchObject({ totalInvestmentFen: 50_000_000 });
    await screenshot(ent, 'project-declared');

    const ops = await signIn('wang.ops');
    await ops.goto(`${tp.baseUrl}/#/projects/${projectId}`);
    await ops.waitForSelector('[data-testid=approve-project]');
    await ops.click('[data-testid=approve-project]');
    await waitForText(ops, 'approval-status', (t) => t.includes('wang.ops'));
    expect(await cell(ops, 'totalInvestmentFen', 'approved')).toBe('600,000.00\u00a0元');
    expect(await cell(ops, 'eligibleInvestmentFen', 'approved')).toBe('450,000.50\u00a0元');
    expect(await ops.locator('[data-testid=approve-project]').count()).toBe(0);
    const approved = (await tp.api('GET', `/api/v1/projects/${projectId}`)).body;
    expect(approved).toMatchObject({
      pendingApproval: false,
      approval: { approvedByName: 'wang.ops', approvedRole: 'operator', totalInvestmentFen: 60_000_000 },
    });

    await ops.goto(`${tp.baseUrl}/#/enterprises/${enterpriseId}`);
    await ops.waitForSelector('[data-testid=ws-archive-W02]');
    await ops.click('[data-testid=ws-archive-W02]');
    await ops.click('[data-testid=ws-archive-W02-confirm]');
    await ops.waitForSelector('[data-testid=ws-W02] [data-testid=ws-state]:has-text("归档")');
    expect(await ops.locator('[data-testid=ws-W01] [data-testid=ws-state]').textContent()).toBe('在用');
    expect(await ops.locator('[data-testid=ws-archive-W02]').count()).toBe(0);
    const listed = (await tp.api('GET', `/api/v1/workstations?enterpriseId=${enterpriseId}`)).body.items;
    expect(listed.find((w: { code: string }) => w.code === 'W02').archivedAt).not.toBeNull();
    expect(listed.find((w: { code: string }) => w.code === 'W01').archivedAt).toBeNull();
    await screenshot(ops, 'enterprise-workstations');

    // An enterprise with no project yet says what to do next instead of an empty table.
    const bare = (await tp.api('POST', '/api/v1/enterprises', { name: '东莞八号精密', uscc: USCC[1], town: '长安' })).body.id;
    await ops.goto(`${tp.baseUrl}/#/enterprises/${bare}`);
    await waitForText(ops, 'no-projects', (t) => t.startsWith('尚无项目'));

    // A run counts the approved figures and names the approver; an enterprise's new project, not
    // approved yet, is listed as not certified, with its reason.
    const entToken = (await tp.api('POST', '/api/v1/api-tokens', { name: 'erp', role: 'enterprise', enterpriseId })).body.token;
    const pending = await tp.api(
      'POST',
      '/api/v1/projects',
      { enterpriseId, name: '二期扩线', totalInvestmentFen: 30_000_000, eligibleInvestmentFen: 20_000_000, windowStart: '2025-07-01', windowEnd: '2026-06-30' },
      entToken,
    );
    expect(pending.body.pendingApproval).toBe(true);
    const run = await tp.api('POST', '/api/v1/certifications', { windowStart: '2025-07-01', windowEnd: '2025-07-10' });
    expect(run.status).toBe(201);
    await ops.goto(`${tp.baseUrl}/#/certification/${run.body.id}`);
    await ops.waitForSelector('[data-testid=cert-projects] tbody tr');
    expect(await ops.locator('[data-testid=cert-projects] tbody tr').count()).toBe(1);
    expect(await ops.locator('[data-testid=cert-projects] tbody tr').textContent()).toContain('wang.ops');
    expect(await textOf(ops, 'cert-not-certifiable')).toContain('二期扩线: 申报数据尚未经运营单位或科技局批准');

    // The audit log names the two people for what they did in the browser.
    const audit = (await tp.api('GET', '/api/v1/audit?limit=20')).body.items;
    expect(audit.find((e: any) => e.method === 'PATCH' && e.route === '/api/v1/projects/:id')).toMatchObject({ actorKind: 'account', actorName: 'zhang.ent' });
    expect(audit.find((e: any) => e.route === '/api/v1/workstations/:id/archive')).toMatchObject({ actorKind: 'account', actorName: 'wang.ops' });
    expect(await textOf(ops, 'who')).toContain('wang.ops');
  }, 120_000);
});
