// (device_id, seq) is unique by the database in every storage mode. Two platform instances (two
// Ingest + HeartbeatWriter pairs in shared mode, as with an external broker) get the same
// heartbeats at once, each with its own receive time, as when the broker redelivers to a second
// instance what the first had not acknowledged yet. Each instance accepts them (neither has seen the
// other's), and exactly one heartbeats row, one rollup count and one anchor must come out.
//
// TimescaleDB is not installable here, so its key shape is reproduced on plain PostgreSQL (and
// PGlite): the test alters heartbeats' primary key to (device_id, seq, received_at), exactly as
// db/migrate.ts does before create_hypertable. With that key a redelivery with a new receive time
// is no conflict for heartbeats itself; only heartbeat_keys keeps it out.
import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHeartbeat, sealEnvelope } from '@edgenet/proto';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/index.js';
import { migrateDatabase, type HeartbeatStorage } from '../src/db/migrate.js';
import { calendarOf } from '../src/domain/calendar.js';
import { DeviceRegistry } from '../src/ingest/device-registry.js';
import { FlagRecorder } from '../src/ingest/flags.js';
import { HeartbeatWriter } from '../src/ingest/heartbeat-writer.js';
import { Ingest } from '../src/ingest/ingest.js';
import type { Presence } from '../src/ingest/presence.js';
import { SharedPresence } from '../src/ingest/presence/shared.js';
import { RejectCounter } from '../src/ingest/reject-counter.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { seedDevices } from '../../test/helpers/seed-devices.js';

const log = pino({ level: 'silent' });
const SEQS = 20;
const T0 = Date.parse('2026-11-05T02:00:00Z'); // 10:00 in Asia/Shanghai

interface Instance {
  ingest: Ingest;
  writer: HeartbeatWriter;
  presence: Presence;
}

function instance(handle: DatabaseHandle, storage: HeartbeatStorage, instanceId: string): Instance {
  const { db } = handle;
  // flushMs far beyond the test: batches are written when the test flushes them, both at once.
  const writer = new HeartbeatWriter(db, log, { batchSize: 1_000, flushMs: 60_000, calendar: calendarOf(COUNTING_POLICY), storage, instanceId });
  const presence = new SharedPresence(db, log, 3);
  const ingest = new Ingest({
    db,
    log,
    registry: new DeviceRegistry(db),
    writer,
    presence,
    rejects: new RejectCounter(log),
    flags: new FlagRecorder(db, log),
    policy: COUNTING_POLICY,
    shared: true,
  });
  return { ingest, writer, presence };
}

describe.each([
  { storage: 'table' as const, key: '(device_id, seq)' },
  { storage: 'hypertable' as const, key: '(device_id, seq, received_at)' },
])('heartbeats keyed $key ($storage)', ({ storage, key }) => {
  let database: TestDatabase;
  const handles: DatabaseHandle[] = [];
  let a: Instance;
  let b: Instance;
  let deviceId = '';
  let privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'];

  beforeAll(async () => {
    database = await createTestDatabase();
    const open = () => openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 4 });
    handles.push(await open());
    // PostgreSQL: a second pool, so the two instances' transactions run on their own connections at
    // once. PGlite is one connection per data folder: the instances share it and their transactions
    // take turns, which still gives each redelivered row its own receive time.
    if (database.databaseUrl) handles.push(await open());
    const [first] = handles as [DatabaseHandle];
    await migrateDatabase(first, log);
    if (key !== '(device_id, seq)') {
      await first.db.execute(sql`alter table heartbeats drop constraint heartbeats_pk`);
      await first.db.execute(sql.raw(`alter table heartbeats add constraint heartbeats_pk primary key ${key}`));
    }
    const keys = generateKeyPairSync('ed25519');
    privateKey = keys.privateKey;
    [deviceId] = (await seedDevices(first.db, { publicKeys: [keys.publicKey] })) as [string];
    a = instance(first, storage, 'a');
    b = instance(handles.at(-1)!, storage, 'b');
  });

  afterAll(async () => {
    for (const i of [a, b]) await i?.presence.stop();
    for (const h of handles) await h.close();
    await database?.drop();
  });

  it('stores, counts and anchors a heartbeat redelivered to two instances at once exactly once', async () => {
    const payload = (seq: number) =>
      sealEnvelope(
        encodeHeartbeat({ seq, deviceTimeMs: T0 + seq * 10_000, uptimeS: seq, cpuPercent: 10, inference: { total: seq * 10, errors: 0 } }),
        privateKey,
      );
    const commits: Promise<void>[] = [];
    for (let seq = 1; seq <= SEQS; seq++) {
      const message = payload(seq);
      // Same message, two instances, two receive times (the redelivery is a new arrival).
      const outcomes = await Promise.all(
        [a, b].map((inst, i) => {
          return inst.ingest.handle(deviceId, 'heartbeat', message, new Date(T0 + seq * 10_000 + i)).then(({ outcome, committed }) => {
            commits.push(committed);
            return outcome;
          });
        }),
      );
      expect(outcomes).toEqual(['accepted', 'accepted']);
    }
    await Promise.all([a.writer.flush(), b.writer.flush()]);
    await Promise.all([a.writer.flushRollups(), b.writer.flushRollups()]);
    // Both instances may acknowledge: each one's heartbeat is stored, by it or by the other.
    await Promise.all(commits);
    expect(commits).toHaveLength(2 * SEQS);

    const db = handles[0]!.db;
    const [rows] = await queryRows<{ n: number; distinct_seq: number; max: number }>(
      db,
      sql`
      select count(*)::int as n, count(distinct seq)::int as distinct_seq, max(seq)::int as max from heartbeats where device_id = ${deviceId}::uuid`,
    );
    expect(rows).toEqual({ n: SEQS, distinct_seq: SEQS, max: SEQS });
    const [day] = await queryRows<{ day: string; heartbeats: number; inferences: number; online: number }>(
      db,
      sql`
      select day::text as day, heartbeats, inferences::int as inferences, bit_count(buckets)::int as online from device_days where device_id = ${deviceId}::uuid`,
    );
    // 20 heartbeats 10 s apart from 10:00:10 local time: all in the 10:00 bucket.
    expect(day).toEqual({ day: '2026-11-05', heartbeats: SEQS, inferences: 10 * SEQS, online: 1 });
    const anchors = await queryRows<{ seq: number }>(db, sql`select seq::int as seq from chain_anchors where device_id = ${deviceId}::uuid`);
    expect(anchors).toEqual([{ seq: SEQS }]);
    const [device] = await queryRows<{ last_seq: number }>(db, sql`select last_seq::int as last_seq from devices where id = ${deviceId}::uuid`);
    expect(device).toEqual({ last_seq: SEQS });
  });
});
