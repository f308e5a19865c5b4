// The first admin and the way back in. The first start creates `admin` and hands back its
// generated password once (the banner prints it); a later start hands back nothing. A password in
// EDGENET_ADMIN_PASSWORD is used and never handed back. `npm run platform:reset-admin` runs
// offline, as a child process the way an operator runs it (platform/dist/auth/reset-admin-cli.js),
// against the stopped platform's database: a new password, the lockout lifted, old sessions ended.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';

const CLI = fileURLToPath(new URL('../dist/auth/reset-admin-cli.js', import.meta.url));
const run = promisify(execFile);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

async function signIn(tp: TestPlatform, username: string, password: string): Promise<{ status: number; cookie: string }> {
  const res = await fetch(`${tp.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

it('creates the admin once, and the recovery command lets a locked-out admin back in', async () => {
  const first = await startTestPlatform({}, db);
  const generated = first.platform.createdAdminPassword;
  expect(generated).toMatch(/^[A-Za-z0-9_-]{22}$/);
  const session = await signIn(first, 'admin', generated!);
  expect(session.status).toBe(200);
  for (let i = 0; i < 5; i++) expect((await signIn(first, 'admin', `forgotten password ${i}`)).status).toBe(401);
  expect((await signIn(first, 'admin', generated!)).status).toBe(429); // locked out
  await first.close();

  const env = { ...process.env, EDGENET_DATA_DIR: db.dataDir, EDGENET_LOG_LEVEL: 'silent', DATABASE_URL: db.databaseUrl ?? '' };
  const { stdout } = await run(process.execPath, [CLI], { env, timeout: 60_000 });
  const recovered = /^reset admin account admin; one-time password \(shown once\): ([A-Za-z0-9_-]{22})$/m.exec(stdout)?.[1];
  expect(recovered, stdout).toBeDefined();
  const second = await startTestPlatform({}, db);
  try {
    expect(second.platform.createdAdminPassword).toBeNull(); // not made, not shown again
    expect((await signIn(second, 'admin', generated!)).status).toBe(401);
    expect((await signIn(second, 'admin', recovered!)).status).toBe(200); // the lock is lifted
    const old = await fetch(`${second.baseUrl}/api/v1/session`, { headers: { cookie: session.cookie } });
    expect(old.status).toBe(401); // the session opened before the reset is over
    const bureau = await second.api('POST', '/api/v1/accounts', { username: 'plain.bureau', role: 'bureau' });
    expect(bureau.status).toBe(201);
  } finally {
    await second.close();
  }
  // A name that is not an admin is refused: the command is no back door into other accounts.
  const notAdmin = await run(process.execPath, [CLI, 'plain.bureau'], { env, timeout: 60_000 }).then(
    () => ({ code: 0, stderr: '' }),
    (err: { code: number; stderr: string }) => err,
  );
  expect(notAdmin.code).toBe(1);
  expect(notAdmin.stderr).toMatch(/plain\.bureau is not an admin account/);
});

it('takes the first admin password from EDGENET_ADMIN_PASSWORD and never hands it back', async () => {
  const own = await createTestDatabase();
  const tp = await startTestPlatform({ EDGENET_ADMIN_PASSWORD: 'a long root passphrase' }, own);
  try {
    expect(tp.platform.createdAdminPassword).toBeNull();
    expect((await signIn(tp, 'admin', 'a long root passphrase')).status).toBe(200);
  } finally {
    await tp.close();
    await own.drop();
  }
});
