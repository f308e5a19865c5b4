// The devices log's migration on a database that already has devices, as every running platform
// does: the migrations before it are applied from a copy of the folder cut just before it, devices
// and status changes are written in the old shape, then the real folder is applied. Every device
// gets its enrollment, every status change its entry, in time order, and the log is append-only.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../src/db/index.js';
import { MIGRATIONS_FOLDER } from '../src/db/migrate.js';
import { deviceLogEntries } from '../src/services/device-log.js';
import { upgradeDatabase } from '../../test/helpers/upgrade-database.js';
import { USCC } from '../../test/helpers/fixtures.js';

const upgrade = upgradeDatabase('_witnessed_logs');

it('backfills an enrollment per device and every status change, by time, and refuses to change them', async () => {
  const handle = upgrade.handle();
  await handle.migrate(upgrade.before());
  const x = handle.db;
  const [e] = await queryRows<{ id: string }>(x, sql`insert into enterprises (name, uscc, town) values ('东莞旧厂', ${USCC[0]}, '长安') returning id`);
  const project = async (name: string) =>
    (
      await queryRows<{ id: string }>(
        x,
        sql`insert into projects (enterprise_id, name, total_investment_fen, eligible_investment_fen, window_start, window_end)
            values (${e!.id}, ${name}, 50000000, 40000000, '2025-07-01', '2026-06-30') returning id`,
      )
    )[0]!.id;
  const [p1, p2] = [await project('一期'), await project('二期')];
  const device = async (key: string, enrolledAt: string, projectId: string) =>
    (
      await queryRows<{ id: string }>(
        x,
        sql`insert into devices (enterprise_id, project_id, kind, fingerprint, public_key, key_id, mqtt_password_hash, inventory, agent_version, heartbeat_interval_ms, enrolled_at)
            values (${e!.id}, ${projectId}, 'compute_box', ${key.repeat(64)}, ${`key-${key}`}, ${key.repeat(16)}, 'x', '{}', 'old', 300000, ${enrolledAt}) returning id`,
      )
    )[0]!.id;
  // Enrolled in this order of time, not of insertion; the microseconds are cut to milliseconds.
  const later = await device('b', '2025-07-02T08:00:00.123456Z', p2);
  const first = await device('a', '2025-07-01T08:00:00.000Z', p1);
  await x.execute(sql`insert into device_keys (device_id, public_key, key_id, created_at) values (${later}, 'key-b-first', 'bbbb', '2025-07-02T08:00:00Z')`);
  await x.execute(
    sql`insert into device_keys (device_id, public_key, key_id, created_at) values (${later}, 'key-b', 'bbbbbbbbbbbbbbbb', '2025-07-05T08:00:00Z')`,
  );
  const event = (id: string, action: string, from: string, to: string, at: string, move?: [string, string]) =>
    x.execute(sql`insert into device_status_events (device_id, action, from_status, to_status, reason, from_project_id, to_project_id, at)
                  values (${id}, ${action}, ${from}, ${to}, 'old', ${move?.[0] ?? null}, ${move?.[1] ?? null}, ${at})`);
  await event(first, 'disable', 'active', 'disabled', '2025-07-03T00:00:00Z');
  await event(later, 'move', 'active', 'active', '2025-07-03T00:00:00Z', [p1, p2]);
  await event(first, 'enable', 'disabled', 'active', '2025-07-04T00:00:00Z');

  await handle.migrate(MIGRATIONS_FOLDER);
  const log = await deviceLogEntries(x);
  expect(log.map(({ seq, deviceId, event, status, projectId, publicKey, at }) => ({ seq, deviceId, event, status, projectId, publicKey, at }))).toEqual([
    { seq: 1, deviceId: first, event: 'enroll', status: 'active', projectId: p1, publicKey: 'key-a', at: '2025-07-01T08:00:00.000Z' },
    { seq: 2, deviceId: later, event: 'enroll', status: 'active', projectId: p1, publicKey: 'key-b-first', at: '2025-07-02T08:00:00.123Z' },
    // Same instant: by device id.
    ...[
      { seq: 0, deviceId: first, event: 'disable', status: 'disabled', projectId: p1, publicKey: null, at: '2025-07-03T00:00:00.000Z' },
      { seq: 0, deviceId: later, event: 'move', status: 'active', projectId: p2, publicKey: null, at: '2025-07-03T00:00:00.000Z' },
    ]
      .sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1))
      .map((r, i) => ({ ...r, seq: 3 + i })),
    { seq: 5, deviceId: first, event: 'enable', status: 'active', projectId: p1, publicKey: null, at: '2025-07-04T00:00:00.000Z' },
  ]);
  await expect(x.execute(sql`update device_log set status = 'active' where seq = 3`)).rejects.toThrow();
  await expect(x.execute(sql`delete from device_log where seq = 5`)).rejects.toThrow();
  await expect(x.execute(sql`truncate heartbeat_log`)).rejects.toThrow();
});
