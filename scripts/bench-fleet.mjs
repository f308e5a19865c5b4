#!/usr/bin/env node
// Fleet benchmark: starts the platform as its own process, enrolls and connects a
// simulated fleet (scripts/fleet), holds it, and measures what an operator would ask: connect rate,
// heartbeats accepted and stored per second, device-to-commit latency, heartbeats lost or doubled
// (by sequence number), platform and broker memory and CPU, and database rows and bytes per
// device-day. Then a storm: the platform restarts under the connected fleet.
//
// The same fleet runs against each broker, one after the other, each on a fresh database, and one
// table compares them:
//   aedes      the platform's embedded broker; the storm is a SIGTERM restart, devices reconnect;
//   mosquitto  a Mosquitto of the benchmark's own, the platform in external broker mode
//              (docs/scale-out.md); the storm is SIGKILL: devices stay on the broker, which queues
//              for the platform's persistent session, and the platform must catch up losing nothing.
//              Devices reach it over TLS too (its own listener, a certificate from a CA made here);
//              the platform's own link to it stays plain TCP, as on a private network.
//
//   npm run bench:fleet -- --devices 10000 --interval 10000 --hold 120 [--broker aedes|mosquitto|both]
//                          [--backend postgres|pglite] [--storm] [--full-handshakes] [--platform-workers N] [--workers N]
//                          [--transport tls|tcp] [--disconnect 0.001] [--json FILE]
//
// Devices speak MQTTS by default, trusting exactly one CA as an enrolled agent pins it (the
// platform's own, or the one that signed Mosquitto's certificate); --transport tcp for plain MQTT.
// With Mosquitto, the TLS work of a connection is the broker's: its CPU is counted in the
// per-connect figures beside the platform's and PostgreSQL's.
//
// Each unit is also measured against its floor in the same run (fleet/floor.mjs: Ed25519 verify,
// decode, SHA-256, a bare aedes QoS 1 receive, COPY of the same rows), and per connection: the
// first connection (the ramp: TLS, CONNECT, hello, mapping) and a TLS reconnection (a batch of
// devices dropped and back), as platform + PostgreSQL CPU per connect. Devices skip their heartbeats
// in those two windows; what was stored in them anyway is taken out at the hold's cost per heartbeat.
//
// CPU per stored heartbeat is the platform's process tree and, on PostgreSQL, the backends of its
// database (/proc), over the heartbeats committed in the hold. --json FILE writes those and the other
// headline figures per broker (platformCpuUsPerHeartbeat, dbCpuUsPerHeartbeat, floorUsPerHeartbeat,
// tlsReconnectMs, tlsResumedShare, firstConnectMs, p99CommitMs, lost, doubled, bytesPerHeartbeat, restartAllOnlineS;
// null where the run did not measure one).
//
// PostgreSQL: DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres);
// a fresh database is made and dropped for each broker. Every device is an open file in the
// platform (aedes) or in Mosquitto, and in its simulator process: mind `ulimit -Hn`.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apiClient, defaultWorkers, enrollFleet, sourceRange, startFleet } from './fleet/fleet.mjs';
import { measureFloor } from './fleet/floor.mjs';
import { processTree, treeUsage } from './lib/proc-usage.mjs';
import { createScratchDatabase } from './lib/scratch-database.mjs';
import { freePort, mosquittoCapacity, mosquittoVersion, openFileLimit, PLATFORM_USER_PREFIX, startMosquitto } from './fleet/mosquitto.mjs';

const { values: o } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '10000' },
    hold: { type: 'string', default: '60' },
    broker: { type: 'string', default: 'both' },
    workers: { type: 'string', default: '' },
    'platform-workers': { type: 'string', default: '1' },
    backend: { type: 'string', default: 'postgres' },
    sources: { type: 'string', default: '127.0.0.2-127.0.0.9' },
    misbehave: { type: 'string', default: '0.01' },
    disconnect: { type: 'string', default: '0' }, // a steady state has no random disconnects unless asked
    ramp: { type: 'string', default: '' },
    storm: { type: 'boolean', default: false },
    transport: { type: 'string', default: 'tls' },
    // --full-handshakes: devices never offer their last TLS session, so every handshake is full
    // (the cost before session tickets, measured on the same code).
    'full-handshakes': { type: 'boolean', default: false },
    reconnects: { type: 'string', default: '' },
    json: { type: 'string', default: '' },
  },
});
const DEVICES = Number(o.devices);
const INTERVAL = Number(o.interval);
const HOLD_S = Number(o.hold);
const RAMP_MS = o.ramp ? Number(o.ramp) : Math.max(10_000, DEVICES / 2); // about 2,000 connects/s
const SIM_WORKERS = o.workers ? Number(o.workers) : defaultWorkers(DEVICES);
const PLATFORM_WORKERS = Number(o['platform-workers']);
const TLS = o.transport === 'tls';
const RECONNECTS = o.reconnects ? Number(o.reconnects) : Math.min(1_000, Math.ceil(DEVICES / 2)); // a batch: CPU per reconnect needs many
const BROKERS = o.broker === 'both' ? ['aedes', 'mosquitto'] : [o.broker];
const TOKEN = `op_bench_${randomBytes(16).toString('hex')}`;
const INSTANCE_ID = 'bench';
const PLATFORM_USER = { username: `${PLATFORM_USER_PREFIX}${INSTANCE_ID}`, password: randomBytes(24).toString('hex') };
const STALL_MS = 15_000; // stored count unchanged this long: what is missing is not coming
// The rollups move once per fold: EDGENET_ROLLUP_FLUSH_MS (30 s by default) and a margin.
const ROLLUP_STALL_MS = Number(process.env.EDGENET_ROLLUP_FLUSH_MS ?? 30_000) + 15_000;
const root = new URL('..', import.meta.url).pathname;
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n) => Math.round(n).toLocaleString('en');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

checkSettings();
const columns = [];
for (const broker of BROKERS) {
  console.error(`\n— ${broker}: ${fmt(DEVICES)} devices —`);
  const { rows, summary } = await runOnce(broker);
  columns.push({ broker, title: brokerTitle(broker), rows, summary });
}
printTable(columns);
if (o.json) {
  const settings = { devices: DEVICES, intervalMs: INTERVAL, holdS: HOLD_S, backend: o.backend, storm: o.storm, node: process.version, cores: cpus().length };
  writeFileSync(o.json, `${JSON.stringify({ settings, brokers: Object.fromEntries(columns.map((c) => [c.broker, c.summary])) }, null, 2)}\n`);
  console.error(`summary written to ${o.json}`);
}
process.exitCode = columns.some((c) => c.rows.has('failed')) ? 1 : 0;

/**
 * Settings that cannot work are refused before anything starts, all at once. The open-file limit
 * is the one that bites: a broker process holds one descriptor per device, and only a process with
 * CAP_SYS_RESOURCE may raise the hard limit.
 */
function checkSettings() {
  const problems = [];
  if (!['aedes', 'mosquitto', 'both'].includes(o.broker)) problems.push(`--broker must be aedes, mosquitto or both, not ${o.broker}`);
  if (!['tls', 'tcp'].includes(o.transport)) problems.push(`--transport must be tls or tcp, not ${o.transport}`);
  if (!Number.isInteger(RECONNECTS) || RECONNECTS < 0 || RECONNECTS > DEVICES) problems.push('--reconnects must be a whole number from 0 to --devices');
  if (!['postgres', 'pglite'].includes(o.backend)) problems.push(`--backend must be postgres or pglite, not ${o.backend}`);
  for (const [name, v] of [
    ['--devices', DEVICES],
    ['--interval', INTERVAL],
    ['--hold', HOLD_S],
    ['--workers', SIM_WORKERS],
    ['--platform-workers', PLATFORM_WORKERS],
  ]) {
    if (!Number.isInteger(v) || v < 1) problems.push(`${name} must be a whole number above 0`);
  }
  if (PLATFORM_WORKERS > 1 && o.backend !== 'postgres')
    problems.push('--platform-workers above 1 needs --backend postgres: processes cannot share one PGlite folder');
  const { hard } = openFileLimit();
  if (BROKERS.includes('mosquitto') && DEVICES > mosquittoCapacity()) {
    problems.push(
      `Mosquitto holds every device's connection in one process, one open file each, and this machine allows ${fmt(hard)} per process ` +
        `(ulimit -Hn; raising it needs CAP_SYS_RESOURCE, e.g. LimitNOFILE= for a service): at most ${fmt(mosquittoCapacity())} devices, not ${fmt(DEVICES)}. ` +
        'Run fewer devices, or --broker aedes; more needs several brokers (a cluster, as EMQX in docker-compose.yml), which this benchmark does not start',
    );
  }
  if (Math.ceil(DEVICES / SIM_WORKERS) + 100 > hard)
    problems.push(
      `--workers ${SIM_WORKERS}: ${fmt(Math.ceil(DEVICES / SIM_WORKERS))} devices per simulator process exceed the ${fmt(hard)} open files one process may hold`,
    );
  if (problems.length > 0) {
    console.error(`bench:fleet cannot run:\n  - ${problems.join('\n  - ')}`);
    process.exit(2);
  }
  if (BROKERS.includes('aedes') && DEVICES + 1_000 > hard * PLATFORM_WORKERS) {
    console.warn(
      `warning: the platform holds one open file per device with its embedded broker; the hard limit is ${fmt(hard)} per process: use --platform-workers ${Math.ceil((DEVICES + 1_000) / (hard - 2_000))} or more`,
    );
  }
}

/**
 * EDGENET_WORKERS is for the embedded broker (workers share its port); in external broker mode the
 * platform refuses it and takes one instance per process, each its own EDGENET_INSTANCE_ID, which
 * this benchmark does not start: there the platform is one process.
 */
function platformProcesses(broker) {
  return broker === 'aedes' ? PLATFORM_WORKERS : 1;
}

function brokerTitle(broker) {
  const workers = platformProcesses(broker) > 1 ? `, EDGENET_WORKERS=${PLATFORM_WORKERS}` : '';
  const single = PLATFORM_WORKERS > 1 && platformProcesses(broker) === 1 ? '; one platform process' : '';
  return broker === 'aedes'
    ? `aedes (embedded in the platform${workers}; ${TLS ? 'MQTTS' : 'MQTT over TCP'})`
    : `Mosquitto ${mosquittoVersion()} (external broker mode${single}; devices over ${TLS ? 'MQTTS' : 'MQTT over TCP'})`;
}

/** One whole benchmark against one broker, on a fresh database; returns the table's rows for it. */
async function runOnce(broker) {
  const rows = new Map();
  // The machine-readable figures (--json): null where this run did not measure one.
  const summary = {
    platformCpuUsPerHeartbeat: null,
    dbCpuUsPerHeartbeat: null,
    p99CommitMs: null,
    lost: null,
    doubled: null,
    bytesPerHeartbeat: null,
    restartAllOnlineS: null,
    floorUsPerHeartbeat: null,
    // Mosquitto's own CPU per stored heartbeat, in external broker mode (null with aedes, which is
    // inside the platform's figure).
    brokerCpuUsPerHeartbeat: null,
    // Platform + PostgreSQL (+ Mosquitto) CPU ms per connection, split beside it; over plain TCP it
    // is reconnectMs and tlsReconnectMs stays null.
    tlsReconnectMs: null,
    // Of the TLS handshakes in that reconnect window, the share that resumed the device's previous
    // session from its ticket (RFC 8446 §2.2) rather than a full handshake; null without TLS.
    tlsResumedShare: null,
    reconnectMs: null,
    reconnectSplitMs: null,
    firstConnectMs: null,
    firstConnectSplitMs: null,
    floor: null,
  };
  const row = (k, v) => rows.set(k, v);
  const dataDir = mkdtempSync(join(tmpdir(), 'edgenet-fleet-'));
  let db = null;
  let mosquitto = null;
  let platform = null;
  let fleet = null;
  let databaseMeter = null;
  try {
    db = await freshDatabase();
    const httpPort = await freePort();
    const env = {
      ...process.env,
      EDGENET_HTTPS: 'false',
      EDGENET_HTTP_HOST: '127.0.0.1',
      EDGENET_HTTP_PORT: String(httpPort),
      EDGENET_MQTTS_PORT: '0',
      EDGENET_DATA_DIR: dataDir,
      EDGENET_OPERATOR_TOKEN: TOKEN,
      EDGENET_LOG_LEVEL: 'error',
      EDGENET_RATE_LIMIT_PER_IP: '1000000',
      EDGENET_RATE_LIMIT_PER_TOKEN: '1000000',
      EDGENET_HEARTBEAT_INTERVAL_MS: String(INTERVAL),
      // The simulator puts thousands of devices on each loopback source address, more than the
      // per-address connection cap and burst allow a real NAT (platform/src/net/connection-guard.ts).
      EDGENET_MQTT_MAX_CONNECTIONS_PER_ADDRESS: '10000000',
      EDGENET_CONNECT_BURST_PER_ADDRESS: '10000000',
    };
    delete env.DATABASE_URL;
    if (db) env.DATABASE_URL = db.url;
    if (platformProcesses(broker) > 1) env.EDGENET_WORKERS = String(platformProcesses(broker));
    let mqtt;
    let brokerTls = null;
    if (broker === 'mosquitto') {
      // External mode needs the broker's address at start, so Mosquitto comes first, with only the
      // platform's user; the devices' users follow enrollment.
      brokerTls = TLS ? await brokerCertificate() : null;
      mosquitto = await startMosquitto([PLATFORM_USER], brokerTls ? { tls: brokerTls } : {});
      mqtt = { host: mosquitto.host, port: mosquitto.tlsPort ?? mosquitto.port };
      Object.assign(env, {
        EDGENET_BROKER_URL: mosquitto.url,
        EDGENET_MQTT_PUBLIC_URL: brokerTls ? `mqtts://${mosquitto.host}:${mosquitto.tlsPort}` : mosquitto.url,
        EDGENET_INSTANCE_ID: INSTANCE_ID,
        EDGENET_BROKER_USERNAME: PLATFORM_USER.username,
        EDGENET_BROKER_PASSWORD: PLATFORM_USER.password,
      });
    } else if (TLS) {
      mqtt = { host: '127.0.0.1', port: await freePort() };
      env.EDGENET_MQTTS_PORT = String(mqtt.port);
    } else {
      mqtt = { host: '127.0.0.1', port: await freePort() };
      Object.assign(env, { EDGENET_MQTT_PLAIN: 'true', EDGENET_MQTT_HOST: '0.0.0.0', EDGENET_MQTT_PORT: String(mqtt.port) });
    }
    platform = platformProcess(env);
    await platform.start();
    // The platform made its CA and server certificate in its data folder (tls/material.ts); the
    // devices pin that CA (or the one that signed Mosquitto's), and the floor's bare broker serves
    // the same certificate.
    const tls = brokerTls
      ? brokerTls
      : TLS
        ? {
            ca: readFileSync(join(dataDir, 'tls/ca.pem'), 'utf8'),
            cert: readFileSync(join(dataDir, 'tls/server.pem'), 'utf8'),
            key: readFileSync(join(dataDir, 'tls/server-key.pem'), 'utf8'),
          }
        : null;
    const api = apiClient(`http://127.0.0.1:${httpPort}`, TOKEN);
    const stored = async () => (await api('GET', `/api/v1/performance?from=2020-01-01&to=${tomorrow()}`)).heartbeatsReceived;
    // Committed heartbeat rows: the rollups trail them by the platform's rollup period
    // (EDGENET_ROLLUP_FLUSH_MS, 30 s), so a window's CPU is divided by the rows its batches committed,
    // counted in the database (one count per window edge); PGlite has no session of ours: rollups.
    const committed = async () => (db ? Number((await db.query('select count(*)::bigint as n from heartbeats'))[0].n) : stored());
    const brokerAlive = () => {
      if (mosquitto && !mosquitto.running()) throw new Error(`Mosquitto exited: ${mosquitto.output().slice(-2_000)}`);
    };

    // Step 1: enrollment through the real API; then the broker learns the credentials.
    const { devices, enrollMs } = await enrollFleet({ api, count: DEVICES, intervalMs: INTERVAL, misbehaveShare: Number(o.misbehave) });
    let enrolled = `${fmt(DEVICES)} in ${seconds(enrollMs)} (${fmt(DEVICES / (enrollMs / 1000))}/s, bulk API)`;
    if (mosquitto) {
      const t = Date.now();
      await mosquitto.addUsers(devices.map((d) => ({ username: d.deviceId, password: d.password })));
      enrolled += `; password file written and reloaded (SIGHUP) in ${seconds(Date.now() - t)}`;
    }
    row('devices enrolled', enrolled);

    // Step 2: the ramp.
    const platformMeter = meter(() => platform.pid);
    const brokerMeter = mosquitto ? meter(() => mosquitto.pid) : null;
    databaseMeter = db ? backendMeter(db) : null;
    const brokerPid = mosquitto ? mosquitto.pid : null;
    const firstConnects = await cpuWindow(platform.pid, brokerPid, db, committed);
    fleet = startFleet({
      devices,
      workers: SIM_WORKERS,
      ...mqtt,
      ca: tls?.ca ?? null,
      paused: true, // no heartbeats in the ramp: its CPU is the first connections'
      intervalMs: INTERVAL,
      rampMs: RAMP_MS,
      sources: sourceRange(o.sources),
      disconnectChance: Number(o.disconnect),
      resume: !o['full-handshakes'],
    });
    const rampStart = Date.now();
    while (fleet.connected() < DEVICES && Date.now() - rampStart < RAMP_MS + 120_000) {
      await sleep(500);
      brokerAlive();
      platformMeter.sample();
      brokerMeter?.sample();
      await firstConnects.sample();
    }
    const refused = fleet.total('connectFailures');
    row(
      'connected',
      `${fmt(fleet.connected())} of ${fmt(DEVICES)} after ${seconds(Date.now() - rampStart)} (ramp spread over ${seconds(RAMP_MS)}; peak ${peakPerSecond(fleet.takeConnectTimes())}/s)${refused ? `; ${fmt(refused)} connections refused` : ''}`,
    );

    // Step 3: the hold, measured from a fresh latency window once the platform has caught up with
    // the ramp: every connected device's hello handled (with an external broker, a fast ramp leaves
    // a queue there that the platform drains first), then one more interval at most 10 s.
    const settleBy = Date.now() + 300_000;
    while (Date.now() < settleBy && (await api('GET', '/api/v1/ingest/stats')).accepted.hello < fleet.total('connects')) {
      await sleep(1_000);
      await firstConnects.sample();
    }
    await sleep(1_000); // the last hellos' and mappings' writes
    await fleet.refresh();
    const firstConnectWindow = { ...(await firstConnects.end()), connects: fleet.total('connects') };
    fleet.pause(false);
    await sleep(Math.min(INTERVAL, 10_000));
    const s0 = await api('GET', '/api/v1/ingest/stats?reset=true');
    const stored0 = await committed();
    platformMeter.startWindow();
    brokerMeter?.startWindow();
    await databaseMeter?.startWindow();
    const t0 = Date.now();
    while (Date.now() - t0 < HOLD_S * 1000) {
      await sleep(1000);
      brokerAlive();
      platformMeter.sample();
      brokerMeter?.sample();
      await databaseMeter?.sample();
    }
    const s1 = await api('GET', '/api/v1/ingest/stats');
    const heldS = (Date.now() - t0) / 1000;
    // Stored is counted in the database, whatever the platform's shape; a cluster's ingest stats add
    // up every worker's (the others' at most a second old).
    row('heartbeats accepted', `${fmt((s1.accepted.heartbeat - s0.accepted.heartbeat) / heldS)}/s (fleet makes ${fmt(DEVICES / (INTERVAL / 1000))}/s)`);
    const storedInHold = (await committed()) - stored0;
    row('heartbeats stored', `${fmt(storedInHold / heldS)}/s (committed rows${db ? '' : ', by the daily rollups'})`);
    summary.p99CommitMs = s1.commitLatencyMs.p99Ms;
    row(
      'device-to-commit latency',
      `p50 ${s1.commitLatencyMs.p50Ms} ms, p99 ${s1.commitLatencyMs.p99Ms} ms, max ${s1.commitLatencyMs.maxMs} ms (${fmt(s1.commitLatencyMs.count)} heartbeats)`,
    );
    const { memory, cpu } = platformMeter.summary();
    const tree = platformProcesses(broker) > 1 ? ", summed over the platform's process tree" : '';
    row('platform memory', `${memory}${tree}`);
    row('platform CPU', `${cpu}${tree}`);
    row('broker process', brokerMeter ? `${brokerMeter.summary().memory}; ${brokerMeter.summary().cpu}` : 'inside the platform (counted in its rows)');
    // CPU per stored heartbeat in the hold: CPU seconds of the process tree (and of the database's
    // backends) over the heartbeats committed in the same window.
    if (storedInHold > 0) {
      const perHeartbeat = (cpuS) => Math.round((cpuS / storedInHold) * 1e6);
      summary.platformCpuUsPerHeartbeat = perHeartbeat(platformMeter.summary().cpuS);
      const database = databaseMeter ? await databaseMeter.summary() : null;
      if (database) summary.dbCpuUsPerHeartbeat = perHeartbeat(database.cpuS);
      row(
        'CPU per stored heartbeat',
        `platform ${fmt(summary.platformCpuUsPerHeartbeat)} µs` +
          (database
            ? `, PostgreSQL ${fmt(summary.dbCpuUsPerHeartbeat)} µs (${database.backends} backends of its database)`
            : ', PostgreSQL not measured (PGlite runs inside the platform)') +
          (brokerMeter ? `, Mosquitto ${fmt(perHeartbeat(brokerMeter.summary().cpuS))} µs` : ''),
      );
      if (brokerMeter) summary.brokerCpuUsPerHeartbeat = perHeartbeat(brokerMeter.summary().cpuS);
      const perConnect = connectCost(firstConnectWindow, summary);
      if (perConnect) {
        summary.firstConnectMs = perConnect.ms;
        summary.firstConnectSplitMs = perConnect.split;
        row(
          'first connection',
          `${describeConnect(perConnect)}, over the ramp's ${fmt(firstConnectWindow.connects)} connects${TLS ? ' (TLS handshake, CONNECT, hello, mapping)' : ''}`,
        );
      }
    }

    // Step 3b: reconnection, a batch of devices dropped at once and back (TLS, CONNECT, hello, mapping).
    if (RECONNECTS > 0 && summary.platformCpuUsPerHeartbeat !== null) {
      await fleet.refresh();
      const connects0 = fleet.total('connects');
      const tls0 = tlsCounts(fleet);
      const hello0 = (await api('GET', '/api/v1/ingest/stats')).accepted.hello;
      fleet.pause(true);
      await sleep(2_000); // heartbeats in flight committed
      const window = await cpuWindow(platform.pid, brokerPid, db, committed);
      fleet.reconnect(RECONNECTS);
      const by = Date.now() + 120_000;
      while (Date.now() < by && (await api('GET', '/api/v1/ingest/stats')).accepted.hello < hello0 + RECONNECTS) {
        await sleep(500);
        await window.sample();
      }
      await sleep(1_000);
      await fleet.refresh();
      const reconnectWindow = { ...(await window.end()), connects: fleet.total('connects') - connects0 };
      const resumed = tlsSince(fleet, tls0);
      fleet.pause(false);
      if (tls && resumed.handshakes > 0) summary.tlsResumedShare = Number((resumed.resumed / resumed.handshakes).toFixed(3));
      const perConnect = connectCost(reconnectWindow, summary);
      if (perConnect) {
        summary.reconnectMs = perConnect.ms;
        summary.reconnectSplitMs = perConnect.split;
        if (tls) summary.tlsReconnectMs = perConnect.ms;
        row(
          'reconnection',
          `${describeConnect(perConnect)}, over ${fmt(reconnectWindow.connects)} ${tls ? 'TLS ' : ''}reconnects of devices dropped at once` +
            (tls ? `; ${describeResumed(resumed)}` : ''),
        );
      }
    }

    // Step 4: the storm.
    if (o.storm) {
      if (mosquitto) {
        // SIGKILL, the whole process tree at once: in external mode nothing is acknowledged before
        // it is committed, so a kill at any moment must lose nothing.
        await fleet.refresh();
        const disconnects = fleet.total('disconnects');
        const killed = Date.now();
        await platform.stop('SIGKILL');
        await platform.start();
        const upMs = Date.now() - killed;
        await fleet.refresh();
        const target = fleet.total('acked'); // every heartbeat the broker had taken when the platform came back
        const backlog = target - (await committed());
        const caught = await waitStored(committed, target);
        await fleet.refresh();
        row(
          'storm',
          `platform killed (SIGKILL) under the fleet, consuming again after ${seconds(upMs)}; the ${fmt(backlog)} heartbeats Mosquitto held for it by then ` +
            `${caught.reached ? `all stored ${seconds(caught.at - killed)} after the kill` : `not all stored: ${fmt(target - caught.count)} missing after ${seconds(caught.at - killed)}`}; ` +
            `devices stayed connected (${fleet.total('disconnects') - disconnects} disconnects, the random ones)`,
        );
      } else {
        fleet.takeConnectTimes();
        await fleet.refresh();
        const stormTls0 = tlsCounts(fleet);
        const down = Date.now();
        await platform.stop('SIGTERM');
        await platform.start();
        while (fleet.connected() < DEVICES && Date.now() - down < 300_000) await sleep(250);
        row(
          'storm',
          `platform restarted (SIGTERM) under the fleet: ${fleet.connected() < DEVICES ? `${fmt(fleet.connected())} of ${fmt(DEVICES)}` : `all ${fmt(DEVICES)}`} ` +
            `back ${seconds(Date.now() - down)} after the restart began; peak ${peakPerSecond(fleet.takeConnectTimes())} connects/s` +
            (tls ? `; ${describeResumed(tlsSince(fleet, stormTls0))}` : ''),
        );
        if (fleet.connected() >= DEVICES) summary.restartAllOnlineS = Number(((Date.now() - down) / 1000).toFixed(1));
      }
    }

    // Step 5: loss and duplicates, by sequence number.
    const drained = await fleet.drain();
    const lastSent = Object.assign({}, ...drained.map((d) => d.lastSeqs));
    const sent = Object.values(lastSent).reduce((a, b) => a + b, 0);
    await waitStored(committed, sent);
    // The daily rollups and the devices' last seq follow at the platform's next rollup fold.
    await waitStored(stored, await committed(), ROLLUP_STALL_MS);
    let s2 = await api('GET', '/api/v1/ingest/stats');
    for (const deadline = Date.now() + 30_000; s2.heartbeatsPending > 0 && Date.now() < deadline; s2 = await api('GET', '/api/v1/ingest/stats'))
      await sleep(200);
    const lastStored = new Map();
    for (let offset = 0; offset < DEVICES; offset += 1000) {
      const page = await api('GET', `/api/v1/devices?limit=1000&offset=${offset}`);
      for (const d of page.items) lastStored.set(d.id, d.lastSeq);
    }
    const behind = Object.entries(lastSent).filter(([id, seq]) => lastStored.get(id) !== seq).length;
    const redelivered = `${fmt(s2.rejected.duplicate)} redeliveries and replays dropped at ingest${o.storm ? ' since the restart' : ''}`;
    if (db) {
      const [c] = await db.query(
        `select count(*)::bigint n, count(distinct (device_id, seq))::bigint d, (select coalesce(sum(heartbeats), 0) from device_days)::bigint r from heartbeats`,
      );
      const [n, d, r] = [Number(c.n), Number(c.d), Number(c.r)];
      row('heartbeats lost', `${fmt(sent - d)} of ${fmt(sent)} (devices whose last stored seq is not their last sent: ${behind})`);
      Object.assign(summary, { lost: sent - d, doubled: n - d + (r - d) });
      row('heartbeats doubled', `${fmt(n - d)} stored twice, ${fmt(r - d)} counted twice in the daily rollups; ${redelivered}`);
    } else {
      const r = await stored();
      row('heartbeats lost', `${fmt(sent - r)} of ${fmt(sent)}, by the daily rollups (devices whose last stored seq is not their last sent: ${behind})`);
      summary.lost = sent - r;
      row('heartbeats doubled', `not counted on PGlite (the primary key (device_id, seq) forbids it); ${redelivered}`);
    }
    row('misbehaving share', `${o.misbehave}: ${fmt(s1.rejected.malformed)} malformed, ${fmt(s1.rejected.bad_signature)} bad signatures dropped in the hold`);

    // Step 6: storage per device-day: every table a heartbeat is written to (heartbeat_keys only on a
    // TimescaleDB hypertable; heartbeat_batches until the next fold).
    const deviceDays = (DEVICES * (Date.now() - rampStart)) / 86_400_000;
    const bytes = db
      ? Number(
          (
            await db.query(
              `select sum(pg_total_relation_size(t))::bigint as b from unnest(array['heartbeats','heartbeat_keys','heartbeat_batches','device_days','chain_anchors']) t`,
            )
          )[0].b,
        )
      : Number(
          execFileSync('du', ['-sb', join(dataDir, 'pglite')])
            .toString()
            .split('\t')[0],
        );
    if (db) {
      const [h] = await db.query('select count(*)::bigint n from heartbeats');
      if (Number(h.n) > 0) summary.bytesPerHeartbeat = Math.round(bytes / Number(h.n));
    }
    // Step 7: the floor, on this machine now, with the fleet idle (drained).
    const floor = await measureFloor({ db, tls });
    summary.floor = floor;
    summary.floorUsPerHeartbeat = floor.totalUs;
    row(
      'floor per heartbeat',
      `${floor.totalUs} µs: platform ${floor.platformUs} (Ed25519 verify ${floor.verifyUs} with ${floor.verifier}` +
        (floor.verifier === 'openssl' ? '' : `, OpenSSL's ${floor.verifyOpensslUs}`) +
        `, decode ${floor.decodeUs}, SHA-256 ${floor.sha256Us}, ` +
        `bare aedes QoS 1 receive ${floor.receiveUs}${tls ? ' over TLS' : ''}, COPY text ${floor.copyClientUs})` +
        (floor.dbUs !== null ? ` + PostgreSQL ${floor.dbUs} (server side of COPY into a heartbeats-shaped table)` : ''),
    );
    if (summary.platformCpuUsPerHeartbeat !== null) {
      const ratio = (a, b) => (a === null || !b ? '—' : `${(a / b).toFixed(1)}×`);
      const all = summary.platformCpuUsPerHeartbeat + (summary.dbCpuUsPerHeartbeat ?? 0);
      row(
        'CPU per heartbeat / floor',
        `platform ${summary.platformCpuUsPerHeartbeat} / ${floor.platformUs} µs = ${ratio(summary.platformCpuUsPerHeartbeat, floor.platformUs)}` +
          (summary.dbCpuUsPerHeartbeat !== null
            ? `; PostgreSQL ${summary.dbCpuUsPerHeartbeat} / ${floor.dbUs} µs = ${ratio(summary.dbCpuUsPerHeartbeat, floor.dbUs)}`
            : '') +
          `; all ${all} / ${floor.totalUs} µs = ${ratio(all, floor.totalUs)}`,
      );
    }
    row(
      'storage',
      `${fmt(86_400_000 / INTERVAL)} heartbeat rows and ${fmt(bytes / deviceDays / 1024)} KiB per device-day (heartbeats + rollups + anchors${db ? '' : ', whole PGlite folder'})`,
    );
  } catch (err) {
    console.error(`${broker}: ${err.stack ?? err}`);
    row(
      'failed',
      String(err.message ?? err)
        .split('\n')[0]
        .slice(0, 200),
    );
  } finally {
    await databaseMeter?.close();
    await fleet?.stop();
    await platform?.stop('SIGTERM');
    await mosquitto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await db?.drop().catch(() => undefined);
  }
  return { rows, summary };
}

/**
 * Platform and PostgreSQL CPU over a window (the connection figures): the platform's process tree,
 * and its database's backends sampled as the hold's are; with the heartbeats stored meanwhile.
 */
async function cpuWindow(pid, brokerPid, db, stored) {
  const database = db ? backendMeter(db) : null;
  await database?.startWindow();
  const platform0 = treeUsage(pid).cpuS;
  const broker0 = brokerPid ? treeUsage(brokerPid).cpuS : 0;
  const stored0 = await stored();
  return {
    sample: async () => database?.sample(),
    async end() {
      const platformS = treeUsage(pid).cpuS - platform0;
      const brokerS = brokerPid ? treeUsage(brokerPid).cpuS - broker0 : 0;
      const dbS = database ? (await database.summary()).cpuS : 0;
      await database?.close();
      return { platformS, brokerS, dbS, heartbeats: (await stored()) - stored0 };
    },
  };
}

/**
 * CPU ms per connection over a window: what the window spent, less its stored heartbeats at the
 * hold's CPU per heartbeat (devices keep beating meanwhile), over the connects in it.
 */
function connectCost(w, summary) {
  if (w.connects <= 0 || summary.platformCpuUsPerHeartbeat === null) return null;
  const less = (cpuS, usPerHeartbeat) => Math.max(0, cpuS - (w.heartbeats * (usPerHeartbeat ?? 0)) / 1e6);
  const platformMs = (less(w.platformS, summary.platformCpuUsPerHeartbeat) / w.connects) * 1000;
  const dbMs = (less(w.dbS, summary.dbCpuUsPerHeartbeat) / w.connects) * 1000;
  const brokerMs = (less(w.brokerS, summary.brokerCpuUsPerHeartbeat) / w.connects) * 1000;
  const r = (n) => Math.round(n * 100) / 100;
  const split = { platform: r(platformMs), db: r(dbMs), ...(w.brokerS > 0 ? { broker: r(brokerMs) } : {}) };
  return { ms: r(platformMs + dbMs + brokerMs), split, heartbeats: w.heartbeats };
}

function describeConnect(c) {
  const broker = c.split.broker !== undefined ? ` + Mosquitto ${c.split.broker}` : '';
  return `${c.ms} ms CPU per connect (platform ${c.split.platform} + PostgreSQL ${c.split.db}${broker}; ${fmt(c.heartbeats)} heartbeats stored meanwhile taken out)`;
}

/** A CA and a server certificate for 127.0.0.1 signed by it, for the benchmark's Mosquitto (tls/issue.ts). */
async function brokerCertificate() {
  const { createCa, createServerCertificate } = await import('../platform/dist/tls/issue.js');
  const ca = await createCa('edgenet bench broker CA');
  const server = await createServerCertificate(ca, ['127.0.0.1']);
  return { ca: ca.cert, cert: server.cert, key: server.key };
}

/** A fresh PostgreSQL database for one run (null with PGlite: the run's data folder holds it). */
async function freshDatabase() {
  if (o.backend !== 'postgres') return null;
  return createScratchDatabase(serverUrl, 'edgenet_fleet');
}

/** The simulators' TLS handshakes so far, and how many resumed a session (fleet/sim-worker.mjs). */
function tlsCounts(fleet) {
  return { handshakes: fleet.total('tlsHandshakes'), resumed: fleet.total('tlsResumed') };
}

function tlsSince(fleet, before) {
  const now = tlsCounts(fleet);
  return { handshakes: now.handshakes - before.handshakes, resumed: now.resumed - before.resumed };
}

function describeResumed({ handshakes, resumed }) {
  return `${fmt(resumed)} of ${fmt(handshakes)} TLS handshakes resumed a session (${handshakes ? ((100 * resumed) / handshakes).toFixed(1) : '0'}%)`;
}

/** The platform as its own process (platform/dist/server.js), started again after a stop. */
function platformProcess(env) {
  let child = null;
  let stopping = false; // set while this script itself stops the platform
  return {
    get pid() {
      return child.pid;
    },
    async start() {
      stopping = false;
      child = spawn(process.execPath, ['--max-old-space-size=6144', join(root, 'platform/dist/server.js')], { env, stdio: ['ignore', 'inherit', 'pipe'] });
      const me = child;
      let err = '';
      me.stderr.on('data', (b) => {
        err = (err + b).slice(-20_000);
      });
      me.once('exit', (code, signal) => {
        if (!stopping) console.error(`platform exited unexpectedly (code ${code}, signal ${signal}):\n${err.slice(-4_000)}`);
      });
      // Up when it says so, and ready when /readyz says both database and broker are (in external
      // mode: subscribed and consuming).
      const deadline = Date.now() + 120_000;
      const ready = async () =>
        err.includes('is running') &&
        (await fetch(`http://127.0.0.1:${env.EDGENET_HTTP_PORT}/readyz`).then(
          (r) => r.ok,
          () => false,
        ));
      while (!(await ready())) {
        if (me.exitCode !== null || Date.now() > deadline) throw new Error(`platform did not start:\n${err.slice(-4_000)}`);
        await sleep(100);
      }
    },
    /** SIGKILL goes to every process of the platform at once, as a machine failure would; SIGTERM to the main one, which stops its own. */
    async stop(signal) {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      const me = child;
      const exited = new Promise((r) => me.once('exit', r));
      const kill = (sig) => {
        for (const pid of sig === 'SIGKILL' ? processTree(me.pid) : [me.pid]) {
          try {
            process.kill(pid, sig);
          } catch {
            /* gone already */
          }
        }
      };
      kill(signal);
      // A shutdown that hangs must not hang the benchmark.
      const late = setTimeout(() => kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(late);
    },
  };
}

/**
 * Waits until `stored` (committed rows, or the daily rollups) reaches `target`, or until the count
 * has not moved for `stallMs`: then what is missing is not on its way.
 */
async function waitStored(stored, target, stallMs = STALL_MS) {
  let count = await stored();
  let movedAt = Date.now();
  while (count < target && Date.now() - movedAt < stallMs) {
    await sleep(250);
    const now = await stored();
    if (now !== count) movedAt = Date.now();
    count = now;
  }
  return { reached: count >= target, count, at: count >= target ? Date.now() : movedAt };
}

/** Samples a process tree: peak memory over everything sampled, mean memory and CPU over the window. */
function meter(pidOf) {
  let peak = 0;
  let window = [];
  let first = null;
  let last = null;
  return {
    sample() {
      last = treeUsage(pidOf());
      peak = Math.max(peak, last.rssMiB);
      window.push(last);
    },
    startWindow() {
      this.sample();
      first = last;
      window = [];
    },
    summary() {
      const mean = window.reduce((n, u) => n + u.rssMiB, 0) / window.length;
      const cpuPct = ((last.cpuS - first.cpuS) / ((last.at - first.at) / 1000)) * 100;
      return {
        cpuS: last.cpuS - first.cpuS,
        memory: `${fmt(mean)} MiB mean, ${fmt(peak)} MiB peak (resident)`,
        cpu: `${cpuPct.toFixed(0)}% of one core (${cpus().length} cores on this machine)`,
      };
    },
  };
}

/**
 * CPU of the PostgreSQL backends serving the run's database (the server runs on this machine, so
 * /proc shows them): sampled every second, each backend counted from its first sample in the window
 * (from zero when it was born inside it) to its last, so one that ends takes what it spent along.
 * The sampler asks over one session of its own, left out of the sum.
 */
function backendMeter(db) {
  const ticks = new Map(); // pid -> { first, last } in CPU seconds
  let windowed = false;
  let session = null;
  const sample = async () => {
    session ??= await db.session();
    const rows = await session.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    for (const { pid } of rows) {
      let cpuS;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        cpuS = (Number(stat[11]) + Number(stat[12])) / 100; // utime + stime, USER_HZ 100
      } catch {
        continue; // ended between the query and the read, or another machine's server
      }
      const t = ticks.get(pid);
      if (t) t.last = cpuS;
      else ticks.set(pid, { first: windowed ? 0 : cpuS, last: cpuS });
    }
  };
  return {
    sample,
    async startWindow() {
      ticks.clear();
      windowed = false;
      await sample();
      windowed = true;
    },
    async close() {
      await session?.end().catch(() => undefined);
      session = null;
    },
    async summary() {
      await sample();
      let cpuS = 0;
      for (const t of ticks.values()) cpuS += t.last - t.first;
      return { cpuS, backends: ticks.size };
    },
  };
}

function peakPerSecond(times) {
  const bins = new Map();
  for (const t of times) bins.set(Math.floor(t / 1000), (bins.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(0, ...bins.values());
}

/** Rollup days are Shanghai calendar days: ask up to tomorrow (UTC) to be sure today's is in. */
function tomorrow() {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** One Markdown table, a column per broker: it reads in a terminal and pastes into the README. */
function printTable(cols) {
  const keys = [...new Set(cols.flatMap((c) => [...c.rows.keys()]))];
  const lines = [['figure', ...cols.map((c) => c.title)], ...keys.map((k) => [k, ...cols.map((c) => c.rows.get(k) ?? '—')])];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    `\nfleet benchmark: ${fmt(DEVICES)} devices, one heartbeat per ${INTERVAL / 1000} s, held ${HOLD_S} s, ${o.backend}, ` +
      `${SIM_WORKERS} simulator processes on the same machine, Node ${process.version}, ${cpus().length} cores\n`,
  );
  console.log(line(lines[0]));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const l of lines.slice(1)) console.log(line(l));
}
