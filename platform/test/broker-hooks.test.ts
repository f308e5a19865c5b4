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
