// The embedded broker refuses what it must (docs/protocol.md): wrong credentials at CONNECT,
// a publish under another device's topic, a subscription outside the device's own command topic;
// and a garbage payload is counted and dropped while the platform keeps running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mqtt from 'mqtt';
import { generateKeyPairSync } from 'node:crypto';
import { commandTopic, deviceTopic, edge, sealEnvelope } from '@edgenet/proto';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { connackCode as connackAt } from '../../test/helpers/connack.js';

let tp: TestPlatform;
let a: TestDevice;
let b: TestDevice;

beforeAll(async () => {
  tp = await startTestPlatform();
  const { token } = await seedEnterprise(tp, { workstations: ['L1-01'] });
  a = await enrollTestDevice(tp, token, { workstations: ['L1-01'] });
  b = await enrollTestDevice(tp, token);
});
afterAll(() => tp?.close());

const stats = async () => (await tp.api('GET', '/api/v1/ingest/stats')).body;

const connackCode = (opts: mqtt.IClientOptions) => connackAt(tp.mqttUrl, opts);

describe('embedded broker', () => {
  it('accepts a device with its enrollment credentials and stores its heartbeats', async () => {
    const client = await a.connect();
    await a.hello(client);
    for (let seq = 1; seq <= 5; seq++) await a.heartbeat(client, seq);
    const hb = await waitFor('5 heartbeats stored', async () => {
      const res = await tp.api('GET', `/api/v1/devices/${a.deviceId}/heartbeats?limit=10`);
      return res.body.items.length === 5 ? res.body.items : null;
    });
    expect(hb.map((h: { seq: number }) => h.seq)).toEqual([5, 4, 3, 2, 1]);
    const dev = await tp.api('GET', `/api/v1/devices/${a.deviceId}`);
    expect(dev.body).toMatchObject({ online: true, lastSeq: 5, workstations: ['L1-01'] });
  });

  it('refuses wrong credentials at CONNECT with return code 4 (or 2 for a borrowed client id)', async () => {
    expect(await connackCode({ clientId: a.deviceId, username: a.deviceId, password: 'wrong' })).toBe(4);
    expect(await connackCode({ clientId: 'anonymous' })).toBe(4);
    expect(await connackCode({ clientId: a.deviceId, username: b.deviceId, password: b.password })).toBe(2);
    expect(await connackCode({ clientId: a.deviceId, username: a.deviceId, password: a.password })).toBe(0);
    expect((await stats()).rejected.auth_failed).toBeGreaterThanOrEqual(3);
  });

  it("disconnects a device that publishes under another device's topic, and stores nothing", async () => {
    const client = await b.connect();
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(deviceTopic(a.deviceId, 'heartbeat'), Buffer.from('x'), { qos: 1 });
    await closed;
    expect((await stats()).rejected.topic_denied).toBeGreaterThanOrEqual(1);
  });

  it("negates subscriptions outside the device's own command topic", async () => {
    const client = await b.connect();
    // mqtt.js rejects when any filter is refused; the SUBACK it carries has the granted codes.
    const suback = await client.subscribeAsync(['#', commandTopic(a.deviceId), commandTopic(b.deviceId)], { qos: 1 }).then(
      () => null,
      (err: { packet?: { granted: number[] } }) => err.packet,
    );
    expect(suback?.granted).toEqual([128, 128, 1]);
  });

  it('counts and drops a garbage payload and keeps running', async () => {
    const before = (await stats()).rejected.malformed;
    const client = await b.connect();
    await client.publishAsync(deviceTopic(b.deviceId, 'heartbeat'), Buffer.from([0xff, 0xff, 0xff, 0x0f, 1, 2, 3]), { qos: 1 });
    await client.publishAsync(deviceTopic(b.deviceId, 'hello'), Buffer.from('not protobuf at all'), { qos: 1 });
    await waitFor('malformed counted', async () => (await stats()).rejected.malformed >= before + 2);
    // Still serving: a valid heartbeat from the same device is accepted afterwards.
    await b.heartbeat(client, 1);
    await waitFor('valid heartbeat stored', async () => (await tp.api('GET', `/api/v1/devices/${b.deviceId}`)).body.lastSeq === 1);
    expect((await tp.api('GET', '/readyz', undefined, null)).status).toBe(200);
  });

  it('rejects a bad signature and a replayed sequence number', async () => {
    const before = await stats();
    const client = await b.connect();
    // b's topic and credentials, but a body signed by a key that is not b's.
    const body = edge.v1.Heartbeat.encode({ seq: 99, deviceTimeMs: Date.now() }).finish();
    const forged = sealEnvelope(body, generateKeyPairSync('ed25519').privateKey);
    await client.publishAsync(deviceTopic(b.deviceId, 'heartbeat'), Buffer.from(forged), { qos: 1 });
    await b.heartbeat(client, 1); // already accepted above: a replay
    await waitFor('rejections counted', async () => {
      const s = await stats();
      return s.rejected.bad_signature > before.rejected.bad_signature && s.rejected.duplicate > before.rejected.duplicate;
    });
    expect((await tp.api('GET', `/api/v1/devices/${b.deviceId}`)).body.lastSeq).toBe(1);
  });

  it('marks a device offline at once when its connection drops', async () => {
    const client = await a.connect();
    await a.heartbeat(client, 6);
    await waitFor('online', async () => (await tp.api('GET', `/api/v1/devices/${a.deviceId}`)).body.online === true);
    client.stream.destroy(); // an abrupt loss, not a clean DISCONNECT
    await waitFor('offline', async () => (await tp.api('GET', `/api/v1/devices/${a.deviceId}`)).body.online === false, 5_000);
  });
});
