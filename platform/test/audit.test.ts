// Issue #3, audit log: every write to the API is on record (who, what, when, from where), refused
// ones included; the database refuses UPDATE and DELETE on it; and when an administrator bypasses
// that (disables the trigger) to edit or delete an entry, /audit/verify names the broken entry.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { enrollTestDevice } from '../../test/helpers/device.js';

let tp: TestPlatform;
let seeded: Seeded;
let bureau: string;

beforeAll(async () => {
  tp = await startTestPlatform();
  seeded = await seedEnterprise(tp, { workstations: ['L1-01'], maxUses: 1 });
  bureau = (await tp.api('POST', '/api/v1/api-tokens', { name: '科技局', role: 'bureau' })).body.token;
});
afterAll(() => tp?.close());

const exec = (q: ReturnType<typeof sql>) => tp.platform.context.db.execute(q);
/** The database's own message (drizzle wraps it as the cause of "Failed query: …"). */
const dbError = (q: ReturnType<typeof sql>) =>
  exec(q).then(
    () => 'no error',
    (err: Error) => String((err.cause as Error | undefined)?.message ?? err.message),
  );
const verify = async () => (await tp.api('GET', '/api/v1/audit/verify', undefined, bureau)).body;
const entries = async () => (await tp.api('GET', '/api/v1/audit?limit=1000')).body.items as Array<Record<string, any>>;

describe('audit log', () => {
  it('records every write, allowed and refused, with actor, route, target, status and address', async () => {
    const device = await enrollTestDevice(tp, seeded.token); // uses the token's only use
    const spent = await tp.api(
      'POST',
      '/api/v1/enroll',
      {
        token: seeded.token,
        kind: 'server',
        fingerprint: 'f'.repeat(64),
        publicKey: 'A'.repeat(43),
        agentVersion: '1',
        inventory: {},
      },
      null,
    );
    expect(spent.status).toBe(403);
    const denied = await tp.api('POST', '/api/v1/workstations', { enterpriseId: seeded.enterpriseId, code: 'X-1' }, bureau);
    expect(denied.status).toBe(403);
    expect((await tp.api('POST', '/api/v1/projects', {}, null)).status).toBe(401);

    const log = await entries();
    const [newest] = log;
    expect(newest).toMatchObject({ method: 'POST', route: '/api/v1/projects', status: 401, actorKind: 'anonymous', ip: '127.0.0.1' });
    const bureauRefusal = log.find((e) => e.route === '/api/v1/workstations' && e.status === 403);
    expect(bureauRefusal).toMatchObject({ actorKind: 'api_token', actorRole: 'bureau' });
    expect(bureauRefusal!.detail).toMatch(/bureau role may not/);

    const enrollments = log.filter((e) => e.route === '/api/v1/enroll');
    const ok = enrollments.find((e) => e.status === 201)!;
    const refused = enrollments.find((e) => e.status === 403)!;
    expect(ok.target.deviceId).toBe(device.deviceId);
    expect(ok.actorKind).toBe('enrollment_token');
    // The refused attempt names the same enrollment token, the reason, and where it came from.
    expect(refused).toMatchObject({ actorKind: 'enrollment_token', actorId: ok.actorId, ip: '127.0.0.1' });
    expect(refused.detail).toMatch(/already used 1 of 1 times/);

    const tokenIssue = log.find((e) => e.route === '/api/v1/projects/:id/enrollment-tokens' && e.status === 201)!;
    expect(tokenIssue.target['param.id']).toBe(seeded.projectId);
    expect(tokenIssue.actorRole).toBe('operator');
    // Reads are not writes; secrets from response bodies never reach the log.
    expect(log.some((e) => e.method === 'GET')).toBe(false);
    const text = JSON.stringify(log);
    expect(text).not.toContain(seeded.token);
    expect(text).not.toContain(device.password);
    expect(text).not.toContain(bureau);
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => tp.api('POST', '/api/v1/workstations', { enterpriseId: seeded.enterpriseId, code: `C-${i}` })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const v = await verify();
    const total = (await tp.api('GET', '/api/v1/audit?limit=1')).body.total;
    expect(v).toMatchObject({ ok: true, firstBroken: null, entries: total });
    expect(v.head.seq).toBe(total);
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    expect(await dbError(sql`update audit_log set status = 200 where seq = 2`)).toBe('audit_log is append-only: UPDATE refused');
    expect(await dbError(sql`delete from audit_log where seq = 2`)).toBe('audit_log is append-only: DELETE refused');
    expect(await dbError(sql`truncate audit_log`)).toBe('audit_log is append-only: TRUNCATE refused');
    expect((await verify()).ok).toBe(true);
  });

  it('names the first broken entry when an administrator edits or deletes one behind the triggers', async () => {
    // What a database administrator could do: switch the guard off.
    await exec(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    try {
      await exec(sql`update audit_log set ip = '10.0.0.66' where seq = 3`);
      const edited = await verify();
      expect(edited.ok).toBe(false);
      expect(edited.firstBroken).toEqual({ seq: 3, reason: 'entry 3 was altered: its contents do not match its hash' });

      // Re-hashing the edited entry does not help: the next entry's link then breaks.
      const [row] = ((await exec(sql`select * from audit_log where seq = 3`)) as unknown as { rows: Record<string, unknown>[] }).rows;
      const { entryHash } = await import('../src/audit/chain.js');
      const rehashed = entryHash(row!.prev_hash as string, {
        seq: 3,
        at: new Date(row!.at as string),
        actorKind: row!.actor_kind as 'api_token',
        actorId: row!.actor_id as string,
        actorRole: row!.actor_role as string,
        actorName: (row!.actor_name as string | null) ?? null,
        ip: '10.0.0.66',
        method: row!.method as string,
        route: row!.route as string,
        target: row!.target as Record<string, string>,
        status: row!.status as number,
        detail: row!.detail as string | null,
      });
      await exec(sql`update audit_log set hash = ${rehashed} where seq = 3`);
      expect((await verify()).firstBroken).toEqual({ seq: 4, reason: 'entry 4 does not link to entry 3 (prev_hash differs)' });
    } finally {
      await exec(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    }
  });

  it('names a deleted entry', async () => {
    // A fresh platform, so the only tampering is the deletion.
    const other = await startTestPlatform();
    try {
      await seedEnterprise(other);
      await other.platform.context.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await other.platform.context.db.execute(sql`delete from audit_log where seq = 2`);
      const v = (await other.api('GET', '/api/v1/audit/verify')).body;
      expect(v).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'entry 2 is missing (the next stored entry is 3)' } });
    } finally {
      await other.close();
    }
  });
});
