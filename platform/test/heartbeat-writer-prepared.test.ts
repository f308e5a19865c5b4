// The heartbeat writer's fixed statements run as named prepared statements on PostgreSQL: parsed
// and planned once per connection, then only bound (db/index.ts executeNamed). On one connection
// (pool of 1) the server lists them in pg_prepared_statements after a batch, and a second batch
// reuses them: same names, same count, no "prepared statement already exists" from pg. PGlite
// ignores the names; there the same batches must store, count and anchor exactly as before.
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/index.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { calendarOf } from '../src/domain/calendar.js';
import { HeartbeatWriter } from '../src/ingest/heartbeat-writer.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { rollupRow, rollupSigned } from '../../test/helpers/rollup-rows.js';
import { seedDevices } from '../../test/helpers/seed-devices.js';

const log = pino({ level: 'silent' });
// The batch's one statement, then the rollup fold's (claim its batches, then the three rollups).
const NAMES = ['chain_anchors_upsert', 'device_days_upsert', 'devices_update_seen', 'heartbeat_batches_fold', 'heartbeats_insert'];

describe('heartbeat writer statements', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let writer: HeartbeatWriter;
  const deviceIds: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection: the writer's statements and this test's questions meet on the same session.
    handle = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 1 });
    await migrateDatabase(handle, log);
    deviceIds.push(...(await seedDevices(handle.db, { count: 3 })));
    writer = new HeartbeatWriter(handle.db, log, { batchSize: 1_000, flushMs: 60_000, calendar: calendarOf(COUNTING_POLICY) });
  });

  afterAll(async () => {
    await writer?.close();
    await handle?.close();
    await database?.drop();
  });

  const batch = async (seqs: number[]) => {
    for (const deviceId of deviceIds) for (const seq of seqs) await writer.enqueue(rollupRow(deviceId, seq), rollupSigned(seq));
    await writer.flush();
    await writer.flushRollups();
  };
  const prepared = () => queryRows<{ name: string }>(handle.db, sql`select name from pg_prepared_statements order by name`);

  it('stores every batch, a redelivered one once, with the same statements', async () => {
    await batch([1, 2]);
    if (database.backend === 'postgres') expect((await prepared()).map((r) => r.name)).toEqual(NAMES);
    await batch([3, 4]);
    await batch([3, 4, 5]); // 3 and 4 redelivered: stored once
    if (database.backend === 'postgres') expect((await prepared()).map((r) => r.name)).toEqual(NAMES);
    const [stored] = await queryRows<{ n: number; days: number; anchors: number; last: number }>(
      handle.db,
      sql`select (select count(*)::int from heartbeats) as n, (select sum(heartbeats)::int from device_days) as days,
                 (select min(seq)::int from chain_anchors) as anchors, (select min(last_seq)::int from devices) as last`,
    );
    expect(stored).toEqual({ n: 15, days: 15, anchors: 5, last: 5 });
  });
});
