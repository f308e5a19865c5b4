// Real Chromium for the dashboard tests: Debian's `chromium` package driven by
// playwright-core (no browser download). Tests skip, saying why, only when the binary is missing.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.EDGENET_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

/** Screenshots are test artefacts (gitignored), one folder for the run. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium's own update and sync connections are refused
    // on build machines without internet, and it stalls.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The text of the element with this data-testid, '' when absent. */
export async function textOf(page: Page, testid: string): Promise<string> {
  return page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '', testid);
}

/** Waits until the element's text satisfies the check (or fails after timeoutMs, naming the last text). */
export async function waitForText(page: Page, testid: string, check: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = await textOf(page, testid);
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for [data-testid=${testid}]; last text ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signs in as a person with a password (docs/accounts.md) and waits for the overview. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('[data-testid=username]');
  await page.fill('[data-testid=username]', username);
  await page.fill('[data-testid=password]', password);
  await page.click('[data-testid=signin-submit]');
  await page.waitForSelector('[data-testid=page-overview]');
}

export async function logIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('[data-testid=token]');
  await page.fill('[data-testid=token]', token);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=page-overview]');
}
