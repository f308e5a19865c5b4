// The device registry reads devices in batches (one pair of queries for everything asked in one
// turn of the event loop, a city's reconnect storm after a restart). Each caller still gets its own device, with
// the newest stored heartbeat's seq, and a stranger's id or a malformed one gets null.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DeviceRegistry } from '../src/ingest/device-registry.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';

let tp: TestPlatform;
const devices: TestDevice[] = [];

beforeAll(async () => {
  tp = await startTestPlatform();
  const { token } = await seedEnterprise(tp, { maxUses: 3 });
  for (let i = 0; i < 3; i++) devices.push(await enrollTestDevice(tp, token));
});
afterAll(() => tp?.close());

it('answers every concurrent caller with its own device, and null for unknown or malformed ids', async () => {
  const client = await devices[1]!.connect();
  for (let seq = 1; seq <= 4; seq++) await devices[1]!.heartbeat(client, seq); // acknowledged once stored
  const registry = new DeviceRegistry(tp.platform.context.db);
  const unknown = randomUUID();
  const asked = [...devices.map((d) => d.deviceId), unknown, 'not-a-device-id', devices[0]!.deviceId];
  const answers = await Promise.all(asked.map((id) => registry.get(id)));
  expect(answers.map((d) => d?.id ?? null)).toEqual([...devices.map((d) => d.deviceId), null, null, devices[0]!.deviceId]);
  expect(answers.map((d) => d?.lastSeq ?? null)).toEqual([0, 4, 0, null, null, 0]);
  expect(answers[1]!.lastBodyHash).toHaveLength(32);
  expect(answers[1]!.lastInferenceTotal).toBe(40);
  // The same promise for a device asked twice in one turn.
  expect(answers[5]).toBe(answers[0]);
});
