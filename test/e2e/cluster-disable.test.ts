// Disabling a device in a cluster (EDGENET_WORKERS=2): the worker that serves the operator's
// request is not always the one holding the device's MQTT session. The test finds both through
// /proc (which worker's file descriptors hold each TCP connection), disables a device whose
// session is in the other worker, and sees that session closed at once and the reconnect refused
// (CONNACK 5), then re-enabled and accepted. PostgreSQL only: workers cannot share PGlite.
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connackCode } from '../helpers/connack.js';
import { workerHolding, workerPids } from '../helpers/cluster-processes.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { enrollTestDevice, type TestDevice } from '../helpers/device.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { spawnPlatform, type PlatformProcess } from '../helpers/platform-process.js';
import { OPERATOR_TOKEN, waitFor, type TestPlatform } from '../helpers/platform.js';

const DEVICES = 4;
let database: TestDatabase | undefined;
let platform: PlatformProcess | undefined;
const clients: MqttClient[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(async () => {
  agent.destroy();
  await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  await platform?.kill('SIGKILL');
  await database?.drop();
});

/** A request over the one kept-alive socket, so the same worker answers each; with the socket's local port. */
function viaAgent(method: string, port: number, path: string, body?: object): Promise<{ status: number; localPort: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, localPort: req.socket!.localPort! }));
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe.skipIf(!inject('databaseUrl'))('disabling a device in a cluster of workers', () => {
  it("closes the device's session in the other worker at once, and refuses its reconnect", async () => {
    database = await createTestDatabase();
    platform = await spawnPlatform({
      DATABASE_URL: database.databaseUrl!,
      EDGENET_DATA_DIR: mkdtempSync(join(tmpdir(), 'edgenet-cluster-disable-')),
      EDGENET_WORKERS: '2',
      EDGENET_MQTT_PLAIN: 'true',
      EDGENET_MQTT_HOST: '127.0.0.1',
      EDGENET_MQTT_PORT: '0',
      NODE_CLUSTER_SCHED_POLICY: 'rr', // consecutive connections in different workers
    });
    const mqttPort = platform.mqttPort!;
    const httpPort = Number(new URL(platform.baseUrl).port);
    await waitFor('two workers', () => workerPids(platform!.child.pid!).length === 2);
    const workers = workerPids(platform.child.pid!);
    const api = { api: platform.api, mqttUrl: `mqtt://127.0.0.1:${mqttPort}` } as unknown as TestPlatform;
    const seeded = await seedEnterprise(api, { workstations: ['W-01'], maxUses: DEVICES });
    const devices: TestDevice[] = [];
    for (let i = 0; i < DEVICES; i++) devices.push(await enrollTestDevice(api, seeded.token));
    const sessions = await Promise.all(
      devices.map(async (d) => {
        const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
          clientId: d.deviceId,
          username: d.deviceId,
          password: d.password,
          protocolVersion: 4,
          reconnectPeriod: 0,
        });
        clients.push(client);
        const localPort = (client.stream as unknown as { localPort: number }).localPort;
        return { d, client, worker: await waitFor('the session found', () => workerHolding(workers, mqttPort, localPort)) };
      }),
    );
    const served = await viaAgent('GET', httpPort, '/healthz');
    const apiWorker = workerHolding(workers, httpPort, served.localPort);
    expect(apiWorker).toBeDefined();
    const elsewhere = sessions.find((s) => s.worker !== apiWorker);
    expect(elsewhere, 'a session in the worker that does not serve the API request').toBeDefined();
    const { d, client } = elsewhere!;

    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const disabled = await viaAgent('POST', httpPort, `/api/v1/devices/${d.deviceId}/disable`, { reason: 'cluster test' });
    expect(disabled.status).toBe(200);
    expect(workerHolding(workers, httpPort, disabled.localPort)).toBe(apiWorker); // the same worker answered
    await closed;
    const credentials = { clientId: d.deviceId, username: d.deviceId, password: d.password };
    // Both workers refuse it: consecutive connections alternate between them.
    expect([await connackCode(api.mqttUrl, credentials), await connackCode(api.mqttUrl, credentials)]).toEqual([5, 5]);
    expect((await viaAgent('POST', httpPort, `/api/v1/devices/${d.deviceId}/enable`, { reason: 'cluster test' })).status).toBe(200);
    expect([await connackCode(api.mqttUrl, credentials), await connackCode(api.mqttUrl, credentials)]).toEqual([0, 0]);
    // The other devices' sessions stayed up.
    expect(sessions.filter((s) => s !== elsewhere).every((s) => s.client.connected)).toBe(true);
  });
});
