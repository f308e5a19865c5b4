// No count depends on memory a crash loses (ingest/rollup/): a platform process killed with SIGKILL
// after its heartbeat batches committed and before their rollups were folded leaves device_days,
// chain_anchors and the devices' last seen behind the stored rows; the instance's next start folds
// them from those rows, exactly: every heartbeat once, a redelivered one once, and a second start
// (or any later fold) adds nothing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/index.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { calendarOf } from '../src/domain/calendar.js';
import { HeartbeatWriter } from '../src/ingest/heartbeat-writer.js';
import { foldPending } from '../src/ingest/rollup/pending.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { ROLLUP_T0 } from '../../test/helpers/rollup-rows.js';
import { seedDevices } from '../../test/helpers/seed-devices.js';

const log = pino({ level: 'silent' });
const CHILD = fileURLToPath(new URL('./fixtures/rollup-crash-child.ts', import.meta.url));
const calendar = calendarOf(COUNTING_POLICY);

/** Runs the child until it says its batches are committed, then kills it with SIGKILL. */
async function commitAndKill(database: TestDatabase, deviceIds: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DATABASE_URL: database.databaseUrl ?? '', EDGENET_DATA_DIR: database.dataDir, ROLLUP_DEVICES: deviceIds.join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      if (c.toString().includes('committed')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${err}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

interface Figures {
  rows: number;
  batches: number;
  days: { device_id: string; day: string; heartbeats: number; online: number; inferences: number; tpm_seals: number }[];
  anchors: { device_id: string; day: string; seq: number; sig: number; key_id: string }[];
  seen: { id: string; last_seq: number; last_seen_at: string | null; first_seen_at: string | null }[];
}

async function figures(handle: DatabaseHandle): Promise<Figures> {
  const db = handle.db;
  const [{ rows, batches }] = (await queryRows<{ rows: number; batches: number }>(
    db,
    sql`select (select count(*)::int from heartbeats) as rows, (select count(*)::int from heartbeat_batches) as batches`,
  )) as [{ rows: number; batches: number }];
  return {
    rows,
    batches,
    days: await queryRows(
      db,
      sql`select device_id::text, day::text, heartbeats, bit_count(buckets)::int as online, inferences::int, tpm_seals
            from device_days order by device_id, day`,
    ),
    anchors: await queryRows(
      db,
      sql`select device_id::text, day::text, seq::int, get_byte(signature, 0) as sig, key_id from chain_anchors order by device_id, day`,
    ),
    seen: await queryRows(
      db,
      sql`select id::text, last_seq::int, to_char(last_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as last_seen_at,
                 to_char(first_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as first_seen_at
            from devices order by id`,
    ),
  };
}

describe('rollups after a crash between batch commit and fold', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle | undefined;
  let deviceIds: string[] = [];
  const open = () => openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 4 });

  beforeAll(async () => {
    database = await createTestDatabase();
    const first = await open();
    await migrateDatabase(first, log);
    deviceIds = (await seedDevices(first.db, { count: 2 })).sort();
    // PGlite is one process per data folder: the child gets it to itself.
    await first.close();
  });

  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it('rebuilds device_days, anchors and last seen from the stored rows at the next start, once', async () => {
    await commitAndKill(database, deviceIds);
    handle = await open();
    const killed = await figures(handle);
    // Stored and acknowledged: 6 heartbeats per device (seq 3 redelivered, stored once), and not
    // one of them folded yet.
    expect(killed.rows).toBe(12);
    expect(killed.batches).toBe(3);
    expect(killed.days).toEqual([]);
    expect(killed.anchors).toEqual([]);
    expect(killed.seen.map((s) => s.last_seq)).toEqual([0, 0]);

    const writer = new HeartbeatWriter(handle.db, log, { batchSize: 1_000, flushMs: 60_000, calendar, instanceId: 'crashed' });
    await writer.start();
    await writer.close();
    const rebuilt = await figures(handle);
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
    expect(rebuilt).toEqual({
      rows: 12,
      batches: 0,
      days: deviceIds.flatMap((id) => [
        // seqs 1–5 at 10:00:10–10:00:50 local time: one bucket, 5 heartbeats, 5 inferences.
        { device_id: id, day: '2026-11-05', heartbeats: 5, online: 1, inferences: 5, tpm_seals: 0 },
        // seq 6 a day later, its TPM seal counted from the batch's record (the row has no verdict).
        { device_id: id, day: '2026-11-06', heartbeats: 1, online: 1, inferences: 1, tpm_seals: 1 },
      ]),
      // Each day's last heartbeat, with the signature the device sent with it.
      anchors: deviceIds.flatMap((id) => [
        { device_id: id, day: '2026-11-05', seq: 5, sig: 5, key_id: 'key-5' },
        { device_id: id, day: '2026-11-06', seq: 6, sig: 6, key_id: 'key-6' },
      ]),
      seen: deviceIds.map((id) => ({ id, last_seq: 6, last_seen_at: iso(ROLLUP_T0 + 86_400_000 + 60_000), first_seen_at: iso(ROLLUP_T0 + 10_000) })),
    });

    // Folded is folded: another start of the instance, and a reader's fold, add nothing.
    const again = new HeartbeatWriter(handle.db, log, { batchSize: 1_000, flushMs: 60_000, calendar, instanceId: 'crashed' });
    await again.start();
    await again.close();
    expect(await foldPending(handle.db, calendar)).toBe(0);
    expect(await figures(handle)).toEqual(rebuilt);
  });
});
