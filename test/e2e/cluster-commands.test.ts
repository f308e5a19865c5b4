// Commands in a cluster of workers (EDGENET_WORKERS=2): a device's session is in one worker's broker,
// while the API requests that send it commands are spread over both workers (a new connection each,
// round robin). Every command reaches the device at once, whichever worker took the request: the
// one without the session asks the primary to have the holder deliver it (cluster/messages.ts
// `edgenet:commands-waiting`). PostgreSQL only: workers cannot share PGlite.
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { commandTopic, edge } from '@edgenet/proto';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { enrollTestDevice } from '../helpers/device.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { spawnPlatform, type PlatformProcess } from '../helpers/platform-process.js';
import { OPERATOR_TOKEN, waitFor, type TestPlatform } from '../helpers/platform.js';

const COMMANDS = 6;

let database: TestDatabase | undefined;
let platform: PlatformProcess | undefined;
afterAll(async () => {
  await platform?.kill('SIGKILL');
  await database?.drop();
});

/** A POST on a connection of its own (agent: false), so round robin hands consecutive ones to different workers. */
function postAlone(baseUrl: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${path}`,
      { method: 'POST', agent: false, headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe.skipIf(!inject('databaseUrl'))('commands in a cluster of workers', () => {
  it('reaches the device at once through whichever worker took the request', async () => {
    database = await createTestDatabase();
    platform = await spawnPlatform({
      DATABASE_URL: database.databaseUrl!,
      EDGENET_DATA_DIR: mkdtempSync(join(tmpdir(), 'edgenet-cluster-cmd-')),
      EDGENET_WORKERS: '2',
      EDGENET_MQTT_PLAIN: 'true',
      EDGENET_MQTT_HOST: '127.0.0.1',
      EDGENET_MQTT_PORT: '0',
      NODE_CLUSTER_SCHED_POLICY: 'rr',
    });
    const api = { api: platform.api, mqttUrl: `mqtt://127.0.0.1:${platform.mqttPort}` } as unknown as TestPlatform;
    const seeded = await seedEnterprise(api);
    const d = await enrollTestDevice(api, seeded.token);
    const client = await mqtt.connectAsync(api.mqttUrl, {
      clientId: d.deviceId,
      username: d.deviceId,
      password: d.password,
      reconnectPeriod: 0,
      protocolVersion: 4,
    });
    const received = new Set<string>();
    client.on('message', (topic, payload) => {
      if (topic === commandTopic(d.deviceId)) received.add(edge.v1.Command.decode(payload).id);
    });
    await client.subscribeAsync(commandTopic(d.deviceId), { qos: 1 });
    await d.hello(client, 10_000);
    await waitFor('device online', async () => (await platform!.api('GET', `/api/v1/devices/${d.deviceId}`)).body.online);

    const sent: string[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      const res = await postAlone(platform.baseUrl, `/api/v1/devices/${d.deviceId}/commands`, { kind: 'ping' });
      expect(res.status).toBe(201);
      sent.push(res.body.id);
    }
    await waitFor(`all ${COMMANDS} commands on the device`, () => sent.every((id) => received.has(id)), 20_000);
    const listed = await platform.api('GET', `/api/v1/devices/${d.deviceId}/commands`);
    expect(listed.body.items.map((c: { state: string }) => c.state)).toEqual(Array(COMMANDS).fill('delivered'));
    await client.endAsync();
  });
});
