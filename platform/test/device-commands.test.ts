// Commands to devices, with the real platform, its real broker (embedded aedes, and a Mosquitto of
// the test's own in external-broker mode), the real database and real mqtt.js devices: a command's
// states (queued → delivered → done or failed), its deadline judged by an injected clock, delivery to
// a device that returns, refusal of results not signed by the device, cancel, and who may send what.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTopic, deviceTopic, edge, openEnvelope, sealedPayload } from '@edgenet/proto';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { USCC, seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { startPlatformBehindMosquitto, startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';

let tp: TestPlatform;
let a: Seeded;
let b: Seeded;
/** The platform's clock runs `skewMs` ahead of the machine's: a test moves time by moving it. */
let skewMs = 0;
const tokens: Record<'enterprise' | 'otherEnterprise' | 'bureau', string> = { enterprise: '', otherEnterprise: '', bureau: '' };

beforeAll(async () => {
  tp = await startTestPlatform({}, undefined, { clock: () => new Date(Date.now() + skewMs) });
  a = await seedEnterprise(tp, { workstations: ['L1-01', 'L1-02', 'L2-01'], maxUses: 100 });
  b = await seedEnterprise(tp, { uscc: USCC[1], town: '长安', workstations: ['W-1'], maxUses: 100 });
  const token = async (body: Record<string, string>) => (await tp.api('POST', '/api/v1/api-tokens', { name: 't', ...body })).body.token as string;
  tokens.enterprise = await token({ role: 'enterprise', enterpriseId: a.enterpriseId });
  tokens.otherEnterprise = await token({ role: 'enterprise', enterpriseId: b.enterpriseId });
  tokens.bureau = await token({ role: 'bureau' });
});
afterAll(() => tp?.close());

/** A device's command topic as a list of the commands it received, decoded. */
async function listen(client: MqttClient, deviceId: string): Promise<edge.v1.Command[]> {
  const got: edge.v1.Command[] = [];
  client.on('message', (topic, payload) => {
    if (topic === commandTopic(deviceId)) got.push(edge.v1.Command.decode(payload));
  });
  await client.subscribeAsync(commandTopic(deviceId), { qos: 1 });
  return got;
}

interface Answer {
  ok?: boolean;
  detail?: string;
  workstations?: { codes: string[]; revision: number };
  /** Seal with this key instead of the device's (a forgery). */
  key?: ReturnType<typeof generateKeyPairSync>['privateKey'];
  unsigned?: boolean;
}

function resultPayload(d: TestDevice, commandId: string, o: Answer = {}): Buffer {
  const body = edge.v1.CommandResult.encode({
    commandId,
    outcome: o.ok === false ? edge.v1.CommandOutcome.COMMAND_FAILED : edge.v1.CommandOutcome.COMMAND_DONE,
    detail: o.detail ?? 'done',
    deviceTimeMs: Date.now(),
    ...(o.workstations ? { workstations: { workstationCodes: o.workstations.codes, revision: o.workstations.revision } } : {}),
  }).finish();
  if (o.unsigned) return Buffer.from(edge.v1.Envelope.encode({ body, signature: new Uint8Array(0) }).finish());
  return sealedPayload(body, o.key ?? d.privateKey);
}

const answer = (d: TestDevice, client: MqttClient, commandId: string, o: Answer = {}) =>
  client.publishAsync(deviceTopic(d.deviceId, 'result'), resultPayload(d, commandId, o), { qos: 1 });

/** A device connected, subscribed and said hello, and the platform has it online. */
async function online(t: TestPlatform, d: TestDevice, connect = () => d.connect()) {
  const client = await connect();
  const received = await listen(client, d.deviceId);
  await d.hello(client);
  await waitFor('device online', async () => (await t.api('GET', `/api/v1/devices/${d.deviceId}`)).body.online);
  return { client, received };
}

const send = (deviceId: string, body: unknown, token?: string) => tp.api('POST', `/api/v1/devices/${deviceId}/commands`, body, token);
const show = (deviceId: string, id: string, t = tp) => t.api('GET', `/api/v1/devices/${deviceId}/commands/${id}`);
const states = (c: { history: { state: string }[] }) => c.history.map((h) => h.state);

describe('a command to a connected device', () => {
  it('is delivered at once and done with the result the device signed, kept verifiable', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const { client, received } = await online(tp, d);
    const sent = await send(d.deviceId, { kind: 'ping' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'ping', state: 'delivered' });
    const [cmd] = await waitFor('the command on the device', () => (received.length > 0 ? received : null));
    expect(cmd!.id).toBe(sent.body.id);
    expect(cmd!.action).toBe('ping');
    expect(cmd!.deadlineMs).toBe(new Date(sent.body.deadlineAt).getTime());

    await answer(d, client, cmd!.id, { detail: 'pong' });
    const done = await waitFor('done', async () => ((await show(d.deviceId, cmd!.id)).body.state === 'done' ? (await show(d.deviceId, cmd!.id)).body : null));
    expect(states(done)).toEqual(['queued', 'delivered', 'done']);
    expect(done.result.detail).toBe('pong');
    // The Envelope as the device sent it: anyone with the device's public key can check it again.
    const envelope = edge.v1.Envelope.create({ body: Buffer.from(done.result.body, 'base64'), signature: Buffer.from(done.result.signature, 'base64') });
    expect(openEnvelope(envelope, generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(openEnvelope(envelope, createPublicKey(d.privateKey))).toBe(true);
    expect(edge.v1.CommandResult.decode(envelope.body).commandId).toBe(cmd!.id);
  });

  it('reaches a device whose session the embedded broker holds, before presence has it online', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const client = await d.connect();
    const received = await listen(client, d.deviceId); // subscribed, no hello yet: not online on the platform
    expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.online).toBe(false);
    const sent = await send(d.deviceId, { kind: 'ping' });
    expect(sent.body.state).toBe('delivered');
    await waitFor('the command on the device', () => received.some((c) => c.id === sent.body.id));
  });

  it('records a failure the device reports, with its reason', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const { client, received } = await online(tp, d);
    const sent = await send(d.deviceId, { kind: 'set_heartbeat_interval', intervalMs: 30_000 });
    await waitFor('the command on the device', () => received.length > 0);
    await answer(d, client, sent.body.id, { ok: false, detail: 'cannot save agent.json' });
    const failed = await waitFor('failed', async () =>
      (await show(d.deviceId, sent.body.id)).body.state === 'failed' ? (await show(d.deviceId, sent.body.id)).body : null,
    );
    expect(failed.result.detail).toBe('cannot save agent.json');
    expect(failed.finishedAt).not.toBeNull();
  });
});

describe('results the device did not sign', () => {
  it('are refused at ingest: forged with another key, unsigned, or naming a command of another device', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const other = await enrollTestDevice(tp, a.token);
    const { client, received } = await online(tp, d);
    const sent = await send(d.deviceId, { kind: 'request_hello' });
    await waitFor('the command on the device', () => received.length > 0);
    const { rejects } = tp.platform.context;
    const before = rejects.snapshot();
    await answer(d, client, sent.body.id, { key: generateKeyPairSync('ed25519').privateKey });
    await answer(d, client, sent.body.id, { unsigned: true });
    await waitFor('two bad signatures counted', () => rejects.snapshot().bad_signature >= before.bad_signature + 2);
    // The other device signs, correctly, a result for a command that is not its own.
    const otherClient = await other.connect();
    await answer(other, otherClient, sent.body.id);
    await waitFor('the foreign result refused', () => rejects.snapshot().unknown_command >= before.unknown_command + 1);
    const still = (await show(d.deviceId, sent.body.id)).body;
    expect(still.state).toBe('delivered');
    expect(still.result).toBeNull();
    // The device's own signature is what moves it.
    await answer(d, client, sent.body.id);
    await waitFor('done', async () => (await show(d.deviceId, sent.body.id)).body.state === 'done');
  });
});

describe('a device offline when the command is sent', () => {
  it('gets it when it returns, and the command is delivered then', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const sent = await send(d.deviceId, { kind: 'set_workstations', workstations: ['L1-01', 'L1-02'] });
    expect(sent.body.state).toBe('queued');
    expect((await show(d.deviceId, sent.body.id)).body.state).toBe('queued');
    const { client, received } = await online(tp, d);
    const [cmd] = await waitFor('the command on the returning device', () => (received.length > 0 ? received : null));
    expect(cmd!.id).toBe(sent.body.id);
    expect(cmd!.setWorkstations?.workstationCodes).toEqual(['L1-01', 'L1-02']);
    expect((await show(d.deviceId, sent.body.id)).body.state).toBe('delivered');
    await d.workstations(client, ['L1-01', 'L1-02'], 2);
    await answer(d, client, cmd!.id, { workstations: { codes: ['L1-01', 'L1-02'], revision: 2 } });
    const done = await waitFor('done', async () =>
      (await show(d.deviceId, sent.body.id)).body.state === 'done' ? (await show(d.deviceId, sent.body.id)).body : null,
    );
    expect(done.result.workstations).toEqual({ codes: ['L1-01', 'L1-02'], revision: 2 });
    expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.workstations).toEqual(['L1-01', 'L1-02']);
  });

  it('does not get one whose deadline passed on the platform clock; it shows expired', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const stale = await send(d.deviceId, { kind: 'ping', ttlSeconds: 60 });
    skewMs += 61_000; // the platform's clock, not the machine's, passes the deadline
    const listed = await tp.api('GET', `/api/v1/devices/${d.deviceId}/commands`);
    expect(listed.body.items.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual([[stale.body.id, 'expired']]);
    const fresh = await send(d.deviceId, { kind: 'request_hello' });
    const { received } = await online(tp, d);
    // Oldest first: had the expired one been sent, it would have arrived before the fresh one.
    await waitFor('the fresh command on the device', () => received.some((c) => c.id === fresh.body.id));
    expect(received.map((c) => c.id)).toEqual([fresh.body.id]);
    expect(states((await show(d.deviceId, stale.body.id)).body)).toEqual(['queued', 'expired']);
  });

  it('expires a delivered command whose result never came, and sends again one delivered on a lost connection', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const first = await online(tp, d);
    const lost = await send(d.deviceId, { kind: 'ping', ttlSeconds: 600 });
    const doomed = await send(d.deviceId, { kind: 'ping', ttlSeconds: 30 });
    await waitFor('both on the device', () => first.received.length === 2);
    await first.client.endAsync(true);
    await waitFor('device offline', async () => !(await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.online);
    skewMs += 31_000;
    const again = await online(tp, d);
    await waitFor('the unfinished command sent again', () => again.received.some((c) => c.id === lost.body.id));
    expect(again.received.map((c) => c.id)).toEqual([lost.body.id]);
    expect((await show(d.deviceId, doomed.body.id)).body.state).toBe('expired');
    // A late result still lands: the device did act, and its signature says so.
    await answer(d, again.client, doomed.body.id);
    await waitFor('late result recorded', async () => (await show(d.deviceId, doomed.body.id)).body.state === 'done');
    expect(states((await show(d.deviceId, doomed.body.id)).body)).toEqual(['queued', 'delivered', 'expired', 'done']);
  });
});

describe('cancel', () => {
  it('cancels a queued command, which is then never sent, and refuses to cancel a delivered one', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const queued = await send(d.deviceId, { kind: 'ping' });
    const cancelled = await tp.api('POST', `/api/v1/devices/${d.deviceId}/commands/${queued.body.id}/cancel`, undefined, tokens.enterprise);
    expect(cancelled.status).toBe(200);
    expect(states(cancelled.body)).toEqual(['queued', 'cancelled']);
    const marker = await send(d.deviceId, { kind: 'request_hello' });
    const { received } = await online(tp, d);
    await waitFor('the marker on the device', () => received.some((c) => c.id === marker.body.id));
    expect(received.map((c) => c.id)).toEqual([marker.body.id]);
    const again = await tp.api('POST', `/api/v1/devices/${d.deviceId}/commands/${marker.body.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EDGENET_ERR_COMMAND_STATE');
  });
});

describe('who may send what', () => {
  it('lets an enterprise send its own kinds to its own devices, and refuses the rest', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const foreign = await enrollTestDevice(tp, b.token);
    expect((await send(d.deviceId, { kind: 'ping' }, tokens.enterprise)).status).toBe(201);
    expect((await send(d.deviceId, { kind: 'set_workstations', workstations: ['L2-01'] }, tokens.enterprise)).status).toBe(201);
    const interval = await send(d.deviceId, { kind: 'set_heartbeat_interval', intervalMs: 5_000 }, tokens.enterprise);
    expect(interval.status).toBe(403);
    expect(interval.body.code).toBe('EDGENET_ERR_FORBIDDEN');
    expect((await send(d.deviceId, { kind: 'set_heartbeat_interval', intervalMs: 5_000 })).status).toBe(201);
    // Another enterprise's device: not found, its existence not disclosed, for sending and reading.
    expect((await send(foreign.deviceId, { kind: 'ping' }, tokens.enterprise)).status).toBe(404);
    expect((await tp.api('GET', `/api/v1/devices/${foreign.deviceId}/commands`, undefined, tokens.enterprise)).status).toBe(404);
    // The bureau reads and sends nothing.
    expect((await send(d.deviceId, { kind: 'ping' }, tokens.bureau)).status).toBe(403);
    expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}/commands`, undefined, tokens.bureau)).body.total).toBe(3);
    // Nothing was stored for the refused ones.
    const kinds = (await tp.api('GET', `/api/v1/devices/${d.deviceId}/commands`)).body.items.map((c: { kind: string }) => c.kind);
    expect(kinds.sort()).toEqual(['ping', 'set_heartbeat_interval', 'set_workstations']);
    expect((await tp.api('GET', `/api/v1/devices/${foreign.deviceId}/commands`)).body.total).toBe(0);
  });

  it('audits every send, refused or not, naming the caller', async () => {
    const d = await enrollTestDevice(tp, a.token);
    await send(d.deviceId, { kind: 'set_heartbeat_interval', intervalMs: 5_000 }, tokens.enterprise);
    const ok = await send(d.deviceId, { kind: 'ping' });
    const audit = (await tp.api('GET', '/api/v1/audit?limit=1000')).body.items as { route: string; status: number; target: Record<string, string> }[];
    const mine = audit.filter((e) => e.route === '/api/v1/devices/:id/commands' && e.target['param.id'] === d.deviceId);
    expect(mine.map((e) => e.status).sort()).toEqual([201, 403]);
    expect(mine.find((e) => e.status === 201)!.target.id).toBe(ok.body.id);
  });

  it('refuses at once a set_workstations or an enrollment naming a code the enterprise has not registered', async () => {
    const d = await enrollTestDevice(tp, a.token);
    const remap = await send(d.deviceId, { kind: 'set_workstations', workstations: ['L1-01', 'ZZ-99', 'W-1'] }, tokens.enterprise);
    expect(remap.status).toBe(400);
    expect(remap.body.code).toBe('EDGENET_ERR_WORKSTATION_UNREGISTERED');
    // W-1 is registered, but by another enterprise.
    expect(remap.body.message).toContain('ZZ-99, W-1');
    await expect(enrollTestDevice(tp, a.token, { workstations: ['L1-01', 'ZZ-99'] })).rejects.toThrow(/EDGENET_ERR_WORKSTATION_UNREGISTERED.*ZZ-99/);
    expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}/commands`)).body.total).toBe(0);
  });

  it('checks the parameters each kind needs', async () => {
    const d = await enrollTestDevice(tp, a.token);
    expect((await send(d.deviceId, { kind: 'set_workstations' })).status).toBe(400);
    expect((await send(d.deviceId, { kind: 'set_heartbeat_interval' })).status).toBe(400);
    expect((await send(d.deviceId, { kind: 'set_heartbeat_interval', intervalMs: 10 })).status).toBe(400);
    expect((await send(d.deviceId, { kind: 'ping', ttlSeconds: 10_000_000 })).status).toBe(400);
    expect((await send(d.deviceId, { kind: 'reboot' })).status).toBe(400);
  });
});

describe('external broker mode', () => {
  it('publishes through the external broker and takes the signed result back from it', async () => {
    const { platform: ext, viaBroker, addDevice } = await startPlatformBehindMosquitto('cmd');
    const seeded = await seedEnterprise(ext, { workstations: ['L1-01'] });
    const d = await enrollTestDevice(viaBroker, seeded.token);
    await addDevice(d);

    // Sent while the device is away: it waits, and goes out through the broker at the device's hello.
    const queued = await ext.api('POST', `/api/v1/devices/${d.deviceId}/commands`, { kind: 'set_workstations', workstations: ['L1-01'] });
    expect(queued.body.state).toBe('queued');
    const { client, received } = await online(ext, d);
    await waitFor('the queued command through the broker', () => received.some((c) => c.id === queued.body.id));
    await waitFor('delivered', async () => (await show(d.deviceId, queued.body.id, ext)).body.state === 'delivered');
    // Sent while it is connected: at once.
    const live = await ext.api('POST', `/api/v1/devices/${d.deviceId}/commands`, { kind: 'ping' });
    expect(live.body.state).toBe('delivered');
    await waitFor('the live command through the broker', () => received.some((c) => c.id === live.body.id));
    await answer(d, client, queued.body.id, { workstations: { codes: ['L1-01'], revision: 2 } });
    await answer(d, client, live.body.id, { key: generateKeyPairSync('ed25519').privateKey }); // forged: refused here too
    await waitFor('done', async () => (await show(d.deviceId, queued.body.id, ext)).body.state === 'done');
    await waitFor('forgery counted', () => ext.platform.context.rejects.snapshot().bad_signature >= 1);
    expect((await show(d.deviceId, live.body.id, ext)).body.state).toBe('delivered');
  });
});
