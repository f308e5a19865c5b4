// The fault run: real `edge-agent` processes and the real platform process on real PostgreSQL,
// every device behind a TCP proxy of the test's own, through the faults a factory network sees —
// the platform SIGKILLed and restarted, SIGTERMed and left down for a minute, its database refusing
// connections, an agent SIGKILLed again and again, a slow link that resets. Money depends on exact
// heartbeat counts, so the books are kept from both ends: what each agent made and was told was
// acknowledged (its own log), against every (device, seq) in `heartbeats`.
//
// Judged by counts and by generous deadlines, never by rates, so a loaded 2-core machine does not
// change the verdict; rates are measured and printed, not asserted.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { edge } from '@edgenet/proto';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { FleetAgent, type Span } from '../helpers/agent-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { accountDevice, drainOf, silentStretches, type DeviceAccount, type Drain } from '../helpers/heartbeat-ledger.js';
import { PlatformSupervisor } from '../helpers/platform-supervisor.js';
import type { TestPlatform } from '../helpers/platform.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const INTERVAL_MS = 1_000; // 1 s heartbeats: a minute of outage is 60 queued per device
/** Connected, platform up, and nothing acknowledged for longer than this: silent. */
const SILENT_MS = 3 * INTERVAL_MS + 3_000;
/** After the platform answers (or its database is back), every device online within this. */
const ONLINE_WITHIN_MS = 15_000;
/** Waiting for queues to drain gives up once no agent has had an acknowledgement for this long. */
const STALL_MS = 10_000;
/** A slow factory uplink: 150 ms each way and 32 kbit/s per connection. */
const SLOW_LINK = { latencyMs: 150, bytesPerSecond: 4_096 };
/** The agent's own quick retries, for the reproductions that are not about backoff. */
const FAST_RETRY = { EDGE_AGENT_RECONNECT_BASE_MS: '200', EDGE_AGENT_RECONNECT_CAP_MS: '1000' };

const serverUrl = inject('databaseUrl');
if (!serverUrl) {
  console.warn(
    "faults: SKIPPED — DATABASE_URL is not set. The fault run needs real PostgreSQL (it refuses the database's connections); run `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:heavy`.",
  );
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** mulberry32: the fault schedule is random but the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Rig {
  label: string;
  db: TestDatabase;
  dbName: string;
  platform: PlatformSupervisor;
  proxy: TcpProxy;
  agents: FleetAgent[];
  logDir: string;
  events: { at: number; what: string }[];
  note(what: string): void;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    for (const a of rig.agents) {
      writeFileSync(join(rig.logDir, `${a.name}.log`), a.transcript());
      a.destroy();
    }
    rig.platform.writeLogs(join(rig.logDir, 'platform.log'));
    writeFileSync(join(rig.logDir, 'events.log'), rig.events.map((e) => `${new Date(e.at).toISOString()} ${e.what}`).join('\n'));
    await rig.platform.kill('SIGKILL');
    await (rig.proxy as TcpProxy | undefined)?.close(); // absent when the first start failed
    await allowConnections(rig.dbName, true).catch(() => undefined);
    await rig.db.drop();
  }
});

async function startRig(label: string, n: number, agentEnv: Record<string, string> = {}): Promise<Rig> {
  const db = await createTestDatabase();
  const dbName = new URL(db.databaseUrl!).pathname.slice(1);
  const platform = new PlatformSupervisor({ DATABASE_URL: db.databaseUrl!, EDGENET_PRESENCE_SWEEP_MS: '200' });
  const logDir = mkdtempSync(join(tmpdir(), `edgenet-faults-${label}-`));
  const events: Rig['events'] = [];
  const rig: Rig = {
    label,
    db,
    dbName,
    platform,
    proxy: undefined as unknown as TcpProxy,
    agents: [],
    logDir,
    events,
    note: (what) => events.push({ at: Date.now(), what }),
  };
  rigs.push(rig);
  await platform.start();
  rig.note('platform started');
  rig.proxy = await startTcpProxy({ host: '127.0.0.1', port: platform.mqttPort });
  const workstations = Array.from({ length: n }, (_, i) => `W-${String(i + 1).padStart(2, '0')}`);
  const seededEnterprise = await seedEnterprise({ api: (m: string, p: string, b?: unknown) => platform.api(m, p, b) } as unknown as TestPlatform, {
    workstations,
    maxUses: n,
  });
  for (let i = 0; i < n; i++) {
    rig.agents.push(
      await FleetAgent.enroll({
        name: `${label}-agent-${i}`,
        platformUrl: platform.baseUrl,
        token: seededEnterprise.token,
        workstations: [workstations[i]!],
        heartbeatIntervalMs: INTERVAL_MS,
        env: { EDGE_AGENT_MQTT_URL: rig.proxy.url(), EDGE_AGENT_LOG_LEVEL: 'debug', ...agentEnv },
      }),
    );
  }
  for (const a of rig.agents) a.start();
  rig.note(`${n} agents started`);
  return rig;
}

/** Polls until check() is truthy; returns false (never throws) when the deadline passes. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

interface OnlineMeasure {
  what: string;
  /** Per device, ms from `since` to its first platform-recorded online transition (0: never went offline; null: not online). */
  perDevice: (number | null)[];
  worstMs: number | null;
}

/**
 * How long after `since` the platform saw each device online again, by the platform's own record of
 * when it decided (each device's connection history), not by when this poll noticed. The first
 * online transition counts: a device that came back and then fell silent is online again here and
 * silent in the silence check, so each fault shows up once, under its own name.
 */
async function measureOnline(rig: Rig, what: string, since: number, deadlineMs: number): Promise<OnlineMeasure> {
  const perDevice: (number | null)[] = rig.agents.map(() => null);
  const firstOnline = async (i: number): Promise<number | null> => {
    const id = rig.agents[i]!.deviceId;
    const h = await rig.platform.api<{ items?: { at: string; event: string }[] }>('GET', `/api/v1/devices/${id}/connections?limit=100`).catch(() => undefined);
    if (h?.status !== 200 || !h.body.items) return null;
    const after = h.body.items.filter((e) => Date.parse(e.at) >= since);
    const online = after.filter((e) => e.event === 'online').map((e) => Date.parse(e.at));
    if (online.length > 0) return Math.min(...online) - since;
    if (after.length > 0) return null; // went offline, not back yet
    // No transition since: online all along if the platform says so now.
    const d = await rig.platform.api<{ online?: boolean }>('GET', `/api/v1/devices/${id}`).catch(() => undefined);
    return d?.status === 200 && d.body.online === true ? 0 : null;
  };
  await until(
    async () => {
      for (let i = 0; i < perDevice.length; i++) perDevice[i] ??= await firstOnline(i);
      return perDevice.every((v) => v !== null);
    },
    deadlineMs,
    500,
  );
  const worstMs = perDevice.some((v) => v === null) ? null : Math.max(...(perDevice as number[]));
  rig.note(`${what}: online after ${perDevice.map((v) => (v === null ? 'NOT ONLINE' : `${v} ms`)).join(', ')}`);
  return { what, perDevice, worstMs };
}

function describeOnline(m: OnlineMeasure): string {
  return `${m.what} ${m.worstMs === null ? `NOT ALL ONLINE (${m.perDevice.filter((v) => v === null).length} missing)` : `${(m.worstMs / 1000).toFixed(1)}s`}`;
}

async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<T>(text, values);
  } finally {
    await client.end();
  }
}

/**
 * A database outage on real PostgreSQL: no new session may open (ALLOW_CONNECTIONS false holds for
 * superusers too), and every open one is ended by pg_terminate_backend, as a crashed or failed-over
 * server would end them. The server itself stays up for the test's own admin connection.
 */
async function allowConnections(dbName: string, allow: boolean): Promise<number> {
  await adminQuery(serverUrl, `alter database ${dbName} allow_connections ${allow ? 'true' : 'false'}`);
  if (allow) return 0;
  const r = await adminQuery(serverUrl, 'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
  return r.rowCount ?? 0;
}

interface StoredRow {
  deviceId: string;
  seq: number;
  deviceTimeMs: number;
  receivedAtMs: number;
}

async function storedRows(rig: Rig): Promise<StoredRow[]> {
  // The device time is in the signed body, the row's record (platform/src/db/schema/heartbeats.ts).
  const r = await adminQuery<{ device_id: string; seq: string; body: Buffer; rt: string }>(
    rig.db.databaseUrl!,
    'select device_id, seq, body, extract(epoch from received_at) * 1000 as rt from heartbeats',
  );
  return r.rows.map((x) => ({
    deviceId: x.device_id,
    seq: Number(x.seq),
    deviceTimeMs: Number(edge.v1.Heartbeat.decode(x.body).deviceTimeMs),
    receivedAtMs: Number(x.rt),
  }));
}

/** The agent has sent all it queued (status.json: connected, depth 0, last sent = last made). */
function drained(a: FleetAgent): boolean {
  const s = a.status();
  return s?.state === 'connected' && s.queue?.depth === 0 && s.lastSeq !== null && s.lastSentSeq === s.lastSeq;
}

/**
 * Waits for every queue to drain, but gives up on an agent once it stops moving: nothing
 * acknowledged for STALL_MS while it still holds heartbeats. A stuck agent is measured by the
 * silence check; waiting out the whole deadline for it would only make the run longer.
 */
async function drainOrStall(agents: FleetAgent[], timeoutMs: number): Promise<string> {
  const startedAt = Date.now();
  const stalled = (a: FleetAgent): boolean => Date.now() - startedAt > STALL_MS && acksAfter(a, Date.now() - STALL_MS) === 0;
  const done = await until(() => agents.every((a) => drained(a) || stalled(a)), timeoutMs);
  const stuck = agents.filter((a) => !drained(a)).map((a) => a.name);
  if (stuck.length === 0) return 'drained';
  return `${done ? 'stalled' : 'timeout'}: ${stuck.join(', ')} not drained`;
}

function acksAfter(a: FleetAgent, t: number): number {
  return a.acknowledged().filter((x) => x.time > t).length;
}

describe.skipIf(!serverUrl)('faults: real agents and the real platform through SIGKILLs, outages and bad links', () => {
  it('loses no acknowledged heartbeat, stores none twice, and leaves no agent silent through a sequence of faults', async () => {
    const rng = seeded(20261201);
    const rig = await startRig('fleet', 5);
    const { platform, proxy, agents } = rig;
    const online: OnlineMeasure[] = [];
    expect(await until(() => agents.every((a) => a.acknowledged().length >= 3), 60_000), 'every agent acknowledged 3 heartbeats at start').toBe(true);
    online.push(await measureOnline(rig, 'start', Date.now(), 30_000));

    // 1. The platform SIGKILLed five times, each restarted on the same ports after a pause.
    for (let k = 1; k <= 5; k++) {
      await sleep(2_000 + Math.floor(rng() * 3_000));
      await platform.kill('SIGKILL');
      rig.note(`platform SIGKILL ${k}`);
      await sleep(3_000);
      const answeringAt = await platform.start();
      rig.note(`platform restarted ${k}`);
      online.push(await measureOnline(rig, `sigkill${k}`, answeringAt, 30_000));
    }

    // 2. SIGTERM, then down for a minute: a backlog of about 60 heartbeats per device.
    await sleep(3_000);
    const termAt = Date.now();
    const termMs = await platform.kill('SIGTERM');
    rig.note(`platform SIGTERM (exit took ${termMs} ms); down for 60 s`);
    await sleep(60_000);
    const backAt = await platform.start();
    rig.note('platform restarted after 60 s');
    online.push(await measureOnline(rig, 'sigterm60s', backAt, 70_000));
    const outage: Span = { from: termAt, to: backAt };
    rig.note(`backlog after the 60 s outage: ${await drainOrStall(agents, 60_000)}`);

    // 3. The database refuses connections for 30 s (the platform stays up).
    await sleep(3_000);
    const dbDownAt = Date.now();
    const terminated = await allowConnections(rig.dbName, false);
    rig.note(`database refusing connections (${terminated} sessions terminated)`);
    await sleep(30_000);
    await allowConnections(rig.dbName, true);
    const dbUpAt = Date.now();
    rig.note('database accepting connections again');
    online.push(await measureOnline(rig, 'db30s', dbUpAt, 30_000));
    if (!platform.up) {
      // The platform died of the outage (noted as an unexpected exit): a service manager restarts it.
      await platform.start();
      rig.note('platform restarted after dying in the database outage');
      online.push(await measureOnline(rig, 'db30s-restart', Date.now(), 30_000));
    }
    rig.note(`queues after the database outage: ${await drainOrStall(agents, 30_000)}`);
    // Acknowledgements wait for the commit, so none come while the database is away; the platform
    // gets ONLINE_WITHIN_MS to recover before silence counts again.
    const excused: Span[] = [{ from: dbDownAt, to: dbUpAt + ONLINE_WITHIN_MS }];

    // 4. One agent SIGKILLed ten times, at random moments after it connected, restarted each time.
    const victim = agents[0]!;
    for (let k = 1; k <= 10; k++) {
      const connected = await until(() => victim.currentLogs().some((l) => l.msg === 'connected to broker'), 20_000, 50);
      await sleep(300 + Math.floor(rng() * 2_700));
      await victim.kill('SIGKILL');
      rig.note(`${victim.name} SIGKILL ${k}${connected ? '' : ' (it had not connected)'}; seq.json says ${victim.nextSeq()}`);
      await sleep(Math.floor(rng() * 1_000));
      victim.start();
    }
    await until(() => victim.currentLogs().some((l) => l.msg === 'connected to broker'), 20_000);
    await sleep(3_000);

    // 5. A slow link (latency and low bandwidth) with three resets, the last followed by 5 s of
    // refused connections; then the link clears.
    proxy.shape(SLOW_LINK);
    rig.note(`link slow: ${SLOW_LINK.latencyMs} ms each way, ${SLOW_LINK.bytesPerSecond} B/s per connection`);
    await sleep(5_000);
    for (let k = 1; k <= 3; k++) {
      const n = proxy.resetAll();
      rig.note(`link reset ${k} (${n} connections)`);
      if (k === 3) proxy.refuseFor(5_000);
      await sleep(6_000);
    }
    await sleep(10_000);
    proxy.shape({ latencyMs: 0, bytesPerSecond: 0 });
    rig.note('link clear');

    // 6. Let the queues drain, stop every agent gracefully, count.
    const drainedAtEnd = await drainOrStall(agents, 60_000);
    rig.note(`queues before the stop: ${drainedAtEnd}`);
    const stops = await Promise.all(agents.map((a) => a.kill('SIGTERM')));
    const endAt = Date.now();
    rig.note('agents stopped');

    const rows = await storedRows(rig);
    const accounts: DeviceAccount[] = [];
    const silent: { agent: string; stretches: Span[] }[] = [];
    const drains: Drain[] = [];
    for (const a of agents) {
      const mine = rows.filter((r) => r.deviceId === a.deviceId);
      const stored = new Map<number, number>();
      for (const r of mine) stored.set(r.seq, (stored.get(r.seq) ?? 0) + 1);
      const status = a.status();
      accounts.push(
        accountDevice({
          deviceId: a.deviceId,
          firstSeq: a.firstSeq() ?? 1,
          lastSeq: a.nextSeq() - 1,
          acknowledged: a.acknowledged().map((x) => x.seq),
          stored,
          queued: status?.queue?.depth ?? 0,
          dropped: status?.queue?.dropped ?? 0,
          seqAtKill: a.seqAtKill,
        }),
      );
      silent.push({
        agent: a.name,
        stretches: silentStretches(
          a.connectedSpans(endAt),
          platform.spans(endAt),
          excused,
          a.acknowledged().map((x) => x.time),
          SILENT_MS,
        ),
      });
      drains.push(drainOf(mine, outage, backAt));
    }
    const fleetDrain = drainOf(
      rows.filter((r) => agents.some((a) => a.deviceId === r.deviceId)),
      outage,
      backAt,
    );
    const sum = (f: (x: DeviceAccount) => number): number => accounts.reduce((n, x) => n + f(x), 0);
    const silentCount = silent.reduce((n, s) => n + s.stretches.length, 0);
    const longestSilentMs = Math.max(0, ...silent.flatMap((s) => s.stretches.map((x) => x.to - x.from)));
    const late = online.filter((m) => m.what !== 'start' && (m.worstMs === null || m.worstMs > ONLINE_WITHIN_MS));
    console.log(
      [
        `faults: ${agents.length} agents, ${sum((x) => x.made)} heartbeats made, ${sum((x) => x.acknowledged)} acknowledged, ${rows.length} rows stored;`,
        `acknowledged-missing ${sum((x) => x.acknowledgedMissing.length)}, stored-twice ${sum((x) => x.storedTwice.length)}, stored-not-made ${sum((x) => x.storedNotMade.length)},`,
        `never-delivered ${sum((x) => x.neverDelivered.length)} (crash-skipped ${sum((x) => x.skippedByCrash.length)}, queued ${agents.reduce((n, a) => n + (a.status()?.queue?.depth ?? 0), 0)}, dropped ${agents.reduce((n, a) => n + (a.status()?.queue?.dropped ?? 0), 0)}, unexplained ${sum((x) => x.unexplained)});`,
        `silent-while-connected ${silentCount} stretches on ${silent.filter((s) => s.stretches.length > 0).length} agents (longest ${(longestSilentMs / 1000).toFixed(1)}s);`,
        `online-after: ${online
          .filter((m) => m.what !== 'start')
          .map(describeOnline)
          .join(', ')};`,
        `drain of the 60s outage's backlog: fleet ${fleetDrain.backlog} stored within ${(fleetDrain.storedWithinMs / 1000).toFixed(1)}s of the platform answering (${fleetDrain.storedWithinMs > 0 ? ((fleetDrain.backlog * 1000) / fleetDrain.storedWithinMs).toFixed(1) : '0'}/s), ${fleetDrain.perSecond.toFixed(1)}/s from first to last stored;`,
        `per device backlog@rate-while-sending(stored-within) ${drains.map((d) => `${d.backlog}@${d.perSecond.toFixed(1)}/s(${(d.storedWithinMs / 1000).toFixed(1)}s)`).join(' ')};`,
        `platform SIGTERM exit ${termMs} ms, unexpected exits ${platform.unexpectedExits.length}, hangs ${platform.hangs.length}; ${victim.name} ${victim.incarnations} runs;`,
        `proxy ${JSON.stringify(proxy.stats())}; agent stop exits ${stops.map((s) => `${s.code ?? s.signal}/${s.ms}ms`).join(' ')}; logs ${rig.logDir}`,
      ].join(' '),
    );
    for (const s of silent)
      for (const x of s.stretches) rig.note(`SILENT ${s.agent} ${new Date(x.from).toISOString()} .. ${new Date(x.to).toISOString()} (${x.to - x.from} ms)`);

    for (const x of accounts) {
      expect.soft(x.acknowledgedMissing, `${x.deviceId}: acknowledged, not stored`).toEqual([]);
      expect.soft(x.storedTwice, `${x.deviceId}: stored twice`).toEqual([]);
      expect.soft(x.storedNotMade, `${x.deviceId}: stored, never made`).toEqual([]);
      expect.soft(x.unexplained, `${x.deviceId}: made, never delivered, not queued nor dropped: ${x.neverDelivered.join(',')}`).toBe(0);
    }
    for (const s of silent)
      expect
        .soft(
          s.stretches.map((x) => `${x.to - x.from} ms from ${new Date(x.from).toISOString()}`),
          `${s.agent} silent while connected`,
        )
        .toEqual([]);
    expect.soft(late.map(describeOnline), `online again within ${ONLINE_WITHIN_MS / 1000} s of the platform answering`).toEqual([]);
    expect
      .soft(
        platform.unexpectedExits.map((e) => `exit ${e.code ?? e.signal}: ${e.output.slice(-500)}`),
        'platform exits the test did not cause',
      )
      .toEqual([]);
    expect.soft(platform.hangs, 'platform exits within 20 s of SIGTERM').toEqual([]);
    expect
      .soft(
        stops.map((s) => s.code),
        'agents exit 0 on SIGTERM',
      )
      .toEqual(agents.map(() => 0));
    expect.soft(drainedAtEnd, 'every queue drained before the stop').toBe('drained');
  }, 800_000);

  // (a) mqtt.js's reconnect() with no arguments replaces the outgoing store, so a PUBLISH in flight
  // when the link died never gets its callback: the outbox waits on it forever and sends nothing
  // more, while the session reports itself connected.
  it('keeps acknowledging after the platform is SIGKILLed with a heartbeat in flight', async () => {
    const rig = await startRig('inflight', 1, FAST_RETRY);
    const {
      platform,
      proxy,
      agents: [agent],
    } = rig as Rig & { agents: [FleetAgent] };
    expect(await until(() => agent.acknowledged().length >= 3, 60_000), 'acknowledged 3 heartbeats at start').toBe(true);
    // SIGSTOP: the platform's kernel still takes the bytes, the process answers nothing, so the
    // next heartbeat is on the wire without its PUBACK when SIGKILL lands.
    const upBefore = proxy.stats().bytesUp;
    const stoppedAt = Date.now();
    platform.proc.child.kill('SIGSTOP');
    rig.note('platform SIGSTOP');
    const inFlight = await until(
      () => {
        const s = agent.status();
        return proxy.stats().bytesUp > upBefore && s !== undefined && s.lastSeq !== null && (s.lastSentSeq ?? 0) < s.lastSeq && Date.now() - stoppedAt > 1_500;
      },
      10_000,
      50,
    );
    expect(inFlight, 'a heartbeat went up the link after the stop and was not acknowledged').toBe(true);
    await platform.kill('SIGKILL');
    rig.note('platform SIGKILL with a heartbeat in flight');
    await sleep(1_000);
    await platform.start();
    rig.note('platform restarted');
    const reconnected = await until(() => agent.logs().some((l) => l.msg === 'connected to broker' && l.time > stoppedAt), 30_000, 100);
    expect(reconnected, 'the agent reconnected').toBe(true);
    const reconnectAt = agent.logs().find((l) => l.msg === 'connected to broker' && l.time > stoppedAt)!.time;
    await until(() => acksAfter(agent, reconnectAt) >= 5, 15_000);
    const acked = acksAfter(agent, reconnectAt);
    const s = agent.status();
    console.log(
      `faults(a): after the restart the agent says ${s?.state}, made up to seq ${s?.lastSeq}, last acknowledged ${s?.lastSentSeq ?? 'none this run'}, ${acked} acknowledged in the ${((Date.now() - reconnectAt) / 1000).toFixed(1)} s since it reconnected; logs ${rig.logDir}`,
    );
    expect(acked, 'heartbeats acknowledged within 15 s of reconnecting (one a second is made)').toBeGreaterThanOrEqual(5);
  }, 180_000);

  // (b) A slow link makes a PUBLISH in flight the common case, so each reset is likely to catch one.
  it('leaves no agent silent after a slow link resets three times', async () => {
    const rig = await startRig('slowlink', 3, FAST_RETRY);
    const { proxy, agents } = rig;
    expect(await until(() => agents.every((a) => a.acknowledged().length >= 3), 60_000), 'every agent acknowledged 3 heartbeats at start').toBe(true);
    proxy.shape(SLOW_LINK);
    rig.note('link slow');
    await sleep(5_000);
    let lastReset = 0;
    for (let k = 1; k <= 3; k++) {
      proxy.resetAll();
      lastReset = Date.now();
      rig.note(`link reset ${k}`);
      await sleep(5_000);
    }
    // Judged over 15 s that begin 5 s after the last reset: time enough to reconnect over the slow link.
    const from = lastReset + 5_000;
    await sleep(Math.max(0, from + 15_000 - Date.now()));
    const acked = agents.map((a) => acksAfter(a, from));
    const connected = agents.map((a) => a.connectedSpans().some((x) => x.to >= Date.now() - 500));
    console.log(
      `faults(b): acknowledged in the 15 s after the resets ${acked.join(', ')} (agents ${connected.map((c) => (c ? 'connected' : 'NOT connected')).join(', ')}); proxy ${JSON.stringify(proxy.stats())}; logs ${rig.logDir}`,
    );
    expect(connected, 'every agent says it is connected').toEqual(agents.map(() => true));
    expect(
      acked.map((n) => n >= 5),
      'every agent acknowledged at least 5 heartbeats in the 15 s (one a second is made)',
    ).toEqual(agents.map(() => true));
  }, 180_000);

  // (c) Full-jitter backoff capped at 60 s: after a long outage the next attempt can be most of a
  // minute away when the platform comes back.
  it('brings every agent back online within 15 s of the platform answering after a long outage', async () => {
    const rig = await startRig('backoff', 5); // the agent's default backoff: 1 s base, 60 s cap
    const { platform, agents } = rig;
    expect(await until(() => agents.every((a) => a.acknowledged().length >= 2), 60_000), 'every agent acknowledged 2 heartbeats at start').toBe(true);
    const downAt = Date.now();
    await platform.kill('SIGTERM');
    rig.note('platform SIGTERM; down 45 s');
    await sleep(45_000);
    const answeringAt = await platform.start();
    rig.note('platform restarted');
    const m = await measureOnline(rig, 'after 45 s down', answeringAt, 75_000);
    const pending = agents.map((a) => {
      const retries = a.logs().filter((l) => l.msg === 'reconnecting after backoff' && l.time > downAt && l.time < answeringAt);
      const lastRetry = retries.at(-1);
      return lastRetry ? `${retries.length} tries, last waited ${lastRetry.delayMs} ms from ${((lastRetry.time - downAt) / 1000).toFixed(1)} s` : 'no retries';
    });
    console.log(
      `faults(c): online after the platform answered ${m.perDevice.map((v) => (v === null ? 'NOT ONLINE' : `${(v / 1000).toFixed(1)}s`)).join(', ')}; backoff while down: ${pending.join('; ')}; logs ${rig.logDir}`,
    );
    expect(
      m.perDevice.map((v) => v !== null && v <= ONLINE_WITHIN_MS),
      `each device online within ${ONLINE_WITHIN_MS / 1000} s`,
    ).toEqual(agents.map(() => true));
  }, 240_000);
});
