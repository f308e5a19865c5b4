#!/usr/bin/env node
// Heartbeat writer benchmark: rows per second through the real HeartbeatWriter (one transaction per
// batch, and the rollups into device_days, chain_anchors and devices) into PostgreSQL. Each
// round writes `--rows` new heartbeats spread over `--devices` devices, then the same rows again
// (all redeliveries, which store nothing). Rounds alternate with nothing else running in the script;
// the median round is printed.
//
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node scripts/bench-writer.mjs \
//     [--dist platform/dist] [--rows 50000] [--devices 1000] [--batch 1000] [--rounds 5]
//
// Beside rows per second it prints PostgreSQL's CPU per new row: the backends of the scratch
// database, from /proc (the server runs on this machine), summed over the new-row passes.
//
// `--dist` names the built platform to load, so two builds (before and after a change) can be
// compared on the same server. It creates a fresh database next to the one DATABASE_URL names and
// drops it afterwards.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { createScratchDatabase } from './lib/scratch-database.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'platform/dist' },
    rows: { type: 'string', default: '50000' },
    devices: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    // 'hypertable': the writer's statement that dedupes through heartbeat_keys, on the plain table
    // (to measure what the key table costs; TimescaleDB is not installed here).
    storage: { type: 'string', default: 'table' },
  },
});
const ROWS = Number(values.rows);
const DEVICES = Number(values.devices);
const BATCH = Number(values.batch);
const ROUNDS = Number(values.rounds);
const dist = pathToFileURL(`${resolve(values.dist)}/`);
const load = (path) => import(new URL(path, dist).href);
const { openDatabase } = await load('db/index.js');
const { migrateDatabase } = await load('db/migrate.js');
const { COUNTING_POLICY } = await load('certification/policy.js');
const { calendarOf } = await load('domain/calendar.js');
const { HeartbeatWriter } = await load('ingest/heartbeat-writer.js');

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('DATABASE_URL must name a PostgreSQL server: the benchmark measures PostgreSQL');

const scratch = await createScratchDatabase(serverUrl);
const dataDir = mkdtempSync(join(tmpdir(), 'edgenet-bench-'));
const handle = await openDatabase({ databaseUrl: scratch.url, dataDir, poolSize: 4 });
try {
  const log = pino({ level: 'warn' });
  await migrateDatabase(handle, log);
  const { db } = handle;
  await db.execute(
    sql.raw(`
    insert into enterprises (id, name, uscc, town) values (md5('e')::uuid, 'bench', lpad('1', 18, '0'), 'town');
    insert into projects (id, enterprise_id, name, total_investment_fen, eligible_investment_fen, window_start, window_end)
      values (md5('p')::uuid, md5('e')::uuid, 'bench', 50000000, 40000000, '2025-07-01', '2026-06-30');
    insert into devices (id, enterprise_id, project_id, kind, fingerprint, public_key, key_id, mqtt_password_hash, inventory, agent_version, heartbeat_interval_ms)
      select md5('d' || g)::uuid, md5('e')::uuid, md5('p')::uuid, 'compute_box', encode(sha256(('fp' || g)::bytea), 'hex'), 'k',
             substr(md5('k' || g), 1, 16), 'h', '{}', 'bench', 30000
        from generate_series(1, ${DEVICES}) g`),
  );
  const ids = (await db.execute(sql.raw('select id from devices order by id'))).rows.map((r) => r.id);
  const body = randomBytes(120); // about the size of a signed heartbeat body
  const signed = { signature: randomBytes(64), keyId: '0123456789abcdef' };
  const calendar = calendarOf(COUNTING_POLICY);
  let seqBase = 0;
  const rowsOf = (round) => {
    const rows = [];
    const perDevice = Math.ceil(ROWS / DEVICES);
    const t0 = Date.parse('2026-03-01T00:00:00Z') + round * perDevice * 30_000;
    // Interleaved as devices send: every device's next heartbeat, then the one after.
    for (let k = 0; k < perDevice; k++) {
      for (const deviceId of ids) {
        if (rows.length === ROWS) break;
        const at = new Date(t0 + k * 30_000);
        rows.push({
          deviceId,
          seq: seqBase + k + 1,
          receivedAt: at,
          deviceTime: at,
          filedAt: at,
          filing: 'received',
          inferenceDelta: 10,
          chainOk: null,
          keyId: signed.keyId,
          body,
          signature: signed.signature,
        });
      }
    }
    seqBase += perDevice;
    return rows;
  };
  const monitor = await scratch.session();
  // CPU seconds of each backend of the scratch database but the monitor's own (utime + stime, USER_HZ 100).
  const backendCpu = async () => {
    const out = new Map();
    for (const { pid } of await monitor.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        out.set(pid, (Number(stat[11]) + Number(stat[12])) / 100);
      } catch {
        /* ended meanwhile */
      }
    }
    return out;
  };
  let dbCpuS = 0;
  let dbRows = 0;
  const pass = async (writer, rows) => {
    const t = process.hrtime.bigint();
    for (const row of rows) await writer.enqueue(row, signed);
    await writer.flush();
    // The rollups, where a build folds them apart from the batches (ingest/rollup/): one fold per
    // pass, as one rollup period would hold `--rows` / `--devices` heartbeats of each device.
    await writer.flushRollups?.();
    return Number(process.hrtime.bigint() - t) / 1e9;
  };
  const fresh = [];
  const redelivered = [];
  for (let round = 0; round < ROUNDS; round++) {
    const writer = new HeartbeatWriter(db, log, { batchSize: BATCH, flushMs: 60_000, calendar, storage: values.storage });
    const rows = rowsOf(round);
    const before = await backendCpu();
    const s1 = await pass(writer, rows);
    for (const [pid, s] of await backendCpu()) dbCpuS += s - (before.get(pid) ?? 0);
    dbRows += rows.length;
    const s2 = await pass(writer, rows);
    await writer.close();
    if (writer.failures !== 0) throw new Error('a batch failed: the figures would be meaningless');
    fresh.push(rows.length / s1);
    redelivered.push(rows.length / s2);
    console.log(
      `round ${round + 1}: ${rows.length} new rows in ${s1.toFixed(2)} s (${Math.round(rows.length / s1)} rows/s); redelivered in ${s2.toFixed(2)} s (${Math.round(rows.length / s2)} rows/s)`,
    );
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const [stored] = (await db.execute(sql.raw('select count(*)::int as n from heartbeats'))).rows;
  console.log(
    `bench-writer (${values.dist}): median ${Math.round(median(fresh))} rows/s new, ${Math.round(median(redelivered))} rows/s redelivered; ` +
      `${ROUNDS} rounds of ${ROWS} rows over ${DEVICES} devices, batches of ${BATCH}; ${stored.n} rows stored; ` +
      `PostgreSQL ${((dbCpuS / dbRows) * 1e6).toFixed(1)} µs CPU per new row`,
  );
  await monitor.end();
} finally {
  await handle.close();
  await scratch.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
