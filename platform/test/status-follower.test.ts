// Two platform instances on one PostgreSQL database, as behind an external broker or on two
// servers: no channel between them but the database. A device disabled through instance A has its
// session in instance B's broker closed and its CONNECT refused there (embedded broker and the
// HTTP hook), within B's follow interval (ingest/status-follower.ts), and accepted again after A
// re-enables it. PostgreSQL only: two instances cannot share a PGlite directory.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { connackCode } from '../../test/helpers/connack.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { enrollTestDevice } from '../../test/helpers/device.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';

const HOOK_TOKEN = 'hook_token_for_the_follower_test_0123456789';
const env = { EDGENET_BROKER_HOOK_TOKEN: HOOK_TOKEN, EDGENET_DEVICE_STATUS_FOLLOW_MS: '100' }; // 0.1 s
let database: TestDatabase;
let a: TestPlatform;
let b: TestPlatform;

describe.skipIf(!inject('databaseUrl'))('two instances on one database', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startTestPlatform(env, database);
    b = await startTestPlatform(env, database);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  const authn = async (tp: TestPlatform, body: object) => {
    const res = await fetch(`${tp.baseUrl}/broker/authn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${HOOK_TOKEN}` },
      body: JSON.stringify(body),
    });
    return ((await res.json()) as { result: string }).result;
  };

  it('closes the session held by the other instance and refuses its CONNECT there, until re-enabled', async () => {
    const { token } = await seedEnterprise(a, { workstations: ['W-1'] });
    const d = await enrollTestDevice(a, token);
    const credentials = { clientId: d.deviceId, username: d.deviceId, password: d.password };
    const hook = { clientid: d.deviceId, username: d.deviceId, password: d.password };
    // B has the device cached as active: its session, and its hook's answer.
    const client = await mqtt.connectAsync(b.mqttUrl, { ...credentials, reconnectPeriod: 0, protocolVersion: 4 });
    onTestFinished(() => client.endAsync(true).catch(() => undefined));
    await d.hello(client);
    await d.heartbeat(client, 1);
    await waitFor('online', async () => (await b.api('GET', `/api/v1/devices/${d.deviceId}`)).body.online);
    expect(await authn(b, hook)).toBe('allow');
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));

    expect((await a.api('POST', `/api/v1/devices/${d.deviceId}/disable`, { reason: 'follower test' })).status).toBe(200);
    await closed;
    await waitFor('B denies', async () => (await authn(b, hook)) === 'deny');
    expect(await connackCode(b.mqttUrl, credentials)).toBe(5);
    const history = await waitFor('the cut in the history', async () => {
      const items = (await b.api('GET', `/api/v1/devices/${d.deviceId}/connections`)).body.items as { cause: string }[];
      return items.find((c) => c.cause === 'device disabled');
    });
    expect(history).toBeDefined();

    expect((await a.api('POST', `/api/v1/devices/${d.deviceId}/enable`, { reason: 'follower test' })).status).toBe(200);
    await waitFor('B accepts again', async () => (await connackCode(b.mqttUrl, credentials)) === 0);
    expect(await authn(b, hook)).toBe('allow');
  });
});
