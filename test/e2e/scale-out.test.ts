// Beyond one server: two platform processes consume one external broker (a Mosquitto of
// the test's own) through a shared subscription and write to one PostgreSQL. Devices publish
// heartbeats fast; one instance is killed with SIGKILL mid-load and started again, as an
// orchestrator would. Every heartbeat is stored exactly once, no device is flagged, and presence
// and counts are what one instance would have produced. PostgreSQL only: two processes cannot
// share one PGlite folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { enrollTestDevice, type TestDevice } from '../helpers/device.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { startMosquitto, type TestMosquitto } from '../helpers/mosquitto.js';
import { spawnPlatform, type PlatformProcess } from '../helpers/platform-process.js';
import { waitFor, type TestPlatform } from '../helpers/platform.js';

const DEVICES = 30;
const PUBLISH_EVERY_MS = 50; // 600 heartbeats/s across the fleet
const INSTANCE = (id: string) => ({ username: `edgenet-platform-${id}`, password: `pw-${id}-0123456789abcdef0123456789` });

let database: TestDatabase | undefined;
let broker: TestMosquitto | undefined;
const instances: PlatformProcess[] = [];
afterAll(async () => {
  for (const p of instances) await p.kill('SIGKILL');
  await broker?.stop();
  await database?.drop();
});

describe.skipIf(!inject('databaseUrl'))('two platform instances on one external broker and one PostgreSQL', () => {
  it('loses no heartbeat and changes no count when one instance is killed under load', async () => {
    database = await createTestDatabase();
    broker = await startMosquitto([INSTANCE('a'), INSTANCE('b')]);
    const start = (id: string) =>
      spawnPlatform({
        DATABASE_URL: database!.databaseUrl!,
        EDGENET_DATA_DIR: mkdtempSync(join(tmpdir(), `edgenet-inst-${id}-`)),
        EDGENET_BROKER_URL: broker!.url,
        EDGENET_MQTT_PUBLIC_URL: broker!.url,
        EDGENET_INSTANCE_ID: id,
        EDGENET_BROKER_USERNAME: INSTANCE(id).username,
        EDGENET_BROKER_PASSWORD: INSTANCE(id).password,
        EDGENET_PRESENCE_SWEEP_MS: '200',
      });
    const ready = (p: PlatformProcess) =>
      waitFor(`instance ${p.baseUrl} consuming`, async () => (await p.api('GET', '/readyz')).status === 200, 15_000).catch((err: Error) => {
        throw new Error(
          `${err.message}\n${p
            .output()
            .split('\n')
            .filter((l) => !l.includes('"reqId"'))
            .join('\n')
            .slice(-4_000)}`,
        );
      });
    instances.push(await start('a'));
    await ready(instances[0]!); // the first one migrates; the second finds the schema current
    instances.push(await start('b'));
    await ready(instances[1]!);
    const [a, b] = instances as [PlatformProcess, PlatformProcess];

    // Enrolled through instance b's API; the broker learns each device's credentials.
    const api = { api: b.api, mqttUrl: broker.url } as unknown as TestPlatform;
    const seeded = await seedEnterprise(api, { workstations: ['W-01'], maxUses: DEVICES });
    const devices: TestDevice[] = [];
    for (let i = 0; i < DEVICES; i++) devices.push(await enrollTestDevice(api, seeded.token));
    await broker.addUsers(devices.map((d) => ({ username: d.deviceId, password: d.password })));

    const clients = await Promise.all(
      devices.map(async (d) => {
        const c = await d.connect();
        // The default 10 s interval: offline after 30 s of silence, longer than the failover below.
        await d.hello(c, 10_000);
        return c;
      }),
    );
    const sent = new Map<string, number>(devices.map((d) => [d.deviceId, 0]));
    let running = true;
    const publishing = Promise.all(
      devices.map(async (d, i) => {
        const c = clients[i] as MqttClient;
        await new Promise((r) => setTimeout(r, (i * PUBLISH_EVERY_MS) / DEVICES)); // spread the fleet
        while (running) {
          const seq = sent.get(d.deviceId)! + 1;
          await d.heartbeat(c, seq); // QoS 1: resolves at the broker's PUBACK
          sent.set(d.deviceId, seq);
          await new Promise((r) => setTimeout(r, PUBLISH_EVERY_MS));
        }
      }),
    );

    await new Promise((r) => setTimeout(r, 2_000));
    await a.kill('SIGKILL'); // mid-load: rows in its writer's batch die with it, unacknowledged
    await new Promise((r) => setTimeout(r, 2_000)); // meanwhile the broker queues a's share for a's session
    instances[0] = await start('a'); // same instance id, same session
    await ready(instances[0]);
    await new Promise((r) => setTimeout(r, 2_000));
    running = false;
    await publishing;
    const total = [...sent.values()].reduce((n, v) => n + v, 0);
    expect(total).toBeGreaterThan(DEVICES * 50);

    // Every heartbeat the broker acknowledged to a device is stored, once.
    const db = await import('pg').then((m) => new m.default.Client({ connectionString: database!.databaseUrl }));
    await db.connect();
    try {
      const rows = async () =>
        (
          await db.query<{ device_id: string; n: string; max: string; distinct_seq: string }>(
            'select device_id, count(*) n, max(seq) max, count(distinct seq) distinct_seq from heartbeats group by device_id',
          )
        ).rows;
      await waitFor('every heartbeat stored', async () => (await rows()).reduce((n, r) => n + Number(r.n), 0) >= total, 20_000);
      for (const r of await rows()) {
        expect({ device: r.device_id, n: Number(r.n), max: Number(r.max) }).toEqual({
          device: r.device_id,
          n: sent.get(r.device_id),
          max: sent.get(r.device_id),
        });
      }
      expect((await rows()).length).toBe(DEVICES);
      // The daily rollup counted each heartbeat once, and nothing was flagged: no false replay or
      // clock-skew flag from the redelivered and out-of-order messages of the failover.
      // It follows the rows at each instance's next fold (EDGENET_ROLLUP_FLUSH_MS, 200 ms in tests); the
      // killed instance's unfolded batches are folded when it starts again under its id.
      const counted = async () => Number((await db.query<{ heartbeats: string }>('select sum(heartbeats) heartbeats from device_days')).rows[0]!.heartbeats);
      await waitFor('the rollups folded', async () => (await counted()) >= total, 15_000);
      await new Promise((r) => setTimeout(r, 1_000)); // two more folds: nothing is counted twice
      expect(await counted()).toBe(total);
      expect((await db.query('select kind, reason from device_flags')).rows).toEqual([]);
      // Presence: each device went online exactly once (no flapping between instances) and is online.
      const online = await db.query<{ device_id: string; n: string }>(
        "select device_id, count(*) n from device_connections where event = 'online' group by device_id",
      );
      expect(online.rows.map((r) => Number(r.n))).toEqual(new Array(DEVICES).fill(1));
      const summary = (await b.api('GET', '/api/v1/fleet/summary')).body;
      expect(summary.devices).toEqual({ total: DEVICES, online: DEVICES, offline: 0 });
      const redelivered = (
        await Promise.all(instances.map(async (p) => (await p.api('GET', '/api/v1/ingest/stats')).body.rejected.duplicate as number))
      ).reduce((n, v) => n + v, 0);
      console.log(
        `scale-out: ${total} heartbeats from ${DEVICES} devices over 2 instances, one killed and restarted; all stored once; ${redelivered} redelivered duplicates recognised`,
      );
    } finally {
      await db.end();
    }
    // Devices disconnect cleanly; both instances see the fleet go offline through the shared sweep.
    await Promise.all(clients.map((c) => c.endAsync()));
  }, 90_000);
});
