// The accounts migration on a database that already has tokens and audit entries, as every running
// platform does: the migrations before it are applied from a copy of the folder cut just before it,
// rows are written in the old shape, then the real folder is applied. Old tokens get the default
// lifetime from the upgrade (not "never", not already expired), the first operator token stays the
// admin credential, and the audit chain written before the new column still verifies.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditLog } from '../src/audit/audit-log.js';
import { GENESIS_HASH } from '../src/audit/chain.js';
import { hashSecret } from '../src/auth/secrets.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/index.js';
import { MIGRATIONS_FOLDER } from '../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { migrationsBefore } from '../../test/helpers/migrations.js';

let db: TestDatabase;
let handle: DatabaseHandle;
const cut = migrationsBefore('_accounts_sessions');
const before = cut.folder;

beforeAll(async () => {
  db = await createTestDatabase();
  handle = await openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, poolSize: 2 });
});
afterAll(async () => {
  await handle?.close();
  await db?.drop();
  cut.remove();
});

it('gives old tokens the default lifetime, keeps the first operator token admin, and the old audit chain verifies', async () => {
  await handle.migrate(before);
  const x = handle.db;
  await x.execute(sql`insert into api_tokens (name, role, token_hash) values ('initial operator', 'operator', ${hashSecret('op_old_first')})`);
  await x.execute(sql`insert into api_tokens (name, role, token_hash) values ('bureau script', 'bureau', ${hashSecret('bu_old_script')})`);
  // Two audit entries in the old shape (no actor_name), hashed by the old rule written out here:
  // SHA-256(prev_hash || JSON of the eleven fields), so a change to the rule cannot hide itself.
  let prev = GENESIS_HASH;
  for (const seq of [1, 2]) {
    const at = new Date(Date.UTC(2026, 0, seq)).toISOString();
    const old = [seq, at, 'api_token', null, 'operator', '10.0.0.1', 'POST', '/api/v1/enterprises', {}, 201, null];
    const hash = createHash('sha256').update(prev).update(JSON.stringify(old)).digest('hex');
    await x.execute(sql`insert into audit_log (seq, at, actor_kind, actor_id, actor_role, ip, method, route, target, status, detail, prev_hash, hash)
      values (${seq}, ${at}, 'api_token', null, 'operator', '10.0.0.1', 'POST', '/api/v1/enterprises', '{}'::jsonb, 201, null, ${prev}, ${hash})`);
    prev = hash;
  }

  const upgradedAt = Date.now();
  await handle.migrate(MIGRATIONS_FOLDER);
  const rows = await queryRows<{ name: string; admin: boolean; expires_at: string }>(x, sql`select name, admin, expires_at from api_tokens order by name`);
  expect(rows.map((r) => [r.name, r.admin])).toEqual([
    ['bureau script', false],
    ['initial operator', true],
  ]);
  for (const r of rows) {
    const days = (new Date(r.expires_at).getTime() - upgradedAt) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
  }
  const audit = new AuditLog(x, pino({ level: 'silent' }));
  await audit.append({
    actorKind: 'account',
    actorId: null,
    actorRole: 'operator',
    actorName: 'li.admin',
    ip: '10.0.0.2',
    method: 'POST',
    route: '/api/v1/accounts',
    target: {},
    status: 201,
    detail: null,
  });
  expect(await audit.verify()).toMatchObject({ ok: true, entries: 3 });
});
