// A device's workstation mapping over MQTT (实施细则 art. 19 (3): how long each mapping held). A
// reconnecting device repeats its mapping; only a change is written, and a late copy of an older
// revision never undoes a newer one. The device registry carries the open mapping, so a restarted
// platform under a reconnect storm writes nothing for the unchanged ones.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/index.js';
import { DeviceRegistry } from '../src/ingest/device-registry.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';

let tp: TestPlatform;
let device: TestDevice;

beforeAll(async () => {
  tp = await startTestPlatform();
  const { token } = await seedEnterprise(tp, { workstations: ['A', 'B', 'C'] });
  device = await enrollTestDevice(tp, token);
});
afterAll(() => tp?.close());

const rows = async () =>
  (
    await queryRows<{ code: string; revision: number | string; open: boolean }>(
      tp.platform.context.db,
      sql`
  select code, revision, valid_to is null as open from workstation_mappings where device_id = ${device.deviceId} order by code, valid_from`,
    )
  ).map((r) => ({ ...r, revision: Number(r.revision) }));

it('writes a changed mapping, nothing for a repeated one, and ignores a late older revision', async () => {
  const client = await device.connect();
  await device.workstations(client, ['A', 'B'], 1); // acknowledged once handled
  expect(await rows()).toEqual([
    { code: 'A', revision: 1, open: true },
    { code: 'B', revision: 1, open: true },
  ]);

  await device.workstations(client, ['B', 'A'], 1); // a reconnect repeats it
  expect(await rows()).toHaveLength(2);

  await device.workstations(client, ['B', 'C'], 2);
  expect(await rows()).toEqual([
    { code: 'A', revision: 1, open: false },
    { code: 'B', revision: 2, open: true },
    { code: 'C', revision: 2, open: true },
  ]);

  await device.workstations(client, ['A', 'B'], 1); // a late copy of the old one
  expect((await rows()).filter((r) => r.open).map((r) => r.code)).toEqual(['B', 'C']);

  // What a restarted platform loads for the device.
  const loaded = await new DeviceRegistry(tp.platform.context.db).get(device.deviceId);
  expect({ codes: [...loaded!.mapping!.codes].sort(), revision: loaded!.mapping!.revision }).toEqual({ codes: ['B', 'C'], revision: 2 });
});
