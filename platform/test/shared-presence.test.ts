// Shared-mode presence (several instances, external broker) with one writer per devices column:
// presence sets online and came_online_at, never last_seen_at, which stays the receive time of the
// newest stored heartbeat (the heartbeat writer's). The shared timeout sweep reads both, so a device
// that has come online but has no heartbeat stored yet is not timed out early, and one silent for
// longer than its timeout is.
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/index.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { SharedPresence } from '../src/ingest/presence/shared.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { seedDevices } from '../../test/helpers/seed-devices.js';
import { waitFor } from '../../test/helpers/platform.js';

const log = pino({ level: 'silent' });
const INTERVAL_MS = 10_000; // 10 s: offline after 3 intervals (30 s) of silence
let database: TestDatabase;
let handle: DatabaseHandle;
let deviceId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  handle = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 2 });
  await migrateDatabase(handle, log);
  [deviceId] = (await seedDevices(handle.db, { heartbeatIntervalMs: INTERVAL_MS })) as [string];
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const row = async () =>
  (
    await queryRows<{ online: boolean; last_seen_at: Date | null; came_online_at: Date | string | null }>(
      handle.db,
      sql`
  select online, last_seen_at, came_online_at from devices where id = ${deviceId}::uuid`,
    )
  )[0]!;

it('marks a device online without touching last_seen_at, and times it out from came_online_at', async () => {
  const presence = new SharedPresence(handle.db, log, 3);
  await presence.start(50); // the shared sweep every 50 ms
  try {
    const before = Date.now();
    presence.seen(deviceId, INTERVAL_MS); // its hello: no heartbeat stored yet
    await waitFor('the device online', async () => (await row()).online, 10_000, 20);
    const online = await row();
    expect(online.last_seen_at).toBeNull();
    expect(new Date(online.came_online_at!).getTime()).toBeGreaterThanOrEqual(before - 1_000);
    // Many sweeps later the device is still online: its timeout counts from came_online_at.
    await new Promise((r) => setTimeout(r, 500));
    expect((await row()).online).toBe(true);
    const [{ n }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from device_connections where device_id = ${deviceId}::uuid`)) as [
      { n: number },
    ];
    expect(n).toBe(1);

    // Came online 31 s ago and no heartbeat since: past 3 intervals, the sweep takes it offline.
    await handle.db.execute(sql`update devices set came_online_at = now() - interval '31 seconds' where id = ${deviceId}::uuid`);
    await waitFor('the device timed out', async () => !(await row()).online, 10_000, 20);
    const history = await queryRows<{ event: string; cause: string }>(
      handle.db,
      sql`
      select event, cause from device_connections where device_id = ${deviceId}::uuid order by at`,
    );
    expect(history).toEqual([
      { event: 'online', cause: 'heartbeat' },
      { event: 'offline', cause: 'heartbeat timeout' },
    ]);
  } finally {
    await presence.stop();
  }
});

it('allows the rollup period on top of the timeout: last_seen_at trails the stored heartbeats by it', async () => {
  const LAG_MS = 30_000; // EDGENET_ROLLUP_FLUSH_MS
  const presence = new SharedPresence(handle.db, log, 3, LAG_MS);
  await presence.start(50);
  try {
    presence.seen(deviceId, INTERVAL_MS);
    await waitFor('the device online', async () => (await row()).online, 10_000, 20);
    // Last folded 45 s ago: past 3 intervals (30 s), within 3 intervals and a fold period (60 s).
    await handle.db.execute(
      sql`update devices set last_seen_at = now() - interval '45 seconds', came_online_at = now() - interval '45 seconds' where id = ${deviceId}::uuid`,
    );
    await new Promise((r) => setTimeout(r, 500)); // many sweeps
    expect((await row()).online).toBe(true);
    await handle.db.execute(
      sql`update devices set last_seen_at = now() - interval '61 seconds', came_online_at = now() - interval '61 seconds' where id = ${deviceId}::uuid`,
    );
    await waitFor('the device timed out', async () => !(await row()).online, 10_000, 20);
  } finally {
    await presence.stop();
  }
});
