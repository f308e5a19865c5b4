// Limits: API rate limits per client address and per bearer token (429 with Retry-After), and on
// MQTT a per-device publish rate (the excess waits for its token and its PUBACK with it: the device
// is slowed, nothing dropped or flagged), a topic-length cap and a packet-size cap that cuts a
// connection off at the packet's header.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TOPIC_LENGTH } from '@edgenet/proto';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { enrollTestDevice } from '../../test/helpers/device.js';

describe('API rate limits', () => {
  let tp: TestPlatform;
  beforeAll(async () => {
    tp = await startTestPlatform({ EDGENET_RATE_LIMIT_PER_IP: '40', EDGENET_RATE_LIMIT_PER_TOKEN: '15' });
  });
  afterAll(() => tp?.close());

  it('limits each bearer token, then each address, with 429 and Retry-After', async () => {
    const bureau = (await tp.api('POST', '/api/v1/api-tokens', { name: 'b', role: 'bureau' })).body.token;
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await tp.api('GET', '/api/v1/fleet/summary', undefined, bureau)).status);
    expect(statuses.slice(0, 15).every((s) => s === 200)).toBe(true);
    const limited = await fetch(`${tp.baseUrl}/api/v1/fleet/summary`, { headers: { authorization: `Bearer ${bureau}` } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 'EDGENET_ERR_RATE_LIMITED', message: expect.stringMatching(/too many requests from this token/) });
    // Another token from the same address still has its own allowance…
    expect((await tp.api('GET', '/api/v1/fleet/summary')).status).toBe(200);
    // …until the address itself is over its limit; bad tokens count too, and are not looked up.
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++)
      status = (await tp.api('GET', '/api/v1/fleet/summary', undefined, `op_guess_${i}_000000000000000000`)).status;
    expect(status).toBe(429);
    const res = await tp.api('POST', '/api/v1/enroll', {}, null);
    expect(res.body).toMatchObject({ code: 'EDGENET_ERR_RATE_LIMITED', message: expect.stringMatching(/from this address/) });
    // Probes are outside the API and never limited.
    expect((await tp.api('GET', '/healthz', undefined, null)).status).toBe(200);
  });
});

describe('MQTT limits', () => {
  let tp: TestPlatform;
  let seeded: Seeded;
  beforeAll(async () => {
    tp = await startTestPlatform({ EDGENET_MQTT_RATE_PER_S: '2', EDGENET_MQTT_BURST: '5' });
    seeded = await seedEnterprise(tp);
  });
  afterAll(() => tp?.close());
  const stats = async () => (await tp.api('GET', '/api/v1/ingest/stats')).body;

  it('slows a device over its rate with late PUBACKs and stores every heartbeat, dropping none', async () => {
    const d = await enrollTestDevice(tp, seeded.token);
    const client = await d.connect();
    const { rejects } = tp.platform.context;
    const rateLimitedBefore = rejects.snapshot().rate_limited;
    // 30 at once, as an agent draining its backlog with several in flight: 5 go on the burst and
    // the other 25 wait for tokens at 2 a second, and their PUBACKs with them.
    const started = Date.now();
    const acked: { seq: number; afterMs: number }[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => i + 1).map((seq) => d.heartbeat(client, seq).then(() => acked.push({ seq, afterMs: Date.now() - started }))),
    );
    expect(client.connected).toBe(true);
    // Every one acknowledged, in the order sent [MQTT-4.6.0-2], and every one stored.
    expect(acked.map((a) => a.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const stored = (await tp.api('GET', `/api/v1/devices/${d.deviceId}/heartbeats?limit=100`)).body.items;
    expect(stored.length).toBe(30);
    // The excess came later: the n-th PUBACK cannot come before the bucket held n tokens
    // (burst 5 + 2/s), however slow the machine is. Without the wait all 30 would come at once.
    for (const [i, a] of acked.entries()) expect(a.afterMs, `PUBACK of seq ${a.seq}`).toBeGreaterThanOrEqual(Math.max(0, (i + 1 - 5) / 2) * 1_000 - 50);
    // None dropped, and a device draining a backlog is not flagged.
    expect(rejects.snapshot().rate_limited).toBe(rateLimitedBefore);
    expect((await stats()).rejected.rate_limited).toBe(rateLimitedBefore);
    expect((await tp.api('GET', `/api/v1/flags?deviceId=${d.deviceId}`)).body.items).toEqual([]);
  });

  it(`closes a connection that publishes to a topic longer than ${MAX_TOPIC_LENGTH} characters`, async () => {
    const d = await enrollTestDevice(tp, seeded.token);
    const client = await d.connect();
    const before = (await stats()).rejected.topic_denied;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(`edge/v1/d/${d.deviceId}/${'x'.repeat(MAX_TOPIC_LENGTH)}`, Buffer.from('x'), { qos: 1 });
    await closed;
    expect((await stats()).rejected.topic_denied).toBe(before + 1);
  });

  it('cuts off a packet that announces more than 64 KiB before its body arrives', async () => {
    const before = (await stats()).rejected.oversize;
    const socket = connect(tp.platform.mqttPort!, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // PUBLISH, remaining length 256 MiB - 1 (0xff 0xff 0xff 0x7f) [MQTT-2.2.3], then only a few bytes.
    socket.write(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f, 0, 3, 0x61, 0x2f, 0x62]));
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect((await stats()).rejected.oversize).toBe(before + 1);
    const { MAX_PACKET_BYTES } = await import('../src/broker/index.js');
    expect(MAX_PACKET_BYTES).toBe(64 * 1024);
  });
});
