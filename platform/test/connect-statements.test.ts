// What a device's connection costs the database, counted in statements (wall time on a shared
// machine says little): a reconnect that repeats its signed hello and mapping writes neither, a
// changed one is written, and a first connection reads the device in one statement and writes its
// mapping in one. Counted through the db layer's onStatement hook, which sees every statement
// drizzle sends, a transaction's too. With several instances (shared), each compares with what is
// stored, since another instance may have written since: observed through the rows' xmin.
import { sql } from 'drizzle-orm';
import { commandTopic, deviceTopic, edge, sealedPayload, sealEnvelope } from '@edgenet/proto';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/index.js';
import { OpenCommandDevices } from '../src/commands/open-devices.js';
import { DeviceRegistry } from '../src/ingest/device-registry.js';
import { Ingest } from '../src/ingest/ingest.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';

let tp: TestPlatform;
let token: string;
let statements: string[] = [];
beforeAll(async () => {
  tp = await startTestPlatform({}, undefined, { onStatement: (text) => statements.push(text) });
  ({ token } = await seedEnterprise(tp, { workstations: ['A', 'B'] }));
});
afterAll(() => tp?.close());

/** What one statement does, by the table it writes or first reads. */
function label(text: string): string {
  const s = text.trim().toLowerCase();
  if (/^(begin|commit|rollback|savepoint|release)\b/.test(s)) return 'transaction';
  if (/(insert into|update) "?workstation_mappings"?/.test(s)) return 'write workstation_mappings';
  if (s.startsWith('update "devices"')) return s.includes('"declared_sha256"') ? 'write hello' : s.includes('"online"') ? 'write presence' : 'write devices';
  const write = /^(?:insert into|update|delete from) "?(\w+)"?/.exec(s);
  if (write) return `write ${write[1]}`;
  return `read ${/\bfrom "?(\w+)"?/.exec(s)?.[1] ?? '?'}`;
}

/** The statements `step` caused, once the presence writes it set off are in and nothing more comes. */
async function counted(step: () => Promise<void>): Promise<string[]> {
  statements = [];
  await step();
  let seen = -1;
  while (seen !== statements.length) {
    seen = statements.length;
    await tp.platform.context.presence.settled();
    await new Promise((r) => setTimeout(r, 300));
  }
  // The platform's own periodic work (notification deliveries, alarm evaluation) may run meanwhile:
  // not the connection's.
  return statements
    .map(label)
    .filter((l) => !/notification|alarm/.test(l))
    .sort();
}

const online = async (deviceId: string) =>
  (await queryRows<{ online: boolean }>(tp.platform.context.db, sql`select online from devices where id = ${deviceId}`))[0]!.online;

async function disconnect(device: TestDevice, client: MqttClient): Promise<void> {
  await client.endAsync();
  await waitFor('the device offline', async () => !(await online(device.deviceId)));
  await tp.platform.context.presence.settled();
}

it('a reconnect that repeats the hello and the mapping writes neither; a first connection reads the device once and maps in one statement', async () => {
  const device = await enrollTestDevice(tp, token, { workstations: ['A'] });
  let last: MqttClient | undefined;
  const connection =
    (codes: string[], revision: number, heartbeatIntervalMs = 1_000) =>
    async () => {
      const client = await device.connect();
      await device.hello(client, heartbeatIntervalMs);
      await device.workstations(client, codes, revision); // acknowledged once handled
      last = client;
    };

  // First connection: the enrollment's mapping (revision 0) moves to the device's revision 1 and B opens.
  // No read of commands: none is open for the device (commands/open-devices.ts).
  expect(await counted(connection(['A', 'B'], 1))).toEqual([
    'read devices', // CONNECT: the device, its newest heartbeat and its open mapping
    'write device_connections',
    'write hello', // the first hello after enrollment declares the profile
    'write presence',
    'write workstation_mappings',
  ]);
  await disconnect(device, last!);

  // The same signed hello and mapping again: only presence and its history are written.
  const presenceOnly = ['write device_connections', 'write presence'];
  expect(await counted(connection(['B', 'A'], 1))).toEqual(presenceOnly);
  await disconnect(device, last!);

  // As a restarted platform: nothing of the device in memory but what the row says.
  tp.platform.context.registry.forget(device.deviceId);
  expect(await counted(connection(['A', 'B'], 1))).toEqual(['read devices', ...presenceOnly].sort());
  await disconnect(device, last!);

  // Another declaration (heartbeat interval) and another mapping are written, once each.
  expect(await counted(connection(['B'], 2, 2_000))).toEqual([...presenceOnly, 'write hello', 'write workstation_mappings'].sort());
  const open = await queryRows<{ code: string; revision: string | number }>(
    tp.platform.context.db,
    sql`select code, revision from workstation_mappings where device_id = ${device.deviceId} and valid_to is null`,
  );
  expect(open.map((m) => [m.code, Number(m.revision)])).toEqual([['B', 2]]);
  await disconnect(device, last!);
});

it('with several instances, a hello and a mapping are compared with what is stored, not with a memory another instance outdated', async () => {
  const device = await enrollTestDevice(tp, token);
  const { db, log, writer, presence, rejects, flags, policy } = tp.platform.context;
  // Two instances on one database, each with its own memory of the device (external broker mode).
  const instance = () => new Ingest({ db, log, registry: new DeviceRegistry(db), writer, presence, rejects, flags, policy, shared: true });
  const [a, b] = [instance(), instance()];
  const send = async (via: Ingest, kind: 'hello' | 'workstations', body: Uint8Array) =>
    expect((await via.handle(device.deviceId, kind, sealEnvelope(body, device.privateKey))).outcome).toBe('accepted');
  const hello = (via: Ingest, heartbeatIntervalMs: number) =>
    send(
      via,
      'hello',
      edge.v1.Hello.encode({
        agentVersion: 'test',
        kind: edge.v1.DeviceKind.COMPUTE_BOX,
        fingerprint: 'f'.repeat(64),
        heartbeatIntervalMs,
        deviceTimeMs: Date.now(),
        inventory: { cpuBrand: 'test', cpuCores: 4 },
      }).finish(),
    );
  const mapping = (via: Ingest, codes: string[], revision: number) =>
    send(via, 'workstations', edge.v1.WorkstationMapping.encode({ workstationCodes: codes, revision }).finish());
  const deviceRow = async () =>
    (
      await queryRows<{ xmin: string; heartbeat_interval_ms: number }>(
        db,
        sql`select xmin::text, heartbeat_interval_ms from devices where id = ${device.deviceId}`,
      )
    )[0]!;
  const mappingRows = () =>
    queryRows<{ xmin: string; code: string; open: boolean }>(
      db,
      sql`select xmin::text, code, valid_to is null as open from workstation_mappings where device_id = ${device.deviceId} order by code, valid_from`,
    );

  await hello(a, 60_000);
  await hello(b, 30_000);
  // a last wrote 60 s itself, but b has written 30 s since: the repeated hello is the device's word now.
  await hello(a, 60_000);
  const declared = await deviceRow();
  expect(declared.heartbeat_interval_ms).toBe(60_000);
  // b remembers 30 s, yet what is stored is what the device says: nothing to write.
  await hello(b, 60_000);
  expect((await deviceRow()).xmin).toBe(declared.xmin);

  await mapping(a, ['A'], 1);
  await mapping(b, ['A', 'B'], 2);
  const mapped = await mappingRows();
  expect(mapped.filter((m) => m.open).map((m) => m.code)).toEqual(['A', 'B']);
  // Repeated through either instance, and a late copy of the older one: no row written.
  await mapping(a, ['B', 'A'], 2);
  await mapping(b, ['A', 'B'], 2);
  await mapping(a, ['A'], 1);
  expect(await mappingRows()).toEqual(mapped);
});

it('a return reads the commands only while one may be open for the device, from a restart on too', async () => {
  const device = await enrollTestDevice(tp, token);
  const { db } = tp.platform.context;
  const reads = (labels: string[]) => labels.filter((l) => l === 'read device_commands').length;
  const received: edge.v1.Command[] = [];
  let client: MqttClient | undefined;
  const ret = async () => {
    client = await device.connect();
    client.on('message', (topic, payload) => {
      if (topic === commandTopic(device.deviceId)) received.push(edge.v1.Command.decode(payload));
    });
    await client.subscribeAsync(commandTopic(device.deviceId), { qos: 1 });
    await device.hello(client);
  };

  // Sent while the device is offline: the ledger holds it, and so does a set loaded at a restart.
  const sent = await tp.api('POST', `/api/v1/devices/${device.deviceId}/commands`, { kind: 'ping' });
  expect(sent.body.state).toBe('queued');
  const restarted = new OpenCommandDevices();
  await restarted.load(db);
  expect(restarted.mark(device.deviceId)).toBeDefined();

  expect(reads(await counted(ret))).toBe(1);
  await waitFor('the command on the returning device', () => received.some((c) => c.id === sent.body.id));
  const result = edge.v1.CommandResult.encode({
    commandId: sent.body.id,
    outcome: edge.v1.CommandOutcome.COMMAND_DONE,
    detail: 'pong',
    deviceTimeMs: Date.now(),
  }).finish();
  await client!.publishAsync(deviceTopic(device.deviceId, 'result'), sealedPayload(result, device.privateKey), { qos: 1 });
  await waitFor('the result recorded', async () => (await tp.api('GET', `/api/v1/devices/${device.deviceId}/commands/${sent.body.id}`)).body.state === 'done');
  await disconnect(device, client!);

  // Done, but the memory only learns that by reading: once more, finding nothing open...
  expect(reads(await counted(ret))).toBe(1);
  await disconnect(device, client!);
  // ...then no read at all, until the next command.
  expect(reads(await counted(ret))).toBe(0);
  await disconnect(device, client!);
  const loaded = new OpenCommandDevices();
  await loaded.load(db);
  expect(loaded.mark(device.deviceId)).toBeUndefined();
});
