// People and sign-in, against a real platform on a real database, with the clock injected:
// password rules and hashing, the lockout counted per account, sessions (cookie attributes, CSRF,
// idle and absolute expiry, sign-out, sign-out everywhere, secrets stored hashed), bearer tokens
// (expiry, the maximum lifetime, last use written at most once a minute, listing and revoking),
// an admin's password reset, and the audit log naming people.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutMs } from '../src/auth/lockout.js';
import { hashPassword, verifyPassword } from '../src/auth/password-hash.js';
import { passwordProblems, passwordProblemTexts } from '../src/auth/password-rules.js';
import { base32Decode, totp } from '../src/auth/totp.js';
import { apiTokens, sessions } from '../src/db/schema/index.js';
import { eq } from 'drizzle-orm';
import { OPERATOR_TOKEN, startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';

const MINUTE = 60_000;
let now = Date.parse('2026-03-02T01:00:00Z');
let tp: TestPlatform;
let enterpriseId: string;

beforeAll(async () => {
  tp = await startTestPlatform({}, undefined, { clock: () => new Date(now) });
  enterpriseId = (await seedEnterprise(tp, { workstations: ['W-1'] })).enterpriseId;
});
afterAll(() => tp?.close());

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}
async function http(method: string, path: string, opts: { body?: unknown; cookie?: string; csrf?: string; token?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${tp.baseUrl}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function newAccount(username: string, role = 'operator', extra: Record<string, unknown> = {}): Promise<{ id: string; password: string }> {
  const res = await tp.api('POST', '/api/v1/accounts', { username, role, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, password: res.body.password };
}

async function signIn(username: string, password: string): Promise<{ res: Answer; cookie: string; csrf: string }> {
  const res = await http('POST', '/api/v1/session', { body: { username, password } });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, cookie: setCookie.split(';')[0]!, csrf: res.body?.csrfToken };
}

describe('passwords', () => {
  it('refuses short ones, the username, common ones and near-constant ones', () => {
    expect(passwordProblems('wang.li', 'short1')).toContain('password_too_short');
    expect(passwordProblems('wang.li', 'xx-WANG.LI-2026')).toContain('password_has_username');
    expect(passwordProblems('wang.li', 'Password1234')).toContain('password_common');
    expect(passwordProblems('wang.li', 'woaini1314')).toContain('password_common');
    expect(passwordProblems('wang.li', 'aaaaaaaaaaaaaaab')).toContain('password_few_characters');
    expect(passwordProblems('wang.li', 'x'.repeat(257))).toContain('password_too_long');
    expect(passwordProblems('wang.li', 'correct horse battery')).toEqual([]);
    expect(passwordProblemTexts(['password_too_short', 'password_common'])).toEqual(['must be at least 12 characters', 'is a commonly used password']);
  });

  it('hashes with scrypt, the parameters stored with the hash, and verifies in constant time', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword('correct horse battery')).not.toBe(hash); // a salt per hash
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterz', hash)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$40$8$1$AAAA$AAAA')).toBe(false); // a hash asking 2^40 is refused, not run
  });

  it('locks after five failures, doubling from a minute up to an hour', () => {
    expect([1, 4, 5, 6, 7, 10, 11, 50].map(lockoutMs)).toEqual([0, 0, MINUTE, 2 * MINUTE, 4 * MINUTE, 32 * MINUTE, 60 * MINUTE, 60 * MINUTE]);
  });
});

describe('accounts and sign-in', () => {
  it('refuses a password against the rules when an admin creates an account', async () => {
    const res = await tp.api('POST', '/api/v1/accounts', { username: 'weak.one', role: 'bureau', password: 'weak.one-2026!' });
    expect(res).toMatchObject({ status: 400, body: { code: 'EDGENET_ERR_PASSWORD_RULES' } });
    const noScope = await tp.api('POST', '/api/v1/accounts', { username: 'no.scope', role: 'enterprise' });
    expect(noScope).toMatchObject({ status: 400, body: { code: 'EDGENET_ERR_ACCOUNT_SCOPE' } });
  });

  it('signs in with the password and sets a HttpOnly, Secure, SameSite=Strict cookie on Path=/', async () => {
    const { password } = await newAccount('chen.operator');
    const wrong = await signIn('chen.operator', 'not the password at all');
    expect(wrong.res).toMatchObject({ status: 401, body: { code: 'EDGENET_ERR_SIGN_IN', message: 'wrong username or password' } });
    expect(wrong.res.headers.get('set-cookie')).toBeNull();
    const unknown = await signIn('nobody.here', 'not the password at all');
    expect(unknown.res.body.message).toBe(wrong.res.body.message); // an unknown name reads the same
    const ok = await signIn('Chen.Operator', password); // names ignore case
    expect(ok.res.status).toBe(200);
    expect(ok.res.body).toMatchObject({ username: 'chen.operator', role: 'operator', admin: false, via: 'session' });
    const attributes = (ok.res.headers.get('set-cookie') ?? '').split(';').map((a) => a.trim());
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
    expect(ok.cookie).toMatch(/^edgenet_session=ses_[A-Za-z0-9_-]{43}$/);
    // A cross-site form can only send text/plain or form bodies: neither signs anybody in (login CSRF).
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const body =
        type === 'text/plain' ? JSON.stringify({ username: 'chen.operator', password }) : `username=chen.operator&password=${encodeURIComponent(password)}`;
      const forged = await fetch(`${tp.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': type }, body });
      expect([400, 415], type).toContain(forged.status);
      expect(forged.headers.get('set-cookie'), type).toBeNull();
    }
    const me = await http('GET', '/api/v1/session', { cookie: ok.cookie });
    expect(me.body).toMatchObject({ username: 'chen.operator', csrfToken: ok.csrf });
    expect((await http('GET', '/api/v1/devices', { cookie: ok.cookie })).status).toBe(200);
  });

  it('stores only the hash of the session secret', async () => {
    const { password } = await newAccount('hash.check', 'bureau');
    const { cookie } = await signIn('hash.check', password);
    const secret = cookie.split('=')[1]!;
    const rows = await tp.platform.context.db.select().from(sessions);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(rows.map((r) => r.secretHash)).toContain(createHash('sha256').update(secret).digest('hex'));
  });

  it('counts failures per account and locks it, judged by the clock, then lets the right password in', async () => {
    const { password } = await newAccount('lock.me', 'bureau');
    const other = await newAccount('not.locked', 'bureau');
    for (let i = 0; i < 5; i++) expect((await signIn('lock.me', `wrong password ${i}`)).res.status).toBe(401);
    const locked = await signIn('lock.me', password); // the right password, during the lock
    expect(locked.res).toMatchObject({ status: 429, body: { code: 'EDGENET_ERR_ACCOUNT_LOCKED' } });
    expect(locked.res.headers.get('retry-after')).toBe('60');
    expect((await signIn('not.locked', other.password)).res.status).toBe(200); // another account is not affected
    now += 59_000;
    expect((await signIn('lock.me', password)).res.status).toBe(429);
    now += 1_000;
    expect((await signIn('lock.me', 'wrong password 6')).res.status).toBe(401); // the sixth failure: two minutes
    expect((await signIn('lock.me', password)).res.headers.get('retry-after')).toBe('120');
    now += 2 * MINUTE;
    expect((await signIn('lock.me', password)).res.status).toBe(200);
    expect((await signIn('lock.me', 'wrong password 7')).res.status).toBe(401); // the count started over
    expect((await signIn('lock.me', password)).res.status).toBe(200);
  });

  it('lets an admin reset a password: the lock is lifted and the old sessions end', async () => {
    const { id, password } = await newAccount('reset.me', 'bureau');
    const before = await signIn('reset.me', password);
    for (let i = 0; i < 6; i++) await signIn('reset.me', `wrong password ${i}`);
    expect((await signIn('reset.me', password)).res.status).toBe(429);
    const reset = await tp.api('POST', `/api/v1/accounts/${id}/password`, {});
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await http('GET', '/api/v1/session', { cookie: before.cookie })).status).toBe(401);
    expect((await signIn('reset.me', password)).res.status).toBe(401);
    expect((await signIn('reset.me', reset.body.password)).res.status).toBe(200);
    const chosen = await tp.api('POST', `/api/v1/accounts/${id}/password`, { password: 'reset.me again' });
    expect(chosen).toMatchObject({ status: 400, body: { code: 'EDGENET_ERR_PASSWORD_RULES' } });
  });
});

describe('changing one’s own password', () => {
  it('asks the current password, applies the rules, and ends the other sessions but not this one', async () => {
    const { password } = await newAccount('own.change', 'bureau');
    const here = await signIn('own.change', password);
    const elsewhere = await signIn('own.change', password);
    const change = (current: string, next: string) =>
      http('POST', '/api/v1/session/password', { cookie: here.cookie, csrf: here.csrf, body: { current, password: next } });
    expect(await change('not the current one', 'a brand new passphrase')).toMatchObject({ status: 400, body: { code: 'EDGENET_ERR_CURRENT_PASSWORD' } });
    expect(await change(password, 'own.change.2026')).toMatchObject({ status: 400, body: { code: 'EDGENET_ERR_PASSWORD_RULES' } });
    expect(await change(password, 'a brand new passphrase')).toMatchObject({ status: 200, body: { changed: true } });
    expect((await http('GET', '/api/v1/session', { cookie: here.cookie })).status).toBe(200);
    expect((await http('GET', '/api/v1/session', { cookie: elsewhere.cookie })).status).toBe(401);
    expect((await signIn('own.change', password)).res.status).toBe(401);
    expect((await signIn('own.change', 'a brand new passphrase')).res.status).toBe(200);
  });
});

describe('sessions', () => {
  it('asks the CSRF token of a state-changing request made with the cookie, not of one with a bearer token', async () => {
    const { password } = await newAccount('csrf.admin', 'operator', { admin: true });
    const { cookie, csrf } = await signIn('csrf.admin', password);
    const body = { username: 'made.by.cookie', role: 'bureau', password: 'long enough passphrase' };
    const without = await http('POST', '/api/v1/accounts', { cookie, body });
    expect(without).toMatchObject({ status: 403, body: { code: 'EDGENET_ERR_CSRF' } });
    const forged = await http('POST', '/api/v1/accounts', { cookie, body, csrf: 'A'.repeat(43) });
    expect(forged.status).toBe(403);
    const made = await http('POST', '/api/v1/accounts', { cookie, body, csrf });
    expect(made.status).toBe(201);
    // The audit log names the person, by username, for what they did in the browser.
    const audit = await tp.api('GET', '/api/v1/audit?limit=5');
    const entry = audit.body.items.find((e: any) => e.route === '/api/v1/accounts' && e.status === 201 && e.target.id === made.body.id);
    expect(entry).toMatchObject({ actorKind: 'account', actorName: 'csrf.admin', actorRole: 'operator' });
    const refused = audit.body.items.find((e: any) => e.route === '/api/v1/accounts' && e.status === 403);
    expect(refused).toMatchObject({ actorName: 'csrf.admin' });
    expect((await tp.api('GET', '/api/v1/audit/verify')).body.ok).toBe(true);
  });

  it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
    const { password } = await newAccount('idle.person', 'bureau');
    const idle = await signIn('idle.person', password);
    now += 29 * MINUTE;
    expect((await http('GET', '/api/v1/session', { cookie: idle.cookie })).status).toBe(200);
    now += 29 * MINUTE; // 29 min since the last request, 58 since sign-in
    expect((await http('GET', '/api/v1/session', { cookie: idle.cookie })).status).toBe(200);
    now += 30 * MINUTE;
    expect((await http('GET', '/api/v1/session', { cookie: idle.cookie })).status).toBe(401);

    const busy = await signIn('idle.person', password);
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      now += 20 * MINUTE;
      expect((await http('GET', '/api/v1/session', { cookie: busy.cookie })).status, `after ${elapsed + 20} min`).toBe(200);
    }
    now += 20 * MINUTE; // 12 h 0 min after sign-in
    expect((await http('GET', '/api/v1/session', { cookie: busy.cookie })).status).toBe(401);
  });

  it('signs out one session, and every session with sign-out everywhere', async () => {
    const { password } = await newAccount('two.browsers', 'bureau');
    const a = await signIn('two.browsers', password);
    const b = await signIn('two.browsers', password);
    const c = await signIn('two.browsers', password);
    expect((await http('DELETE', '/api/v1/session', { cookie: a.cookie })).status).toBe(403); // CSRF applies here too
    const out = await http('DELETE', '/api/v1/session', { cookie: a.cookie, csrf: a.csrf });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^edgenet_session=; .*Max-Age=0/);
    expect((await http('GET', '/api/v1/session', { cookie: a.cookie })).status).toBe(401);
    expect((await http('GET', '/api/v1/session', { cookie: b.cookie })).status).toBe(200);
    const everywhere = await http('DELETE', '/api/v1/sessions', { cookie: b.cookie, csrf: b.csrf });
    expect(everywhere).toMatchObject({ status: 200, body: { revoked: 2 } });
    expect((await http('GET', '/api/v1/session', { cookie: b.cookie })).status).toBe(401);
    expect((await http('GET', '/api/v1/session', { cookie: c.cookie })).status).toBe(401);
  });
});

describe('the second factor (TOTP)', () => {
  it('is set up by the person, then asked at every sign-in, never twice the same code, and dropped by a reset', async () => {
    const { id, password } = await newAccount('two.factor', 'bureau');
    const { cookie, csrf } = await signIn('two.factor', password);
    const started = await http('POST', '/api/v1/session/totp', { cookie, csrf });
    expect(started.status).toBe(200);
    expect(started.body.uri).toBe(`otpauth://totp/edgenet%3Atwo.factor?secret=${started.body.secret}&issuer=edgenet&algorithm=SHA1&digits=6&period=30`);
    const key = base32Decode(started.body.secret)!;
    expect(key.length).toBe(20); // 160 bits (RFC 4226 §4 R6)
    // Not on until confirmed: a sign-in meanwhile needs no code.
    expect((await signIn('two.factor', password)).res.status).toBe(200);
    const wrongCode = totp(key, now) === '000000' ? '111111' : '000000';
    expect(await http('POST', '/api/v1/session/totp/confirm', { cookie, csrf, body: { code: wrongCode } })).toMatchObject({
      status: 400,
      body: { code: 'EDGENET_ERR_TOTP_CODE' },
    });
    expect((await http('POST', '/api/v1/session/totp/confirm', { cookie, csrf, body: { code: totp(key, now) } })).status).toBe(200);

    const attempt = (code?: string) => http('POST', '/api/v1/session', { body: { username: 'two.factor', password, ...(code ? { code } : {}) } });
    expect(await attempt()).toMatchObject({ status: 401, body: { code: 'EDGENET_ERR_SECOND_FACTOR' } });
    expect(await attempt(wrongCode)).toMatchObject({ status: 401, body: { code: 'EDGENET_ERR_SIGN_IN' } });
    expect((await attempt(totp(key, now))).status).toBe(401); // the confirming code was this step: used
    now += 30_000;
    expect((await attempt(totp(key, now))).status).toBe(200);
    expect((await attempt(totp(key, now))).status).toBe(401); // replayed
    const wrongPassword = await http('POST', '/api/v1/session', {
      body: { username: 'two.factor', password: 'not the password at all', code: totp(key, now + 30_000) },
    });
    expect(wrongPassword.body.code).toBe('EDGENET_ERR_SIGN_IN');
    const listed = await tp.api('GET', '/api/v1/accounts');
    expect(listed.body.items.find((a: any) => a.id === id)).toMatchObject({ totp: true });

    const reset = await tp.api('POST', `/api/v1/accounts/${id}/password`, {});
    expect(reset.body).toMatchObject({ totp: false });
    expect((await signIn('two.factor', reset.body.password)).res.status).toBe(200);
  });
});

describe('bearer tokens', () => {
  it('expire: the default lifetime, one asked for, and never past the maximum', async () => {
    const made = await tp.api('POST', '/api/v1/api-tokens', { name: 'short-lived', role: 'bureau', expiresInDays: 2 });
    expect(made.status).toBe(201);
    expect(Date.parse(made.body.expiresAt)).toBe(now + 2 * 86_400_000);
    expect((await http('GET', '/api/v1/devices', { token: made.body.token })).status).toBe(200);
    const tooLong = await tp.api('POST', '/api/v1/api-tokens', { name: 'forever', role: 'bureau', expiresInDays: 366 });
    expect(tooLong.status).toBe(400);
    const byDefault = await tp.api('POST', '/api/v1/api-tokens', { name: 'default', role: 'bureau' });
    expect(Date.parse(byDefault.body.expiresAt)).toBe(now + 90 * 86_400_000);
    now += 2 * 86_400_000;
    expect((await http('GET', '/api/v1/devices', { token: made.body.token })).status).toBe(401);
    expect((await http('GET', '/api/v1/devices', { token: byDefault.body.token })).status).toBe(200);
  });

  it('record their last use at most once a minute', async () => {
    const { body } = await tp.api('POST', '/api/v1/api-tokens', { name: 'poller', role: 'bureau' });
    const lastUsed = async () =>
      (await tp.platform.context.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, body.id)))[0]!.at?.getTime() ?? null;
    expect(await lastUsed()).toBeNull();
    await http('GET', '/api/v1/devices', { token: body.token });
    const first = now;
    expect(await lastUsed()).toBe(first);
    for (let i = 0; i < 5; i++) {
      now += 10_000;
      await http('GET', '/api/v1/devices', { token: body.token });
    }
    expect(await lastUsed()).toBe(first); // 50 s of requests: not one more write
    now += 10_000;
    await http('GET', '/api/v1/devices', { token: body.token });
    expect(await lastUsed()).toBe(now);
  });

  it('are listed with who made them and for whom, and revoked by an admin or their person', async () => {
    const person = await newAccount('script.owner', 'bureau');
    const stranger = await newAccount('someone.else', 'bureau');
    const mine = await tp.api('POST', '/api/v1/api-tokens', { name: 'nightly export', role: 'bureau', accountId: person.id });
    const theirs = await tp.api('POST', '/api/v1/api-tokens', { name: 'other export', role: 'bureau', accountId: stranger.id });
    const wrongRole = await tp.api('POST', '/api/v1/api-tokens', { name: 'x', role: 'operator', accountId: person.id });
    expect(wrongRole).toMatchObject({ status: 400, body: { code: 'EDGENET_ERR_TOKEN_SCOPE' } });
    const { cookie, csrf } = await signIn('script.owner', person.password);
    const listed = await http('GET', '/api/v1/api-tokens', { cookie });
    expect(listed.body.items.map((t: any) => t.name)).toEqual(['nightly export']);
    expect(listed.body.items[0]).toMatchObject({ account: 'script.owner', createdBy: null, revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(mine.body.token);
    const all = await tp.api('GET', '/api/v1/api-tokens');
    expect(all.body.items.length).toBeGreaterThan(3);
    expect(all.body.items.find((t: any) => t.name === 'initial operator')).toMatchObject({ admin: true, createdBy: null });

    expect((await http('DELETE', `/api/v1/api-tokens/${theirs.body.id}`, { cookie, csrf })).status).toBe(404);
    expect((await http('GET', '/api/v1/devices', { token: theirs.body.token })).status).toBe(200);
    expect((await http('DELETE', `/api/v1/api-tokens/${mine.body.id}`, { cookie, csrf })).status).toBe(200);
    expect((await http('GET', '/api/v1/devices', { token: mine.body.token })).status).toBe(401);
    expect((await tp.api('DELETE', `/api/v1/api-tokens/${theirs.body.id}`)).status).toBe(200);
    expect((await http('GET', '/api/v1/devices', { token: theirs.body.token })).status).toBe(401);
    // A person's token is named in the audit log by the person.
    const alive = await tp.api('POST', '/api/v1/api-tokens', { name: 'writer', role: 'operator', accountId: (await newAccount('ops.bot')).id });
    await http('POST', '/api/v1/workstations', { token: alive.body.token, body: { enterpriseId, code: 'W-bot' } });
    const audit = await tp.api('GET', '/api/v1/audit?limit=3');
    expect(audit.body.items.find((e: any) => e.route === '/api/v1/workstations')).toMatchObject({
      actorKind: 'api_token',
      actorId: alive.body.id,
      actorName: 'ops.bot',
    });
  });

  it('keep the first operator token working as an admin', async () => {
    expect((await http('GET', '/api/v1/accounts', { token: OPERATOR_TOKEN })).status).toBe(200);
  });
});
