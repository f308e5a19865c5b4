// External broker mode on a broker cluster: three RabbitMQ 3.10 nodes on this machine
// (helpers/rabbitmq-cluster.ts), two platform instances consuming through it into one PostgreSQL,
// real edge-agent processes spread over the nodes, each knowing every node's address. Under load
// the node holding instance b's session and a third of the devices is SIGKILLed. The books are
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
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { FleetAgent } from '../helpers/agent-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { freePort } from '../helpers/free-port.js';
import { accountDevice, type DeviceAccount } from '../helpers/heartbeat-ledger.js';
import { spawnPlatform, type PlatformProcess } from '../helpers/platform-process.js';
import type { TestPlatform } from '../helpers/platform.js';
import { rabbitmqInstalled, startRabbitCluster, type RabbitCluster } from '../helpers/rabbitmq-cluster.js';

const NODES = 3;
const AGENTS = 9; // three a node
const INTERVAL_MS = 1_000;
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
    const seeded = await seedEnterprise(api, { workstations, maxUses: AGENTS });
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
    const killedAt = Date.now();
    await cluster.kill(victim);
    console.log(`rabbitmq: SIGKILLed ${victim.name} with ${onVictim.length} devices and instance b's session`);

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

    // Stop the agents gracefully (SIGTERM: they send what they queued), then count.
    await Promise.all(agents.map((x) => x.kill('SIGTERM')));
    const db = new pg.Client({ connectionString: database.databaseUrl });
    await db.connect();
    const accounts: DeviceAccount[] = [];
    try {
      const acknowledged = agents.reduce((n, x) => n + x.acknowledged().length, 0);
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
    } finally {
      await db.end();
    }
    const sum = (f: (x: DeviceAccount) => number) => accounts.reduce((n, x) => n + f(x), 0);
    console.log(
      `rabbitmq: ${AGENTS} agents, ${sum((x) => x.made)} heartbeats made, ${sum((x) => x.acknowledged)} acknowledged, ${sum((x) => x.stored)} stored; ` +
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
  });
});
