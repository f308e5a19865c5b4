// EMQX's HTTP authentication and authorisation calls (external broker mode, docs/scale-out.md), made the way
// EMQX makes them (deploy/emqx/emqx.conf): a JSON body of templated strings and the hook token as
// a bearer header. The answers follow the embedded broker's rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTopic, deviceTopic } from '@edgenet/proto';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';

const HOOK_TOKEN = 'hook_token_for_the_broker_0123456789abcdef';
const PLATFORM = { username: 'edgenet-platform', password: 'platform-password-0123456789' };

let tp: TestPlatform;
let device: TestDevice;
let other: TestDevice;
beforeAll(async () => {
  tp = await startTestPlatform({
    EDGENET_BROKER_HOOK_TOKEN: HOOK_TOKEN,
    EDGENET_BROKER_USERNAME: PLATFORM.username,
    EDGENET_BROKER_PASSWORD: PLATFORM.password,
  });
  const seeded = await seedEnterprise(tp, { workstations: ['W-01'] });
  device = await enrollTestDevice(tp, seeded.token);
  other = await enrollTestDevice(tp, seeded.token);
});
afterAll(() => tp?.close());

const hook = async (path: 'authn' | 'authz', body: object, token: string | null = HOOK_TOKEN) => {
  const res = await fetch(`${tp.baseUrl}/broker/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { result?: string } };
};

describe('authentication (CONNECT)', () => {
  it('allows a device with its enrollment credentials and client id = device id', async () => {
    expect((await hook('authn', { clientid: device.deviceId, username: device.deviceId, password: device.password, peerhost: '10.0.0.7' })).body).toEqual({
      result: 'allow',
      is_superuser: false,
    });
  });

  it("denies a wrong password, another device's client id, and no credentials, and counts them", async () => {
    const before = (await tp.api('GET', '/api/v1/ingest/stats')).body.rejected.auth_failed;
    expect((await hook('authn', { clientid: device.deviceId, username: device.deviceId, password: other.password })).body.result).toBe('deny');
    expect((await hook('authn', { clientid: other.deviceId, username: device.deviceId, password: device.password })).body.result).toBe('deny');
    expect((await hook('authn', { clientid: device.deviceId })).body.result).toBe('deny');
    expect((await tp.api('GET', '/api/v1/ingest/stats')).body.rejected.auth_failed).toBe(before + 3);
  });

  it("allows the platform's own consumer only with its password", async () => {
    expect((await hook('authn', { clientid: 'edgenet-platform-a', ...PLATFORM })).body.result).toBe('allow');
    expect((await hook('authn', { clientid: 'edgenet-platform-a', username: PLATFORM.username, password: 'guess' })).body.result).toBe('deny');
  });

  it('answers 401 to a caller without the hook token, and 400 to a body without a client id', async () => {
    expect((await hook('authn', { clientid: device.deviceId, username: device.deviceId, password: device.password }, null)).status).toBe(401);
    expect(
      (await hook('authn', { clientid: device.deviceId, username: device.deviceId, password: device.password }, 'not-the-token-0123456789abcdef0123')).status,
    ).toBe(401);
    expect((await hook('authn', { username: device.deviceId })).status).toBe(400);
  });
});

describe('authorisation (PUBLISH, SUBSCRIBE)', () => {
  const authz = async (clientid: string, action: string, topic: string, username = clientid) =>
    (await hook('authz', { clientid, username, action, topic })).body.result;

  it('lets a device publish under its own prefix and subscribe to its own command topic only', async () => {
    for (const kind of ['hello', 'heartbeat', 'workstations', 'status'] as const)
      expect(await authz(device.deviceId, 'publish', deviceTopic(device.deviceId, kind))).toBe('allow');
    expect(await authz(device.deviceId, 'subscribe', commandTopic(device.deviceId))).toBe('allow');
    expect(await authz(device.deviceId, 'publish', deviceTopic(other.deviceId, 'heartbeat'))).toBe('deny');
    expect(await authz(device.deviceId, 'publish', commandTopic(other.deviceId))).toBe('deny');
    expect(await authz(device.deviceId, 'subscribe', '#')).toBe('deny');
    expect(await authz(device.deviceId, 'subscribe', '$share/edgenet/edge/v1/d/+/+')).toBe('deny');
  });

  it('lets the platform hold its shared subscription and publish commands, nothing else', async () => {
    expect(await authz('edgenet-platform-a', 'subscribe', '$share/edgenet/edge/v1/d/+/+', PLATFORM.username)).toBe('allow');
    expect(await authz('edgenet-platform-a', 'publish', commandTopic(device.deviceId), PLATFORM.username)).toBe('allow');
    expect(await authz('edgenet-platform-a', 'publish', deviceTopic(device.deviceId, 'heartbeat'), PLATFORM.username)).toBe('deny');
    expect(await authz('edgenet-platform-a', 'subscribe', '#', PLATFORM.username)).toBe('deny');
  });
});

it('is not served at all without EDGENET_BROKER_HOOK_TOKEN', async () => {
  const plain = await startTestPlatform();
  try {
    const res = await fetch(`${plain.baseUrl}/broker/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"clientid":"x"}' });
    expect(res.status).toBe(404);
  } finally {
    await plain.close();
  }
});

// RabbitMQ 3.10's HTTP backend (test/helpers/rabbitmq-cluster.ts): form-encoded POSTs, the hook token
// as Basic authorisation from its URLs' user info, a plain-text `allow` or `deny`.
describe('RabbitMQ HTTP backend', () => {
  const rabbit = async (path: 'user' | 'vhost' | 'resource' | 'topic', form: Record<string, string>, token: string | null = HOOK_TOKEN) => {
    const res = await fetch(`${tp.baseUrl}/broker/rabbitmq/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(token ? { authorization: `Basic ${Buffer.from(`rabbitmq:${token}`).toString('base64')}` } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: await res.text() };
  };
  const topic = (clientId: string, permission: string, routingKey: string, username = clientId) =>
    rabbit('topic', {
      username,
      vhost: '/',
      resource: 'topic',
      name: 'amq.topic',
      permission,
      routing_key: routingKey,
      'variable_map.client_id': clientId,
    }).then((r) => r.body);

  it('logs a device in with its credentials and client id, the platform with its password, and nobody else', async () => {
    const login = (client_id: string, username: string, password: string) => rabbit('user', { username, password, vhost: '/', client_id }).then((r) => r.body);
    expect(await login(device.deviceId, device.deviceId, device.password)).toBe('allow');
    expect(await login(device.deviceId, device.deviceId, other.password)).toBe('deny');
    expect(await login(other.deviceId, device.deviceId, device.password)).toBe('deny');
    expect(await login('edgenet-platform-a', PLATFORM.username, PLATFORM.password)).toBe('allow');
    expect(await login('edgenet-platform-a', PLATFORM.username, 'guess')).toBe('deny');
  });

  it('answers 401 without the token, and with the bearer form still works for EMQX', async () => {
    expect((await rabbit('vhost', { username: 'x', vhost: '/' }, null)).status).toBe(401);
    expect((await rabbit('vhost', { username: 'x', vhost: '/' }, 'not-the-token-0123456789abcdef0123')).status).toBe(401);
    expect(await rabbit('vhost', { username: 'x', vhost: '/' }).then((r) => r.body)).toBe('allow');
    expect(await rabbit('vhost', { username: 'x', vhost: 'other' }).then((r) => r.body)).toBe('deny');
  });

  it('allows a client its own MQTT subscription queues and the MQTT exchange, nothing else', async () => {
    const resource = (client_id: string, resource: string, name: string, permission: string) =>
      rabbit('resource', { username: client_id, vhost: '/', resource, name, permission, client_id }).then((r) => r.body);
    expect(await resource(device.deviceId, 'queue', `mqtt-subscription-${device.deviceId}qos1`, 'configure')).toBe('allow');
    expect(await resource(device.deviceId, 'queue', `mqtt-subscription-${other.deviceId}qos1`, 'read')).toBe('deny');
    expect(await resource(device.deviceId, 'exchange', 'amq.topic', 'write')).toBe('allow');
    expect(await resource(device.deviceId, 'exchange', 'amq.topic', 'configure')).toBe('deny');
    expect(await resource(device.deviceId, 'exchange', 'amq.direct', 'write')).toBe('deny');
  });

  it('applies the topic rules to the routing key mapped back to its MQTT topic', async () => {
    const key = (t: string) => t.replaceAll('/', '.').replaceAll('+', '*');
    expect(await topic(device.deviceId, 'write', key(deviceTopic(device.deviceId, 'heartbeat')))).toBe('allow');
    expect(await topic(device.deviceId, 'write', key(deviceTopic(other.deviceId, 'heartbeat')))).toBe('deny');
    expect(await topic(device.deviceId, 'read', key(commandTopic(device.deviceId)))).toBe('allow');
    expect(await topic(device.deviceId, 'read', key('edge/v1/d/+/+'))).toBe('deny');
    expect(await topic('edgenet-platform-a', 'read', key('edge/v1/d/+/+'), PLATFORM.username)).toBe('allow');
    expect(await topic('edgenet-platform-a', 'write', key(commandTopic(device.deviceId)), PLATFORM.username)).toBe('allow');
    expect(await topic('edgenet-platform-a', 'write', key(deviceTopic(device.deviceId, 'heartbeat')), PLATFORM.username)).toBe('deny');
  });
});
