// Every (re)connect repeats the hello. Only a hello that declares something new is written to the
// devices row: another profile, or a clock offset that moved more than a second or across the
// skew bound that decides filing. Observed through the row's xmin, which any UPDATE changes, even
// one that rewrites the same values.
import { sql } from 'drizzle-orm';
import { deviceKindToProto, edge, sealEnvelope } from '@edgenet/proto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/index.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';

let tp: TestPlatform;
let device: TestDevice;
beforeAll(async () => {
  tp = await startTestPlatform();
  device = await enrollTestDevice(tp, (await seedEnterprise(tp)).token);
});
afterAll(() => tp?.close());

const row = async () =>
  (
    await queryRows<{ xmin: string; agent_version: string; hello_offset_ms: string | number | null }>(
      tp.platform.context.db,
      sql`select xmin::text, agent_version, hello_offset_ms from devices where id = ${device.deviceId}`,
    )
  )[0]!;

/** A hello received at `receivedAtMs` from a device whose clock is `offsetMs` ahead. */
async function hello(receivedAtMs: number, offsetMs: number, agentVersion = 'edge-agent 1.0.0'): Promise<void> {
  const body = edge.v1.Hello.encode({
    agentVersion,
    kind: deviceKindToProto('compute_box'),
    fingerprint: 'f'.repeat(64),
    heartbeatIntervalMs: 60_000, // no sweep turns it offline while the test runs
    deviceTimeMs: receivedAtMs + offsetMs,
    inventory: { cpuBrand: 'test', cpuCores: 4, systemSerial: 'SN-1' },
  }).finish();
  const handled = await tp.platform.context.ingest.handle(device.deviceId, 'hello', sealEnvelope(body, device.privateKey), new Date(receivedAtMs));
  expect(handled.outcome).toBe('accepted');
  await tp.platform.context.presence.settled();
}

it('writes a new declaration and a moved clock, and nothing for a hello that repeats them', async () => {
  const t0 = Date.now();
  await hello(t0, 2_000);
  const first = await row();
  expect([first.agent_version, Number(first.hello_offset_ms)]).toEqual(['edge-agent 1.0.0', 2_000]);

  // Reconnects a minute apart, the same box and clock within network delay: no write.
  await hello(t0 + 60_000, 2_040);
  await hello(t0 + 120_000, 1_980);
  expect((await row()).xmin).toBe(first.xmin);

  // The clock moved 2 s: written.
  await hello(t0 + 180_000, 4_000);
  const moved = await row();
  expect(moved.xmin).not.toBe(first.xmin);
  expect(Number(moved.hello_offset_ms)).toBe(4_000);

  // Another agent version: written.
  await hello(t0 + 240_000, 4_000, 'edge-agent 1.1.0');
  const upgraded = await row();
  expect(upgraded.xmin).not.toBe(moved.xmin);
  expect(upgraded.agent_version).toBe('edge-agent 1.1.0');

  // Within the tolerance but across the skew bound (5 min): written, so filing reads the same verdict.
  const bound = tp.platform.context.policy.clock.maxSkewMs;
  await hello(t0 + 300_000, bound - 300, 'edge-agent 1.1.0');
  const below = await row();
  await hello(t0 + 360_000, bound + 300, 'edge-agent 1.1.0');
  const beyond = await row();
  expect(beyond.xmin).not.toBe(below.xmin);
  expect(Number(beyond.hello_offset_ms)).toBe(bound + 300);
});

it('writes nothing for a repeated hello after a restart: the last declaration is read from the row', async () => {
  const t0 = Date.now() + 3_600_000;
  await hello(t0, 1_000, 'edge-agent 2.0.0');
  const before = await row();
  // What a restarted process (or another instance) knows of the device: only what the row says.
  tp.platform.context.registry.forget(device.deviceId);
  await hello(t0 + 60_000, 1_020, 'edge-agent 2.0.0');
  expect((await row()).xmin).toBe(before.xmin);
  // And a change after it is still written.
  await hello(t0 + 120_000, 1_020, 'edge-agent 2.0.1');
  expect((await row()).agent_version).toBe('edge-agent 2.0.1');
});
