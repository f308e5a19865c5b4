// Signing in as a person in real Chromium: a wrong password first (the message is shown and stays),
// then the right one; the admin page lists accounts and tokens, makes an account, and revokes a
// token, after which the next request with that token is refused (401); signing out ends the
// session on the platform, not only in the page; a person changes their password and turns on the
// second factor, after which sign-in asks for its code. The platform speaks plain HTTP on 127.0.0.1, so
// this also shows the Secure cookie works there (docs/accounts.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, screenshot, textOf, waitForText } from '../helpers/browser.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { base32Decode, totp } from '../../platform/src/auth/totp.js';

const PASSWORD = 'a long passphrase for li';
const NEW_PASSWORD = 'another long passphrase';
let tp: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  tp = await startTestPlatform();
  const made = await tp.api('POST', '/api/v1/accounts', { username: 'li.admin', role: 'operator', admin: true, password: PASSWORD });
  expect(made.status).toBe(201);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await tp?.close();
});

describe.skipIf(!HAS_CHROMIUM)('people signing in, in Chromium', () => {
  it('shows a wrong password, signs in, revokes a token from the admin page and signs out', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(`${tp.baseUrl}/`);
    await page.waitForSelector('[data-testid=username]');

    await page.fill('[data-testid=username]', 'li.admin');
    await page.fill('[data-testid=password]', 'not the password');
    await page.click('[data-testid=signin-submit]');
    await waitForText(page, 'signin-error', (t) => t === '用户名或密码错误');
    // The message stays: nothing re-rendered the page over it.
    await page.waitForTimeout(500);
    expect(await textOf(page, 'signin-error')).toBe('用户名或密码错误');
    expect(await page.inputValue('[data-testid=username]')).toBe('li.admin');

    await page.fill('[data-testid=password]', PASSWORD);
    await page.click('[data-testid=signin-submit]');
    await page.waitForSelector('[data-testid=page-overview]');
    expect(await textOf(page, 'who')).toContain('li.admin');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'edgenet_session', httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    // The cookie is invisible to the page's scripts.
    expect(await page.evaluate('document.cookie')).toBe('');

    // A token for a script, made in the form: its secret is shown once and works at once.
    await page.click('[data-testid=nav-admin]');
    await page.fill('[data-testid=new-token-name]', 'nightly export');
    await page.selectOption('[data-testid=new-token-role]', 'bureau');
    await page.fill('[data-testid=new-token-days]', '30');
    await page.click('[data-testid=create-token]');
    const secret = await waitForText(page, 'new-token-secret', (t) => t.length > 20);
    const listedTokens = (await tp.api('GET', '/api/v1/api-tokens')).body.items as { id: string; name: string; role: string; expiresAt: string }[];
    const made = listedTokens.find((x) => x.name === 'nightly export')!;
    expect(made.role).toBe('bureau');
    expect(Date.parse(made.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(Date.parse(made.expiresAt) - Date.now()).toBeLessThan(31 * 86_400_000);
    expect((await tp.api('GET', '/api/v1/devices', undefined, secret)).status).toBe(200);
    await page.waitForSelector(`[data-testid=revoke-${made.id}]`);
    expect(await page.locator('[data-testid=account-table] tbody tr').count()).toBeGreaterThanOrEqual(2); // admin and li.admin
    await page.click(`[data-testid=revoke-${made.id}]`);
    await page.waitForSelector(`[data-testid=revoked-${made.id}]`);
    const refused = await tp.api('GET', '/api/v1/devices', undefined, secret);
    expect(refused).toMatchObject({ status: 401, body: { code: 'EDGENET_ERR_UNAUTHENTICATED' } });

    // An account made on the page gets a generated password, shown once, that signs in.
    await page.fill('[data-testid=new-username]', 'zhao.bureau');
    await page.selectOption('[data-testid=new-role]', 'bureau');
    await page.click('[data-testid=create-account]');
    const shown = await waitForText(page, 'new-password', (t) => t.includes('zhao.bureau'));
    const generated = /: ([A-Za-z0-9_-]{22})$/.exec(shown)?.[1];
    expect(generated, shown).toBeDefined();
    const zhao = await fetch(`${tp.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zhao.bureau', password: generated }),
    });
    expect(zhao.status).toBe(200);
    await screenshot(page, 'admin');

    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=signin-form]');
    const after = await fetch(`${tp.baseUrl}/api/v1/session`, { headers: { cookie: `${cookie!.name}=${cookie!.value}` } });
    expect(after.status).toBe(401);
    await context.close();
  }, 120_000);

  it('lets a person change their password and turn on the second factor, then asks for its code', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    const signInWith = async (password: string, code?: string) => {
      await page.fill('[data-testid=username]', 'li.admin');
      await page.fill('[data-testid=password]', password);
      await page.fill('[data-testid=totp-code]', code ?? '');
      await page.click('[data-testid=signin-submit]');
    };
    await page.goto(`${tp.baseUrl}/`);
    await page.waitForSelector('[data-testid=username]');
    await signInWith(PASSWORD);
    await page.waitForSelector('[data-testid=page-overview]');
    await page.click('[data-testid=my-account]');
    await page.waitForSelector('[data-testid=page-account]');
    await page.fill('[data-testid=current-password]', PASSWORD);
    await page.fill('[data-testid=new-password-input]', NEW_PASSWORD);
    await page.click('[data-testid=change-password]');
    await waitForText(page, 'account-message', (t) => t.includes('密码已修改'));

    await page.click('[data-testid=totp-start]');
    const secret = await waitForText(page, 'totp-secret', (t) => /^[A-Z2-7]{32}$/.test(t));
    const key = base32Decode(secret)!;
    await page.fill('[data-testid=totp-confirm-code]', totp(key, Date.now()));
    await page.click('[data-testid=totp-confirm]');
    await waitForText(page, 'account-message', (t) => t.includes('两步验证已开启'));

    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=signin-form]');
    await signInWith(NEW_PASSWORD);
    await waitForText(page, 'signin-error', (t) => t === '请输入身份验证器上的 6 位动态验证码');
    // The next step's code (the confirming one is used; one step of drift is accepted).
    await signInWith(NEW_PASSWORD, totp(key, Date.now() + 30_000));
    await page.waitForSelector('[data-testid=page-overview]');
    await context.close();
  }, 120_000);
});
