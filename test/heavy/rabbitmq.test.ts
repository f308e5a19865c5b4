// External broker mode on a broker cluster: three RabbitMQ 3.10 nodes on this machine
// (helpers/rabbitmq-cluster.ts), two platform instances consuming through it into one PostgreSQL,
// real edge-agent processes spread over the nodes, each knowing every node's address, and the load:
// simulated devices (mqtt.js, helpers/device.ts) publishing 10 heartbeats a second each, spread too,
// which move to the next node themselves when theirs dies. Under that load the node holding
// instance b's session and a third of the devices is SIGKILLed. The books are
// kept from both ends (helpers/heartbeat-ledger.ts): every heartbeat an agent was told was
// acknowledged (its PUBACK [MQTT-4.3.2-1]) is in `heartbeats`, once, and every device that was on
// the dead node reconnects to a survivor.
//
// RabbitMQ 3.10's MQTT plugin has no shared subscriptions, so the instances do not compete for
// messages: each subscribes to the plain filter (EDGENET_BROKER_SHARED_SUBSCRIPTION=false) and
// stores what it receives, the database keeping one row per (device, seq). docs/scale-out.md
// "Tested on a broker cluster: RabbitMQ" says what that means and what would make them compete.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { FleetAgent } from '../helpers/agent-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { enrollTestDevice, type TestDevice } from '../helpers/device.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { freePort } from '../helpers/free-port.js';
import { accountDevice, type DeviceAccount } from '../helpers/heartbeat-ledger.js';
import { spawnPlatform, type PlatformProcess } from '../helpers/platform-process.js';
import type { TestPlatform } from '../helpers/platform.js';
import { rabbitmqInstalled, startRabbitCluster, type RabbitCluster, type RabbitNode } from '../helpers/rabbitmq-cluster.js';

const NODES = 3;
const AGENTS = 9; // three a node
const INTERVAL_MS = 1_000;
/** The load: simulated devices, each publishing its next heartbeat 100 ms after the last PUBACK. */
const LOAD_DEVICES = 18;
const LOAD_EVERY_MS = 100;
const PUBACK_TIMEOUT_MS = 10_000;
/** Both instances log in as this user (the broker asks instance a); each has its own client id. */
const PLATFORM_LOGIN = { username: 'edgenet-platform', password: `pw-${randomBytes(12).toString('hex')}` };
const HOOK_TOKEN = randomBytes(24).toString('hex');

const serverUrl = inject('databaseUrl');
const installed = rabbitmqInstalled();
if (!installed)
  console.warn('rabbitmq: SKIPPED — RabbitMQ 3.10 with rabbitmq_mqtt, rabbitmq_auth_backend_http and _cache is not installed (.ci/run installs it).');

let database: TestDatabase | undefined;
let cluster: RabbitCluster | undefined;
const instances: PlatformProcess[] = [];
const agents: FleetAgent[] = [];
afterAll(async () => {
  for (const a of agents) a.destroy();
  for (const p of instances) await p.kill('SIGKILL');
  await cluster?.stop();
  await database?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

/** The broker address of the agent's newest "connected to broker" line at or after `since`. */
const connectedTo = (a: FleetAgent, since = 0): string | undefined =>
  a
    .logs()
    .filter((l) => l.msg === 'connected to broker' && l.time >= since)
    .at(-1)?.broker as string | undefined;

/** A simulated device of the load, with the seqs its broker acknowledged. */
interface LoadDevice {
  device: TestDevice;
  /** What enrollTestDevice connects to: its mqttUrl is moved to the next node when its node dies. */
  target: { api: TestPlatform['api']; mqttUrl: string };
  node: number;
  acknowledged: number[];
  failovers: number;
  timeouts: number;
  /** Connection attempts (and hellos) that failed or took longer than 10 s. */
  retries: number;
}

/**
 * Publishes heartbeats until `running()` is false. A connection that closes with a publish in flight
 * (mqtt.js never settles that publish without a reconnect) sends the device to the next node, where
 * it says hello and sends the same seq again: the broker may have stored it (a duplicate, stored once).
 */
async function drive(l: LoadDevice, nodes: RabbitNode[], running: () => boolean): Promise<void> {
  const connect = async () => {
    for (;;) {
      // mqtt.connectAsync never settles when its connect timeout closes the socket (it waits for a
      // retry that reconnectPeriod 0 never makes), and a hello may wait on a PUBACK: both bounded.
      const attempt = (async () => {
        const c = await l.device.connect({ connectTimeout: 2_000 });
        await l.device.hello(c, INTERVAL_MS);
        return c;
      })();
      const c = await Promise.race([attempt, sleep(PUBACK_TIMEOUT_MS).then(() => null)]).catch(() => null);
      if (c) return c;
      void attempt.then((late) => late.end(true)).catch(() => undefined);
      l.retries += 1;
      l.node = (l.node + 1) % nodes.length;
      l.target.mqttUrl = nodes[l.node]!.mqttUrl;
      await sleep(200);
    }
  };
  const closedOf = (c: MqttClient) => new Promise<'closed'>((resolve) => c.once('close', () => resolve('closed')));
  let client = await connect();
  let closed = closedOf(client);
  for (let seq = 1; running(); ) {
    // No PUBACK within 10 s: the link is presumed dead, as the agent presumes (mqtt-session.ts).
    const result = await Promise.race([
      l.device.heartbeat(client, seq).then(() => 'acked' as const),
      closed,
      sleep(PUBACK_TIMEOUT_MS).then(() => 'timeout' as const),
    ]);
    if (result === 'timeout') l.timeouts += 1;
    if (result === 'acked') {
      l.acknowledged.push(seq++);
      await sleep(LOAD_EVERY_MS);
      continue;
    }
    client.end(true);
    l.node = (l.node + 1) % nodes.length;
    l.target.mqttUrl = nodes[l.node]!.mqttUrl;
    l.failovers += 1;
    client = await connect();
    closed = closedOf(client);
  }
  await Promise.race([client.endAsync(), sleep(2_000)]);
}

describe.skipIf(!serverUrl || !installed)('external broker mode on a 3-node RabbitMQ cluster', () => {
  it('loses no acknowledged heartbeat and moves every device to a survivor when a node is SIGKILLed under load', async () => {
    const t0 = performance.now();
    database = await createTestDatabase();
    const portA = await freePort();
    // The nodes ask instance a (a load balancer in front of every instance in production).
    cluster = await startRabbitCluster({ size: NODES, authUrl: `http://rabbitmq:${HOOK_TOKEN}@127.0.0.1:${portA}/broker/rabbitmq` });
    const nodes = cluster.nodes;
    console.log(`rabbitmq: ${NODES}-node cluster up in ${Math.round(cluster.startMs)} ms`);

    const start = (id: string, port: number, brokerUrl: string) =>
      spawnPlatform({
        DATABASE_URL: database!.databaseUrl!,
        EDGENET_DATA_DIR: mkdtempSync(join(tmpdir(), `edgenet-rabbit-${id}-`)),
        EDGENET_HTTP_PORT: String(port),
        EDGENET_BROKER_URL: brokerUrl,
        EDGENET_MQTT_PUBLIC_URL: nodes[0]!.mqttUrl,
        EDGENET_INSTANCE_ID: id,
        EDGENET_BROKER_USERNAME: PLATFORM_LOGIN.username,
        EDGENET_BROKER_PASSWORD: PLATFORM_LOGIN.password,
        EDGENET_BROKER_HOOK_TOKEN: HOOK_TOKEN,
        EDGENET_BROKER_SHARED_SUBSCRIPTION: 'false',
      });
    const ready = (p: PlatformProcess) =>
      until(`instance ${p.baseUrl} consuming`, async () => (await p.api('GET', '/readyz')).status === 200, 30_000).catch((err: Error) => {
        throw new Error(`${err.message}\n${p.output().slice(-4_000)}`);
      });
    instances.push(await start('a', portA, nodes[0]!.mqttUrl));
    await ready(instances[0]!); // the first one migrates; the second finds the schema current
    instances.push(await start('b', await freePort(), nodes[1]!.mqttUrl));
    await ready(instances[1]!);
    const [a] = instances as [PlatformProcess, PlatformProcess];

    const api = { api: a.api } as unknown as TestPlatform;
    const workstations = Array.from({ length: AGENTS }, (_, i) => `W-${String(i + 1).padStart(2, '0')}`);
    const seeded = await seedEnterprise(api, { workstations, maxUses: AGENTS + LOAD_DEVICES });
    for (let i = 0; i < AGENTS; i++) {
      // Every node, starting at its own: the devices spread over the cluster, and each can fail over.
      const urls = nodes.map((_, k) => nodes[(i + k) % NODES]!.mqttUrl);
      agents.push(
        await FleetAgent.enroll({
          name: `rabbit-agent-${i}`,
          platformUrl: a.baseUrl,
          token: seeded.token,
          workstations: [workstations[i]!],
          heartbeatIntervalMs: INTERVAL_MS,
          env: {
            EDGE_AGENT_MQTT_URL: urls.join(','),
            EDGE_AGENT_LOG_LEVEL: 'debug',
            EDGE_AGENT_RECONNECT_BASE_MS: '200',
            EDGE_AGENT_RECONNECT_CAP_MS: '1000',
          },
        }),
      );
    }
    for (const agent of agents) agent.start();
    const load: LoadDevice[] = [];
    for (let i = 0; i < LOAD_DEVICES; i++) {
      const target = { api: a.api, mqttUrl: nodes[i % NODES]!.mqttUrl };
      load.push({
        device: await enrollTestDevice(target as unknown as TestPlatform, seeded.token),
        target,
        node: i % NODES,
        acknowledged: [],
        failovers: 0,
        timeouts: 0,
        retries: 0,
      });
    }
    let loading = true;
    const driving = Promise.all(load.map((l) => drive(l, nodes, () => loading)));
    await until('every agent acknowledged 3 heartbeats', () => agents.every((x) => x.acknowledged().length >= 3), 60_000);

    // The platform's sessions are quorum queues with a member on every node.
    const platformQueues = (await cluster.queues()).filter((q) => q.name.startsWith('mqtt-subscription-edgenet-platform-'));
    expect(platformQueues.map((q) => [q.name, q.type, q.members.length])).toEqual([
      ['mqtt-subscription-edgenet-platform-aqos1', 'quorum', NODES],
      ['mqtt-subscription-edgenet-platform-bqos1', 'quorum', NODES],
    ]);

    // SIGKILL the node with instance b's session and a third of the devices, under load.
    const victim = nodes[1]!;
    const onVictim = agents.filter((x) => connectedTo(x) === victim.mqttUrl);
    expect(onVictim.length).toBe(AGENTS / NODES);
    const loadOnVictim = load.filter((l) => l.target.mqttUrl === victim.mqttUrl);
    const loadAckedAtKill = load.reduce((n, l) => n + l.acknowledged.length, 0);
    const killedAt = Date.now();
    await cluster.kill(victim);
    console.log(`rabbitmq: SIGKILLed ${victim.name} with ${onVictim.length} devices and instance b's session`);

    console.log('rabbitmq: waiting for the devices of the dead node');
    await until(
      'every device of the dead node connected to a survivor',
      () =>
        onVictim.every((x) => {
          const url = connectedTo(x, killedAt);
          return url !== undefined && url !== victim.mqttUrl;
        }),
      60_000,
    );
    const reconnectMs = Math.max(...onVictim.map((x) => x.logs().find((l) => l.msg === 'connected to broker' && l.time >= killedAt)!.time - killedAt));
    console.log(`rabbitmq: devices of the dead node back within ${reconnectMs} ms`);
    const ackedAtKill = new Map(agents.map((x) => [x, x.acknowledged().length]));
    await until('5 more heartbeats acknowledged by every agent', () => agents.every((x) => x.acknowledged().length >= ackedAtKill.get(x)! + 5), 60_000).catch(
      async (err: Error) => {
        const lines = agents.map(
          (x) =>
            `${x.name} acked ${ackedAtKill.get(x)} → ${x.acknowledged().length}: ${x
              .logs()
              .filter((l) => l.msg !== 'published')
              .slice(-4)
              .map((l) => `${l.msg} ${String(l.broker ?? '')}`)
              .join(' | ')}`,
        );
        throw new Error(`${err.message}\n${lines.join('\n')}\n${JSON.stringify(await cluster!.queues())}\n${instances[0]!.output().slice(-3_000)}`);
      },
    );
    expect((await cluster.runningNodes()).sort()).toEqual(
      nodes
        .filter((n) => n !== victim)
        .map((n) => n.name)
        .sort(),
    );

    expect(loadOnVictim.every((l) => l.failovers >= 1 && l.target.mqttUrl !== victim.mqttUrl)).toBe(true);
    const loadPerSecond = Math.round(((load.reduce((n, l) => n + l.acknowledged.length, 0) - loadAckedAtKill) * 1_000) / (Date.now() - killedAt));

    // Stop the load and the agents (SIGTERM: they send what they queued), then count.
    loading = false;
    const progress = () =>
      load.map((l) => `${l.device.deviceId.slice(0, 8)}@${l.node}:${l.acknowledged.length}/${l.failovers}/${l.timeouts}/${l.retries}`).join(' ');
    await Promise.race([driving, sleep(30_000).then(() => Promise.reject(new Error(`the load did not stop within 30 s: ${progress()}`)))]);
    console.log(`rabbitmq: load stopped (device@node:acked/failovers/timeouts/retries) ${progress()}`);
    await Promise.all(agents.map((x) => x.kill('SIGTERM')));
    const db = new pg.Client({ connectionString: database.databaseUrl });
    await db.connect();
    const accounts: DeviceAccount[] = [];
    try {
      const acknowledged = agents.reduce((n, x) => n + x.acknowledged().length, 0) + load.reduce((n, l) => n + l.acknowledged.length, 0);
      const stored = async () => Number((await db.query<{ n: string }>('select count(distinct (device_id, seq)) n from heartbeats')).rows[0]!.n);
      await until('every acknowledged heartbeat stored', async () => (await stored()) >= acknowledged, 30_000).catch(() => {});
      const rows = (await db.query<{ device_id: string; seq: string }>('select device_id, seq from heartbeats')).rows;
      for (const x of agents) {
        const mine = new Map<number, number>();
        for (const r of rows.filter((r) => r.device_id === x.deviceId)) mine.set(Number(r.seq), (mine.get(Number(r.seq)) ?? 0) + 1);
        const status = x.status();
        accounts.push(
          accountDevice({
            deviceId: x.deviceId,
            firstSeq: x.firstSeq() ?? 1,
            lastSeq: x.nextSeq() - 1,
            acknowledged: x.acknowledged().map((y) => y.seq),
            stored: mine,
            queued: status?.queue?.depth ?? 0,
            dropped: status?.queue?.dropped ?? 0,
            seqAtKill: x.seqAtKill,
          }),
        );
      }
      for (const l of load) {
        const mine = new Map<number, number>();
        for (const r of rows.filter((r) => r.device_id === l.device.deviceId)) mine.set(Number(r.seq), (mine.get(Number(r.seq)) ?? 0) + 1);
        const last = Math.max(0, ...l.acknowledged, ...mine.keys());
        // Made: every seq up to the last acknowledged, and the one in flight when it stopped.
        accounts.push(
          accountDevice({
            deviceId: l.device.deviceId,
            firstSeq: 1,
            lastSeq: last,
            acknowledged: l.acknowledged,
            stored: mine,
            queued: 0,
            dropped: 0,
            seqAtKill: [],
          }),
        );
      }
    } finally {
      await db.end();
    }
    const sum = (f: (x: DeviceAccount) => number) => accounts.reduce((n, x) => n + f(x), 0);
    console.log(
      `rabbitmq: ${AGENTS} agents and ${LOAD_DEVICES} simulated devices (${loadPerSecond} heartbeats/s acknowledged after the kill; ` +
        `${load.reduce((n, l) => n + l.failovers, 0)} failovers), ${sum((x) => x.made)} heartbeats made, ${sum((x) => x.acknowledged)} acknowledged, ${sum((x) => x.stored)} stored; ` +
        `${sum((x) => x.acknowledgedMissing.length)} acknowledged but missing; devices of the dead node back within ${reconnectMs} ms; ` +
        `test ${Math.round((performance.now() - t0) / 1_000)} s`,
    );
    for (const x of accounts) {
      expect({ device: x.deviceId, acknowledgedMissing: x.acknowledgedMissing, storedTwice: x.storedTwice, storedNotMade: x.storedNotMade }).toEqual({
        device: x.deviceId,
        acknowledgedMissing: [],
        storedTwice: [],
        storedNotMade: [],
      });
      expect(x.acknowledged).toBeGreaterThanOrEqual(8);
    }
    // Not a heartbeat made and left neither acknowledged nor stored, beyond what a stop explains.
    expect(accounts.map((x) => x.unexplained)).toEqual(accounts.map(() => 0));
  }, 300_000); // a hang fails here, not at the heavy lane's 15 min
});
