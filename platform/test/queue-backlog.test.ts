// Every heartbeat carries the agent's store-and-forward queue: messages waiting (queue_depth) and
// messages its bounded queue ever discarded (queue_dropped). The platform stores both on the row
// and shows the newest on the device, so an operator sees a device's backlog and its losses, and a
// gap in seq is explained (agent/README.md "Store-and-forward").
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { enrollTestDevice } from '../../test/helpers/device.js';

let tp: TestPlatform;
let seeded: Seeded;
beforeAll(async () => {
  tp = await startTestPlatform();
  seeded = await seedEnterprise(tp);
});
afterAll(() => tp?.close());

it('stores queue_depth and queue_dropped on each heartbeat and shows the newest on the device', async () => {
  const d = await enrollTestDevice(tp, seeded.token);
  expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.queue).toBeNull();
  const client = await d.connect();
  await d.hello(client);
  await d.heartbeat(client, 1, { queueDepth: 4_321, queueDropped: 0 });
  // seq 2–9 were discarded by the agent's queue (its size bound): the gap is explained by dropped.
  await d.heartbeat(client, 10, { queueDepth: 4_000, queueDropped: 8 });

  const items = (await tp.api('GET', `/api/v1/devices/${d.deviceId}/heartbeats?limit=10`)).body.items;
  expect(items.map((h: { seq: number; queueDepth: number; queueDropped: number }) => [h.seq, h.queueDepth, h.queueDropped])).toEqual([
    [10, 4_000, 8],
    [1, 4_321, 0],
  ]);
  const device = (await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body;
  expect(device.queue).toEqual({ depth: 4_000, dropped: 8, seq: 10, receivedAt: expect.any(String) });
  // Counts beyond 32 bits are kept exactly (the proto fields are uint64; any safe integer decodes).
  await d.heartbeat(client, 11, { queueDepth: 2 ** 40, queueDropped: 2 ** 33 });
  expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.queue).toMatchObject({ depth: 2 ** 40, dropped: 2 ** 33, seq: 11 });
});
