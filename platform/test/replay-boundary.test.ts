// The replay flag's boundary is the one docs/certification.md states: a stored heartbeat arriving
// again more than replay.windowSeq (1,000) behind the newest accepted seq is a replay; exactly 1,000
// behind is still a redelivery (dropped, counted, not flagged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, sealEnvelope } from '@edgenet/proto';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';

let tp: TestPlatform;
let dev: TestDevice;
const sent: Uint8Array[] = [];
const T0 = Date.now();

beforeAll(async () => {
  tp = await startTestPlatform();
  dev = await enrollTestDevice(tp, (await seedEnterprise(tp)).token);
  for (let seq = 1; seq <= 1_002; seq++) {
    const envelope = sealEnvelope(edge.v1.Heartbeat.encode({ seq, deviceTimeMs: T0 + seq }).finish(), dev.privateKey);
    sent.push(envelope);
    expect((await tp.platform.context.ingest.handle(dev.deviceId, 'heartbeat', envelope, new Date(T0 + seq))).outcome).toBe('accepted');
  }
  await tp.platform.context.writer.flush();
}, 120_000);
afterAll(() => tp?.close());

const replayFlags = async () =>
  ((await tp.api('GET', `/api/v1/flags?deviceId=${dev.deviceId}&open=true`)).body.items as { kind: string; reason: string }[]).filter(
    (f) => f.kind === 'replay',
  );

describe('the replay boundary', () => {
  it('exactly 1,000 behind is a redelivery, 1,001 behind a replay', async () => {
    // seq 2 first: were it flagged, its reason would be the one kept (one open flag per kind, the first).
    expect((await tp.platform.context.ingest.handle(dev.deviceId, 'heartbeat', sent[1]!, new Date(T0 + 2_000))).outcome).toBe('rejected');
    expect((await tp.platform.context.ingest.handle(dev.deviceId, 'heartbeat', sent[0]!, new Date(T0 + 2_001))).outcome).toBe('rejected');
    await expect.poll(async () => (await replayFlags()).map((f) => f.reason), { timeout: 10_000 }).toEqual(['heartbeat seq 1 arrived after seq 1002']);
  });
});
