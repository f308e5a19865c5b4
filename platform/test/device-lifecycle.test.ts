// A device's life after enrollment, against a real platform (embedded aedes, real mqtt.js devices)
// on the test database (PGlite, or PostgreSQL with DATABASE_URL): disable closes the live session
// and refuses the reconnect with return code 5 until re-enabled; the external broker's HTTP hook
// answers alike; a message already in flight is dropped; decommission frees the workstations;
// replace hands them over with both histories linked; move stays inside the enterprise; every
// change is in the append-only status log with the person and the reason, and in the audit log.
import { sql } from 'drizzle-orm';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/index.js';
import { changeStatus } from '../src/services/device-lifecycle.js';
import { connackCode } from '../../test/helpers/connack.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { USCC, seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';

const HOOK_TOKEN = 'hook_token_for_the_lifecycle_test_0123456789';
let tp: TestPlatform;
let ent: Seeded;
let other: Seeded;
/** A person's bearer token: the operator the logs must name. */
let operator: string;
let enterprise: string;

beforeAll(async () => {
  tp = await startTestPlatform({ EDGENET_BROKER_HOOK_TOKEN: HOOK_TOKEN });
  ent = await seedEnterprise(tp, { workstations: ['W-1', 'W-2', 'W-3'], maxUses: 50 });
  other = await seedEnterprise(tp, { uscc: USCC[1], town: '长安', workstations: ['W-1'] });
  const person = await tp.api('POST', '/api/v1/accounts', { username: 'ops.li', role: 'operator' });
  operator = (await tp.api('POST', '/api/v1/api-tokens', { name: 'li', role: 'operator', accountId: person.body.id })).body.token;
  enterprise = (await tp.api('POST', '/api/v1/api-tokens', { name: 'factory', role: 'enterprise', enterpriseId: ent.enterpriseId })).body.token;
});
afterAll(() => tp?.close());

const act = (deviceId: string, action: string, body: object = { reason: 'line 3 retooled' }, token = operator) =>
  tp.api('POST', `/api/v1/devices/${deviceId}/${action}`, body, token);
const events = async (deviceId: string) => (await tp.api('GET', `/api/v1/devices/${deviceId}/status-events`)).body.items;
const credentials = (d: TestDevice) => ({ clientId: d.deviceId, username: d.deviceId, password: d.password });
const closed = (client: MqttClient) => new Promise<void>((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));
const hook = async (d: TestDevice) => {
  const res = await fetch(`${tp.baseUrl}/broker/authn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${HOOK_TOKEN}` },
    body: JSON.stringify({ clientid: d.deviceId, username: d.deviceId, password: d.password }),
  });
  return ((await res.json()) as { result: string }).result;
};

describe('disable and re-enable', () => {
  it('closes the live session, refuses the reconnect with 5, and accepts it again once re-enabled', async () => {
    const d = await enrollTestDevice(tp, ent.token, { workstations: ['W-1'] });
    const client = await d.connect();
    await d.hello(client);
    await d.heartbeat(client, 1);
    await waitFor('online', async () => (await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.online);

    const disabled = await act(d.deviceId, 'disable', { reason: 'suspected cloned disk' });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body).toMatchObject({ id: d.deviceId, status: 'disabled' });
    await closed(client); // at once: the disable answered after the broker closed it
    expect(await connackCode(tp.mqttUrl, credentials(d))).toBe(5);
    expect(await hook(d)).toBe('deny');
    const connections = await waitFor('the cut in the connection history', async () => {
      const items = (await tp.api('GET', `/api/v1/devices/${d.deviceId}/connections`)).body.items;
      return items.some((c: { cause: string }) => c.cause === 'device disabled') ? items : null;
    });
    expect(connections[0]).toMatchObject({ event: 'offline', cause: 'device disabled' });
    expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.status).toBe('disabled');

    expect((await act(d.deviceId, 'disable')).status).toBe(409); // already disabled
    expect((await act(d.deviceId, 'enable', { reason: 'disk replaced, identity re-checked' })).body.status).toBe('active');
    expect(await connackCode(tp.mqttUrl, credentials(d))).toBe(0);
    expect(await hook(d)).toBe('allow');
    expect((await act(d.deviceId, 'enable')).status).toBe(409); // already active

    expect(await events(d.deviceId)).toMatchObject([
      { action: 'disable', fromStatus: 'active', toStatus: 'disabled', reason: 'suspected cloned disk', actor: 'ops.li' },
      { action: 'enable', fromStatus: 'disabled', toStatus: 'active', reason: 'disk replaced, identity re-checked', actor: 'ops.li' },
    ]);
    const audit = (await tp.api('GET', '/api/v1/audit?limit=1000')).body.items.filter(
      (e: { route: string; target: Record<string, string> }) => e.route.startsWith('/api/v1/devices/:id/') && e.target['param.id'] === d.deviceId,
    );
    expect(audit.map((e: { route: string; actorName: string; status: number }) => [e.route, e.actorName, e.status])).toEqual(
      expect.arrayContaining([
        ['/api/v1/devices/:id/disable', 'ops.li', 200],
        ['/api/v1/devices/:id/disable', 'ops.li', 409],
        ['/api/v1/devices/:id/enable', 'ops.li', 200],
      ]),
    );
  });

  it('drops a message already in flight when the device is disabled, and stores nothing of it', async () => {
    const d = await enrollTestDevice(tp, ent.token);
    const client = await d.connect();
    await d.hello(client);
    await d.heartbeat(client, 1);
    await waitFor('seq 1 stored', async () => (await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.lastSeq === 1);
    const before = (await tp.api('GET', '/api/v1/ingest/stats')).body.rejected.device_disabled;
    // The disable without its last step (closing the session): what a message already taken by
    // the broker meets, and what an external broker's session meets until its next CONNECT.
    const { db, registry } = tp.platform.context;
    const person = { role: 'operator', enterpriseId: null, admin: false, tokenId: null, sessionId: null, accountId: null, username: 'test' } as const;
    await changeStatus(db, 'disable', { deviceId: d.deviceId, reason: 'in flight', actor: person, at: new Date() }, null);
    await registry.setStatus(d.deviceId, 'disabled');
    await d.heartbeat(client, 2);
    expect((await tp.api('GET', '/api/v1/ingest/stats')).body.rejected.device_disabled).toBe(before + 1);
    expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}/heartbeats`)).body.items.map((h: { seq: number }) => h.seq)).toEqual([1]);
  });

  it('stays disabled when its hardware enrolls again: re-enrolling is no way around a disable', async () => {
    const fingerprint = 'ab'.repeat(32);
    const first = await enrollTestDevice(tp, ent.token, { fingerprint });
    expect((await act(first.deviceId, 'disable', { reason: 'suspected clone' })).status).toBe(200);
    const again = await enrollTestDevice(tp, ent.token, { fingerprint }); // the same box, new key and password
    expect(again.deviceId).toBe(first.deviceId);
    expect(await connackCode(tp.mqttUrl, credentials(again))).toBe(5);
    expect((await tp.api('GET', `/api/v1/devices/${first.deviceId}`)).body.status).toBe('disabled');
  });

  it('requires a reason, and refuses the enterprise role', async () => {
    const d = await enrollTestDevice(tp, ent.token);
    expect((await act(d.deviceId, 'disable', {})).status).toBe(400);
    expect((await act(d.deviceId, 'disable', { reason: '' })).status).toBe(400);
    expect((await act(d.deviceId, 'disable', { reason: 'mine' }, enterprise)).status).toBe(403);
    expect((await act('00000000-0000-4000-8000-000000000000', 'disable')).status).toBe(404);
    expect(await events(d.deviceId)).toEqual([]);
  });
});

describe('decommission', () => {
  it('keeps the device, frees its workstations, and never lets it connect again', async () => {
    const fingerprint = 'f'.repeat(64);
    const d = await enrollTestDevice(tp, ent.token, { workstations: ['W-2'], fingerprint });
    const client = await d.connect();
    await d.hello(client);
    const res = await act(d.deviceId, 'decommission', { reason: 'board failed' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await closed(client);
    const detail = (await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body;
    expect(detail).toMatchObject({ status: 'decommissioned', workstations: [] });
    expect(await connackCode(tp.mqttUrl, credentials(d))).toBe(5);
    for (const action of ['enable', 'disable', 'decommission']) expect((await act(d.deviceId, action)).status).toBe(409);
    const [mapping] = await queryRows<{ valid_to: Date | null }>(
      tp.platform.context.db,
      sql`select valid_to from workstation_mappings where device_id = ${d.deviceId}::uuid`,
    );
    expect(mapping!.valid_to).not.toBeNull(); // ended, not deleted
    // Nor enroll again: it would get credentials it cannot use, and take W-2 back.
    await expect(enrollTestDevice(tp, ent.token, { workstations: ['W-2'], fingerprint })).rejects.toThrow(
      `enroll failed: 409 {"statusCode":409,"code":"EDGENET_ERR_DEVICE_STATUS","error":"Conflict","message":"this hardware is device ${d.deviceId}, which is decommissioned: it cannot enroll again","params":{"reason":"reenroll_decommissioned","deviceId":"${d.deviceId}"}}`,
    );
    expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body).toMatchObject({ status: 'decommissioned', workstations: [] });
  });
});

describe('replace', () => {
  it('hands the old device’s workstations to the new one, decommissions the old one and links both', async () => {
    const old = await enrollTestDevice(tp, ent.token, { workstations: ['W-3'] });
    const fresh = await enrollTestDevice(tp, ent.token);
    const res = await act(old.deviceId, 'replace', { reason: 'hardware swap', replacementId: fresh.deviceId });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changes).toEqual([
      { deviceId: old.deviceId, status: 'decommissioned' },
      { deviceId: fresh.deviceId, status: 'active' },
    ]);
    expect((await tp.api('GET', `/api/v1/devices/${old.deviceId}`)).body).toMatchObject({ status: 'decommissioned', workstations: [] });
    expect((await tp.api('GET', `/api/v1/devices/${fresh.deviceId}`)).body).toMatchObject({ status: 'active', workstations: ['W-3'] });
    expect(await events(old.deviceId)).toMatchObject([
      { action: 'replace', toStatus: 'decommissioned', relatedDeviceId: fresh.deviceId, reason: 'hardware swap' },
    ]);
    expect(await events(fresh.deviceId)).toMatchObject([{ action: 'replace', fromStatus: 'active', toStatus: 'active', relatedDeviceId: old.deviceId }]);
    expect(await connackCode(tp.mqttUrl, credentials(old))).toBe(5);
    expect(await connackCode(tp.mqttUrl, credentials(fresh))).toBe(0);
  });

  it('refuses a replacement that is itself, decommissioned, or of another enterprise', async () => {
    const old = await enrollTestDevice(tp, ent.token);
    const foreign = await enrollTestDevice(tp, other.token);
    const gone = await enrollTestDevice(tp, ent.token);
    await act(gone.deviceId, 'decommission');
    expect((await act(old.deviceId, 'replace', { reason: 'swap', replacementId: old.deviceId })).body.code).toBe('EDGENET_ERR_DEVICE_MOVE');
    expect((await act(old.deviceId, 'replace', { reason: 'swap', replacementId: gone.deviceId })).body.code).toBe('EDGENET_ERR_DEVICE_STATUS');
    expect((await act(old.deviceId, 'replace', { reason: 'swap', replacementId: foreign.deviceId })).body.code).toBe('EDGENET_ERR_DEVICE_MOVE');
    expect((await tp.api('GET', `/api/v1/devices/${old.deviceId}`)).body.status).toBe('active');
  });
});

describe('move', () => {
  it('moves a device to another project of its enterprise and refuses one of another enterprise', async () => {
    const d = await enrollTestDevice(tp, ent.token);
    const second = await tp.api('POST', '/api/v1/projects', {
      enterpriseId: ent.enterpriseId,
      name: '二期',
      totalInvestmentFen: 30_000_000,
      eligibleInvestmentFen: 20_000_000,
      windowStart: '2025-07-01',
      windowEnd: '2026-06-30',
    });
    const moved = await act(d.deviceId, 'move', { reason: 'line moved to phase two', projectId: second.body.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.projectId).toBe(second.body.id);
    expect(await events(d.deviceId)).toMatchObject([{ action: 'move', fromProjectId: ent.projectId, toProjectId: second.body.id, toStatus: 'active' }]);
    const across = await act(d.deviceId, 'move', { reason: 'wrong factory', projectId: other.projectId });
    expect([across.status, across.body.code]).toEqual([400, 'EDGENET_ERR_DEVICE_MOVE']);
    expect((await act(d.deviceId, 'move', { reason: 'again', projectId: second.body.id })).status).toBe(400);
  });
});

describe('the status log', () => {
  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const d = await enrollTestDevice(tp, ent.token);
    await act(d.deviceId, 'disable');
    const { db } = tp.platform.context;
    await expect(db.execute(sql`update device_status_events set reason = 'nothing happened' where device_id = ${d.deviceId}::uuid`)).rejects.toMatchObject({
      cause: { message: /device_status_events is immutable/ },
    });
    await expect(db.execute(sql`delete from device_status_events where device_id = ${d.deviceId}::uuid`)).rejects.toMatchObject({
      cause: { message: /device_status_events is immutable/ },
    });
    await expect(db.execute(sql`truncate device_status_events`)).rejects.toMatchObject({ cause: { message: /device_status_events is immutable/ } });
    expect(await events(d.deviceId)).toHaveLength(1);
  });
});

describe('enrollment tokens', () => {
  it('lists who issued each with its uses left, shows each use, and refuses a revoked token at the next enroll', async () => {
    const issued = await tp.api('POST', `/api/v1/projects/${ent.projectId}/enrollment-tokens`, { maxUses: 3 }, operator);
    const device = await enrollTestDevice(tp, issued.body.token);
    const listed = (await tp.api('GET', `/api/v1/enrollment-tokens?projectId=${ent.projectId}&limit=100`)).body.items;
    expect(listed.find((t: { id: string }) => t.id === issued.body.id)).toMatchObject({
      createdBy: 'ops.li',
      maxUses: 3,
      uses: 1,
      usesLeft: 2,
      state: 'live',
      revokedAt: null,
    });
    const uses = (await tp.api('GET', `/api/v1/enrollment-tokens/${issued.body.id}/uses`)).body;
    expect(uses).toMatchObject({ total: 1, items: [{ deviceId: device.deviceId, remoteAddress: '127.0.0.1' }] });

    // The enterprise may not revoke another enterprise's token (not even learn it exists).
    const foreign = (await tp.api('GET', `/api/v1/enrollment-tokens?projectId=${other.projectId}`)).body.items[0];
    expect((await tp.api('DELETE', `/api/v1/enrollment-tokens/${foreign.id}`, undefined, enterprise)).status).toBe(404);

    const revoked = await tp.api('DELETE', `/api/v1/enrollment-tokens/${issued.body.id}`, undefined, operator);
    expect(revoked.body).toMatchObject({ state: 'revoked', revokedBy: 'ops.li', usesLeft: 2 });
    expect((await tp.api('DELETE', `/api/v1/enrollment-tokens/${issued.body.id}`, undefined, operator)).status).toBe(409);
    const refused = await tp.api(
      'POST',
      '/api/v1/enroll',
      { token: issued.body.token, kind: 'compute_box', fingerprint: 'f'.repeat(64), publicKey: 'A'.repeat(43), agentVersion: 't', inventory: {} },
      null,
    );
    expect([refused.status, refused.body.code]).toEqual([403, 'EDGENET_ERR_ENROLL_TOKEN']);
    expect(refused.body.message).toMatch(/revoked at/);
    expect((await tp.api('GET', `/api/v1/enrollment-tokens/${issued.body.id}/uses`)).body.total).toBe(1); // the refusal spent nothing
  });
});
