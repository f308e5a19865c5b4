#!/usr/bin/env node
// Fleet benchmark (issue #7): starts the platform as its own process, enrolls and connects a
// simulated fleet (scripts/fleet), holds it, and measures what an operator would ask: connect rate,
// heartbeats accepted and stored per second, device-to-commit latency, heartbeats lost or doubled
// (by sequence number), platform memory and CPU, and database rows and bytes per device-day. Then a
// reconnect storm: the platform restarts under the connected fleet.
//
//   npm run bench:fleet -- --devices 10000 --interval 10000 --hold 120 [--backend pglite|postgres] [--storm]
//
// PostgreSQL: DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres);
// a fresh database is made and dropped. Raise `ulimit -n` above the device count first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { apiClient, enrollFleet, sourceRange, startFleet } from './fleet/fleet.mjs';

const { values: o } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '10000' },
    hold: { type: 'string', default: '60' },
    workers: { type: 'string', default: '4' },
    backend: { type: 'string', default: 'postgres' },
    sources: { type: 'string', default: '127.0.0.2-127.0.0.9' },
    misbehave: { type: 'string', default: '0.01' },
    disconnect: { type: 'string', default: '0.001' },
    ramp: { type: 'string', default: '' },
    storm: { type: 'boolean', default: false },
  },
});
const DEVICES = Number(o.devices);
const INTERVAL = Number(o.interval);
const HOLD_S = Number(o.hold);
const RAMP_MS = o.ramp ? Number(o.ramp) : Math.max(10_000, DEVICES / 2); // about 2,000 connects/s
const TOKEN = `op_bench_${randomBytes(16).toString('hex')}`;
const root = new URL('..', import.meta.url).pathname;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

// Raise the soft file-descriptor limit to the hard one for this process and its children, or say
// what to raise: every device is a socket on both sides.
const needFds = DEVICES * 2 + 1_000;
try {
  const hard = Number(execFileSync('sh', ['-c', 'ulimit -Hn']).toString().trim());
  if (hard < needFds) console.warn(`warning: hard file limit ${hard} < ${needFds} needed; raise it (e.g. /etc/security/limits.conf, LimitNOFILE=)`);
} catch { /* not a POSIX shell: say nothing */ }

const dataDir = mkdtempSync(join(tmpdir(), 'edgenet-fleet-'));
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `edgenet_fleet_${randomBytes(4).toString('hex')}`;
const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${dbName}`;
const admin = async (text) => {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try { return await c.query(text); } finally { await c.end(); }
};
if (o.backend === 'postgres') await admin(`create database ${dbName}`);

const httpPort = await freePort();
const mqttPort = await freePort();
const env = {
  ...process.env,
  EDGENET_HTTPS: 'false', EDGENET_MQTT_PLAIN: 'true', EDGENET_HTTP_HOST: '127.0.0.1', EDGENET_HTTP_PORT: String(httpPort),
  EDGENET_MQTT_HOST: '0.0.0.0', EDGENET_MQTT_PORT: String(mqttPort), EDGENET_MQTTS_PORT: '0', EDGENET_DATA_DIR: dataDir,
  EDGENET_OPERATOR_TOKEN: TOKEN, EDGENET_LOG_LEVEL: 'error', EDGENET_RATE_LIMIT_PER_IP: '1000000', EDGENET_RATE_LIMIT_PER_TOKEN: '1000000',
  EDGENET_HEARTBEAT_INTERVAL_MS: String(INTERVAL),
};
if (o.backend === 'postgres') env.DATABASE_URL = dbUrl.toString();
else delete env.DATABASE_URL;

let platform;
let stopping = false; // set while this script itself stops the platform
async function startPlatform() {
  stopping = false;
  platform = spawn(process.execPath, ['--max-old-space-size=6144', join(root, 'platform/dist/server.js')], { env, stdio: ['ignore', 'inherit', 'pipe'] });
  let err = '';
  platform.stderr.on('data', (b) => { err = (err + b).slice(-20_000); });
  const me = platform;
  me.once('exit', (code, signal) => {
    if (!stopping) console.error(`platform exited unexpectedly (code ${code}, signal ${signal}):\n${err.slice(-4_000)}`);
  });
  const deadline = Date.now() + 120_000;
  while (!err.includes('is running')) {
    if (platform.exitCode !== null || Date.now() > deadline) throw new Error(`platform did not start:\n${err}`);
    await sleep(100);
  }
}

/** Resident memory (MiB) and CPU seconds of the platform process, from /proc (Linux). */
function usage() {
  const status = readFileSync(`/proc/${platform.pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  const stat = readFileSync(`/proc/${platform.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  return { rssMiB: rss, cpuS: ticks / 100 };
}

const report = [];
const row = (k, v) => report.push([k, v]);
const api = apiClient(`http://127.0.0.1:${httpPort}`, TOKEN);

try {
  await startPlatform();
  // Step 1: enrollment through the real API.
  const { devices, enrollMs } = await enrollFleet({ api, count: DEVICES, intervalMs: INTERVAL, misbehaveShare: Number(o.misbehave) });
  row('devices enrolled', `${DEVICES.toLocaleString('en')} in ${(enrollMs / 1000).toFixed(1)} s (${Math.round(DEVICES / (enrollMs / 1000)).toLocaleString('en')}/s, bulk API)`);

  // Step 2: the ramp.
  const sources = sourceRange(o.sources);
  const fleet = startFleet({ devices, workers: Number(o.workers), host: '127.0.0.1', port: mqttPort, intervalMs: INTERVAL, rampMs: RAMP_MS, sources, disconnectChance: Number(o.disconnect) });
  const rampStart = Date.now();
  let peakRss = 0;
  while (fleet.connected() < DEVICES && Date.now() - rampStart < RAMP_MS + 120_000) {
    await sleep(500);
    peakRss = Math.max(peakRss, usage().rssMiB);
  }
  const rampMs = Date.now() - rampStart;
  const perSecond = (times) => {
    const bins = new Map();
    for (const t of times) bins.set(Math.floor(t / 1000), (bins.get(Math.floor(t / 1000)) ?? 0) + 1);
    return Math.max(0, ...bins.values());
  };
  row('connected', `${fleet.connected().toLocaleString('en')} of ${DEVICES.toLocaleString('en')} after ${(rampMs / 1000).toFixed(1)} s (ramp spread over ${(RAMP_MS / 1000).toFixed(0)} s; peak ${perSecond(fleet.takeConnectTimes())}/s)`);

  // Step 3: the hold, measured from a fresh latency window.
  await sleep(Math.min(INTERVAL, 10_000));
  const s0 = await api('GET', '/api/v1/ingest/stats?reset=true');
  const u0 = usage();
  const t0 = Date.now();
  const rssSamples = [];
  while (Date.now() - t0 < HOLD_S * 1000) {
    await sleep(1000);
    const u = usage();
    rssSamples.push(u.rssMiB);
    peakRss = Math.max(peakRss, u.rssMiB);
  }
  const s1 = await api('GET', '/api/v1/ingest/stats');
  const u1 = usage();
  const heldS = (Date.now() - t0) / 1000;
  const expectedRate = DEVICES / (INTERVAL / 1000);
  row('heartbeats accepted', `${((s1.accepted.heartbeat - s0.accepted.heartbeat) / heldS).toFixed(0)}/s (fleet makes ${expectedRate.toFixed(0)}/s)`);
  row('heartbeats stored', `${((s1.heartbeatsWritten - s0.heartbeatsWritten) / heldS).toFixed(0)}/s`);
  row('device-to-commit latency', `p50 ${s1.commitLatencyMs.p50Ms} ms, p99 ${s1.commitLatencyMs.p99Ms} ms, max ${s1.commitLatencyMs.maxMs} ms (${s1.commitLatencyMs.count.toLocaleString('en')} heartbeats)`);
  row('platform memory', `${Math.round(rssSamples.reduce((a, b) => a + b, 0) / rssSamples.length)} MiB mean, ${Math.round(peakRss)} MiB peak (resident)`);
  row('platform CPU', `${(((u1.cpuS - u0.cpuS) / heldS) * 100).toFixed(0)}% of one core (2 cores on this machine)`);

  // Step 4: a reconnect storm — the platform restarts under the connected fleet.
  if (o.storm) {
    stopping = true;
    platform.kill('SIGTERM');
    await new Promise((r) => platform.once('exit', r));
    fleet.takeConnectTimes();
    const down = Date.now();
    await startPlatform();
    while (fleet.connected() < DEVICES && Date.now() - down < 300_000) await sleep(250);
    row('reconnect storm', `all ${fleet.connected().toLocaleString('en')} back ${((Date.now() - down) / 1000).toFixed(1)} s after the restart began; peak ${perSecond(fleet.takeConnectTimes())} connects/s`);
  }

  // Step 5: loss and duplicates, by sequence number.
  const drained = await fleet.drain();
  const lastSent = Object.assign({}, ...drained.map((d) => d.lastSeqs));
  const sent = Object.values(lastSent).reduce((a, b) => a + b, 0);
  await sleep(2_000);
  while ((await api('GET', '/api/v1/ingest/stats')).heartbeatsPending > 0) await sleep(200);
  const stored = new Map();
  for (let offset = 0; offset < DEVICES; offset += 1000) {
    const page = await api('GET', `/api/v1/devices?limit=1000&offset=${offset}`);
    for (const d of page.items) stored.set(d.id, d.lastSeq);
  }
  // Rollup days are Shanghai calendar days: ask up to tomorrow (UTC) to be sure today's is in.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const perf = await api('GET', `/api/v1/performance?from=2020-01-01&to=${tomorrow}`);
  const behind = Object.entries(lastSent).filter(([id, seq]) => stored.get(id) !== seq).length;
  row('heartbeats lost', `${sent - perf.heartbeatsReceived} of ${sent.toLocaleString('en')} (devices whose last stored seq is not their last sent: ${behind})`);
  row('heartbeats doubled', `0 stored twice (primary key device_id, seq); ${s1.rejected.duplicate.toLocaleString('en')} redeliveries and replays dropped at ingest`);
  row('misbehaving share', `${o.misbehave}: ${s1.rejected.malformed} malformed, ${s1.rejected.bad_signature} bad signatures dropped`);

  // Step 6: storage per device-day.
  const deviceDays = (DEVICES * (Date.now() - rampStart)) / 86_400_000;
  let bytes;
  if (o.backend === 'postgres') {
    const c = new pg.Client({ connectionString: dbUrl.toString() });
    await c.connect();
    const { rows } = await c.query(`select sum(pg_total_relation_size(t))::bigint as b from unnest(array['heartbeats','device_days','chain_anchors']) t`);
    await c.end();
    bytes = Number(rows[0].b);
  } else {
    bytes = Number(execFileSync('du', ['-sb', join(dataDir, 'pglite')]).toString().split('\t')[0]);
  }
  row('storage', `${(86_400_000 / INTERVAL).toFixed(0)} heartbeat rows and ${Math.round(bytes / deviceDays / 1024).toLocaleString('en')} KiB per device-day (heartbeats + rollups + anchors${o.backend === 'pglite' ? ', whole PGlite folder' : ''})`);
  fleet.stop();
} finally {
  if (platform && platform.exitCode === null && platform.signalCode === null) {
    stopping = true;
    platform.kill('SIGTERM');
    await new Promise((r) => platform.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
  if (o.backend === 'postgres') await admin(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
}

const width = Math.max(...report.map(([k]) => k.length));
console.log(`\nfleet benchmark: ${DEVICES.toLocaleString('en')} devices, one heartbeat per ${INTERVAL / 1000} s, held ${HOLD_S} s, ${o.backend}, embedded aedes broker, Node ${process.version}`);
for (const [k, v] of report) console.log(`  ${k.padEnd(width)}  ${v}`);
