// The rollups with deferred folds (ingest/rollup/): one batch is one statement; two instances on
// one database fold every batch exactly once, also when one takes the other's batches from the
// rows while the other folds them from memory; and certification right after ingest, before any
// fold, counts every heartbeat.
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherCountInput } from '../src/certification/gather.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/index.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { calendarOf } from '../src/domain/calendar.js';
import { HeartbeatWriter } from '../src/ingest/heartbeat-writer.js';
import { foldAllFromRows } from '../src/ingest/rollup/fold.js';
import { DeviceRegistry } from '../src/ingest/device-registry.js';
import { knownHardware } from '../src/enrollment/re-enroll.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { rollupRow, rollupSigned } from '../../test/helpers/rollup-rows.js';
import { seedDevices } from '../../test/helpers/seed-devices.js';

const log = pino({ level: 'silent' });
const calendar = calendarOf(COUNTING_POLICY);
const writerOf = (handle: DatabaseHandle, instanceId: string) =>
  new HeartbeatWriter(handle.db, log, { batchSize: 1_000, flushMs: 60_000, calendar, instanceId, rollupFlushMs: 600_000 });

describe('deferred rollups', () => {
  let database: TestDatabase;
  const handles: DatabaseHandle[] = [];
  const statements: string[] = [];
  let deviceIds: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const open = () =>
      openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 4, onStatement: (text) => statements.push(text) });
    handles.push(await open());
    // PostgreSQL: a second pool, as a second instance has. PGlite is one connection per folder.
    if (database.databaseUrl) handles.push(await open());
    await migrateDatabase(handles[0]!, log);
    deviceIds = await seedDevices(handles[0]!.db, { count: 3 });
  });

  afterAll(async () => {
    for (const h of handles) await h.close();
    await database?.drop();
  });

  /** Every rollup as the stored heartbeats say it must be, beside what the fold wrote. */
  async function derivedAndFolded() {
    const db = handles[0]!.db;
    const q = (text: string) => queryRows<Record<string, unknown>>(db, sql.raw(text));
    return {
      derived: {
        days: await q(`select device_id::text, (filed_at at time zone 'Asia/Shanghai')::date::text as day, count(*)::int as heartbeats,
                              sum(inference_delta)::int as inferences from heartbeats group by 1, 2 order by 1, 2`),
        anchors: await q(`select device_id::text, (filed_at at time zone 'Asia/Shanghai')::date::text as day, max(seq)::int as seq
                            from heartbeats group by 1, 2 order by 1, 2`),
        seen: await q(
          `select d.id::text, coalesce(max(h.seq), 0)::int as last_seq from devices d left join heartbeats h on h.device_id = d.id group by 1 order by 1`,
        ),
        batches: 0,
      },
      folded: {
        days: await q('select device_id::text, day::text, heartbeats, inferences::int from device_days order by 1, 2'),
        anchors: await q('select device_id::text, day::text, seq::int from chain_anchors order by 1, 2'),
        seen: await q('select id::text, last_seq::int from devices order by 1'),
        batches: Number((await q('select count(*) as n from heartbeat_batches'))[0]!.n),
      },
    };
  }

  it('writes a batch as one statement, and a redelivered heartbeat in it is counted once', async () => {
    const writer = writerOf(handles[0]!, 'solo');
    for (const seq of [1, 2]) await writer.enqueue(rollupRow(deviceIds[0]!, seq), rollupSigned(seq));
    await writer.flush();
    statements.length = 0;
    for (const seq of [2, 3]) await writer.enqueue(rollupRow(deviceIds[0]!, seq), rollupSigned(seq));
    await writer.flush();
    // No BEGIN, no COMMIT, no rollup: the heartbeats and the batch's record in one statement.
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^\s*with b as \(select nextval\('heartbeat_batches_id_seq'\)/);
    statements.length = 0;
    await writer.close();
    // The fold, in one transaction (whose BEGIN and COMMIT PGlite does not log): claim, device_days,
    // chain_anchors, devices.
    const words = statements.map((s) => s.trim().split(/\s+/).slice(0, 3).join(' ')).filter((s) => s !== 'begin' && s !== 'commit');
    expect(words).toEqual(['delete from heartbeat_batches', 'insert into device_days', 'insert into chain_anchors', 'update devices d']);
    const { derived, folded } = await derivedAndFolded();
    expect(folded).toEqual(derived);
    expect(folded.days).toContainEqual({ device_id: deviceIds[0], day: '2026-11-05', heartbeats: 3, inferences: 3 });
  });

  it('folds exactly once with two instances, one folding the other’s batches from the rows meanwhile', async () => {
    const a = writerOf(handles[0]!, 'a');
    const b = writerOf(handles.at(-1)!, 'b');
    for (let round = 0; round < 4; round++) {
      const base = 10 + round * 3;
      for (let seq = base; seq < base + 3; seq++) {
        await a.enqueue(rollupRow(deviceIds[1]!, seq), rollupSigned(seq));
        await b.enqueue(rollupRow(deviceIds[2]!, seq), rollupSigned(seq));
        // The broker redelivered a's heartbeats to b as well: whichever commits first stores them.
        await b.enqueue(rollupRow(deviceIds[1]!, seq, rollupRow(deviceIds[1]!, seq).receivedAt.getTime() + 1), rollupSigned(seq));
      }
      await Promise.all([a.flush(), b.flush()]);
      // b, as for a lost peer, folds every batch it finds from the rows: before a folds its own from
      // memory (a finds them gone and drops that memory) or at the same time.
      const steal = () => foldAllFromRows(handles.at(-1)!.db, calendar, sql`true`);
      if (round % 2 === 0) {
        expect(await steal()).toBeGreaterThan(0);
        await a.flushRollups();
        await b.flushRollups();
      } else await Promise.all([a.flushRollups(), b.flushRollups(), steal()]);
    }
    await Promise.all([a.close(), b.close()]);
    const { derived, folded } = await derivedAndFolded();
    expect(folded).toEqual(derived);
    expect(folded.seen).toContainEqual({ id: deviceIds[1], last_seq: 21 });
  });

  it('certification right after ingest counts every heartbeat, before any fold', async () => {
    const writer = writerOf(handles[0]!, 'cert');
    const day = '2026-11-07';
    const at = Date.parse('2026-11-07T02:00:00Z');
    // Three heartbeats 5 min apart: three buckets. Committed, not folded (a 10-minute period).
    for (const [i, seq] of [100, 101, 102].entries()) await writer.enqueue(rollupRow(deviceIds[2]!, seq, at + i * 300_000), rollupSigned(seq));
    await writer.flush();
    // The seeded project, approved: certifiable, so its devices are gathered.
    await handles[0]!.db.execute(
      sql`insert into project_approvals (project_id, total_investment_fen, eligible_investment_fen, window_start, window_end, approved_role, approved_at)
          select project_id, 50000000, 40000000, '2026-01-01', '2026-12-31', 'operator', now() from devices where id = ${deviceIds[2]}::uuid`,
    );
    const [before] = await queryRows<{ n: number }>(handles[0]!.db, sql`select count(*)::int as n from device_days where day = ${day}::date`);
    expect(before!.n).toBe(0);
    const input = await gatherCountInput(handles[0]!.db, COUNTING_POLICY, { start: day, end: day });
    const device = input.devices.find((d) => d.deviceId === deviceIds[2]);
    expect(device?.days).toEqual([[day, 3, 3, 0, 0]]);
    await writer.close();
  });

  it('a device loaded, or re-enrolled, before the fold continues above its newest stored seq', async () => {
    const writer = writerOf(handles[0]!, 'seq');
    const id = deviceIds[0]!;
    for (const seq of [200, 201]) await writer.enqueue(rollupRow(id, seq), rollupSigned(seq));
    await writer.flush();
    const [row] = await queryRows<{ last_seq: number; enterprise_id: string; fingerprint: string }>(
      handles[0]!.db,
      sql`select last_seq::int, enterprise_id::text, fingerprint from devices where id = ${id}::uuid`,
    );
    expect(row!.last_seq).toBeLessThan(200); // not folded yet
    // What a restarted platform loads (ingest's duplicate check and chain start from it) and what a
    // re-enrolled agent is told to continue after (enroll-device.ts: nextSeq = lastSeq + 1).
    expect((await new DeviceRegistry(handles[0]!.db).get(id))?.lastSeq).toBe(201);
    expect((await knownHardware(handles[0]!.db, row!.enterprise_id, row!.fingerprint))?.lastSeq).toBe(201);
    await writer.close();
  });
});
