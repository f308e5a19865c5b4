#!/usr/bin/env node
// Certification benchmark: a city-sized fleet — 6,000 devices, 24,000 workstations, a
// full award year of daily rollups (2.19 million device-days) — generated on PostgreSQL, then one
// certification run over 2025-07-01 .. 2026-06-30, timed, with the process's peak resident memory.
// Target on a 2-core machine: under 60 s and under 1 GB.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:certify [-- --devices 6000 --days 365]
//
// It creates a fresh database next to the one DATABASE_URL names and drops it afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../platform/dist/db/index.js';
import { migrateDatabase } from '../platform/dist/db/migrate.js';
import { COUNTING_POLICY } from '../platform/dist/certification/policy.js';
import { ReportSigner } from '../platform/dist/certification/signing-keys.js';
import { startCertificationRun } from '../platform/dist/certification/run.js';
import { createScratchDatabase } from './lib/scratch-database.mjs';

const { values } = parseArgs({
  options: { devices: { type: 'string', default: '6000' }, days: { type: 'string', default: '365' }, keep: { type: 'boolean' } },
});
const DEVICES = Number(values.devices);
const DAYS = Number(values.days);
const PER_PROJECT = 20;
const WS_PER_DEVICE = 4;
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = (ms) => (ms / 1000).toFixed(1);

const scratch = await createScratchDatabase(serverUrl);
const dataDir = mkdtempSync(join(tmpdir(), 'edgenet-bench-'));
const handle = await openDatabase({ databaseUrl: scratch.url, dataDir, poolSize: 4 });
try {
  await migrateDatabase(handle, pino({ level: 'warn' }));
  const { db } = handle;
  const projects = Math.ceil(DEVICES / PER_PROJECT);
  const start = '2025-07-01';
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);

  // Step 1: the fleet, generated in SQL (one enterprise per project, 20 devices each, 4 workstations each).
  let t = Date.now();
  await db.execute(
    sql.raw(`
    insert into enterprises (id, name, uscc, town)
      select md5('e' || g)::uuid, 'enterprise ' || g, lpad(g::text, 18, '0'), 'town ' || (g % 32) from generate_series(1, ${projects}) g;
    insert into projects (id, enterprise_id, name, total_investment_fen, eligible_investment_fen, window_start, window_end)
      select md5('p' || g)::uuid, md5('e' || g)::uuid, 'project ' || g, 50000000 + g * 100000, 40000000, '${start}', '${end}' from generate_series(1, ${projects}) g;
    insert into devices (id, enterprise_id, project_id, kind, fingerprint, public_key, key_id, mqtt_password_hash, inventory, agent_version, heartbeat_interval_ms)
      select md5('d' || g)::uuid, md5('e' || ((g - 1) / ${PER_PROJECT} + 1))::uuid, md5('p' || ((g - 1) / ${PER_PROJECT} + 1))::uuid,
             'compute_box', encode(sha256(('fp' || g)::bytea), 'hex'), 'k', substr(md5('k' || g), 1, 16), 'h', '{}', 'bench', 30000
        from generate_series(1, ${DEVICES}) g;
    insert into workstations (enterprise_id, code)
      select md5('e' || ((g - 1) / ${PER_PROJECT} + 1))::uuid, 'WS-' || g || '-' || w from generate_series(1, ${DEVICES}) g, generate_series(1, ${WS_PER_DEVICE}) w;
    insert into workstation_mappings (device_id, enterprise_id, code, revision, valid_from)
      select md5('d' || g)::uuid, md5('e' || ((g - 1) / ${PER_PROJECT} + 1))::uuid, 'WS-' || g || '-' || w, 1, '2025-06-30T00:00:00Z'
        from generate_series(1, ${DEVICES}) g, generate_series(1, ${WS_PER_DEVICE}) w;`),
  );
  const fleetMs = Date.now() - t;

  // Step 2: a year of daily rollups; one device in ten is off one day in three, so counts vary.
  t = Date.now();
  await db.execute(
    sql.raw(`
    insert into device_days (device_id, day, buckets, heartbeats, late_heartbeats, inferences)
      select md5('d' || g)::uuid, date '${start}' + d,
             case when g % 10 = 0 and d % 3 = 0 then repeat('0', 288)::bit(288) else (repeat('1', 200) || repeat('0', 88))::bit(288) end,
             200, 0, 1000 + (g + d) % 97
        from generate_series(1, ${DEVICES}) g, generate_series(0, ${DAYS - 1}) d;
    analyze;`),
  );
  const rollupMs = Date.now() - t;
  const [{ rows: deviceDays }] = [await handle.db.execute(sql`select count(*)::int as n, pg_total_relation_size('device_days') as bytes from device_days`)];

  // Step 3: the certification run itself, with peak memory sampled.
  const signer = new ReportSigner(db, dataDir);
  await signer.load();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  t = Date.now();
  const run = await startCertificationRun({ db, signer, policy: COUNTING_POLICY, window: { start, end }, createdBy: null });
  const certifyMs = Date.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);

  const rows = [
    ['devices', DEVICES.toLocaleString('en')],
    ['projects / enterprises', projects.toLocaleString('en')],
    ['workstations', (DEVICES * WS_PER_DEVICE).toLocaleString('en')],
    ['window', `${start} .. ${end} (${DAYS} days)`],
    ['device-day rollup rows', `${deviceDays[0].n.toLocaleString('en')} (${(Number(deviceDays[0].bytes) / 2 ** 20).toFixed(0)} MiB with index)`],
    ['generate fleet / rollups', `${seconds(fleetMs)} s / ${seconds(rollupMs)} s`],
    ['certification run', `${seconds(certifyMs)} s (target < 60 s)`],
    ['peak resident memory', `${(peak / 2 ** 20).toFixed(0)} MiB (target < 1024 MiB)`],
    ['certified nodes', run.certifiedNodes.toLocaleString('en')],
    ['evidence stored', `${(run.evidence.length / 2 ** 20).toFixed(1)} MiB`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\ncertification benchmark (PostgreSQL, Node ${process.version})`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
} finally {
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (values.keep) console.log(`kept database ${scratch.name}`);
  else await scratch.drop();
}
