// A QoS 1 PUBACK from the embedded broker means "stored" (zero heartbeats lost across a
// restart). aedes acknowledges as soon as authorizePublish answers, so the platform answers only
// after the heartbeat's row is committed (platform/src/broker/published.ts). A long flush interval
// makes an early acknowledgement visible: the row would still be waiting in the writer's queue.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';

const FLUSH_MS = 1_500;
let tp: TestPlatform;
let device: TestDevice;

beforeAll(async () => {
  tp = await startTestPlatform({ EDGENET_HEARTBEAT_FLUSH_MS: String(FLUSH_MS) });
  const { token } = await seedEnterprise(tp);
  device = await enrollTestDevice(tp, token);
});
afterAll(() => tp?.close());

const storedSeqs = async () =>
  (await tp.api('GET', `/api/v1/devices/${device.deviceId}/heartbeats?limit=100`)).body.items
    .map((h: { seq: number }) => h.seq)
    .sort((a: number, b: number) => a - b);

it('acknowledges a heartbeat only once its row is committed, and in the order sent', async () => {
  const client = await device.connect();
  await device.hello(client);
  const started = Date.now();
  await device.heartbeat(client, 1); // resolves on the PUBACK
  const waited = Date.now() - started;
  expect(await storedSeqs()).toEqual([1]);
  // The acknowledgement waited for the writer's flush, not only for the network.
  expect(waited).toBeGreaterThanOrEqual(FLUSH_MS - 100);

  // Several in flight at once: every acknowledgement still finds its row, and they come in order.
  const acked: number[] = [];
  await Promise.all([2, 3, 4, 5, 6].map((seq) => device.heartbeat(client, seq).then(() => acked.push(seq))));
  expect(acked).toEqual([2, 3, 4, 5, 6]);
  expect(await storedSeqs()).toEqual([1, 2, 3, 4, 5, 6]);
  client.end(true);
});
