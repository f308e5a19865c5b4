// Bulk enrollment (a factory installs hundreds of boxes at once): many devices, one request, one transaction, a token use each.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';

let tp: TestPlatform;
let seeded: Seeded;
beforeAll(async () => {
  tp = await startTestPlatform();
  seeded = await seedEnterprise(tp, { workstations: ['L1-01'], maxUses: 600 });
});
afterAll(() => tp?.close());

const device = (i: number, extra: Record<string, unknown> = {}) => ({
  kind: 'compute_box',
  fingerprint: createHash('sha256').update(`bulk-${i}`).digest('hex'),
  publicKey: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x,
  agentVersion: 'sim',
  inventory: { cpuBrand: 'sim' },
  ...extra,
});

describe('POST /api/v1/enroll/bulk', () => {
  it('enrolls 500 devices in one request, each able to connect with its own credentials', async () => {
    // A code the enterprise has not registered refuses the whole batch at once, naming it; nothing is enrolled.
    const unregistered = Array.from({ length: 500 }, (_, i) => device(i, i === 0 ? { workstations: ['L1-01', 'UNREG-1'] } : {}));
    const refused = await tp.api('POST', '/api/v1/enroll/bulk', { token: seeded.token, devices: unregistered }, null);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'EDGENET_ERR_WORKSTATION_UNREGISTERED', message: expect.stringContaining('UNREG-1') });
    expect((await tp.api('GET', `/api/v1/devices?projectId=${seeded.projectId}&limit=1`)).body.total).toBe(0);
    const devices = Array.from({ length: 500 }, (_, i) => device(i, i === 0 ? { workstations: ['L1-01'] } : {}));
    const res = await tp.api('POST', '/api/v1/enroll/bulk', { token: seeded.token, devices }, null);
    expect(res.status).toBe(201);
    expect(res.body.devices).toHaveLength(500);
    expect(new Set(res.body.devices.map((d: { deviceId: string }) => d.deviceId)).size).toBe(500);
    const listed = await tp.api('GET', `/api/v1/devices?projectId=${seeded.projectId}&limit=1`);
    expect(listed.body.total).toBe(500);
    expect((await tp.api('GET', `/api/v1/devices/${res.body.devices[0].deviceId}`)).body.workstations).toEqual(['L1-01']);
    const { deviceId, password } = res.body.devices[499];
    const client = await mqtt.connectAsync(tp.mqttUrl, { clientId: deviceId, username: deviceId, password, reconnectPeriod: 0 });
    await client.endAsync();
  });

  it('refuses the whole batch when the token has too few uses left, or a fingerprint is known', async () => {
    const tooMany = await tp.api(
      'POST',
      '/api/v1/enroll/bulk',
      { token: seeded.token, devices: Array.from({ length: 101 }, (_, i) => device(1000 + i)) },
      null,
    );
    expect(tooMany.status).toBe(403);
    expect(tooMany.body.message).toMatch(/already used 500 of 600 times .*; 101 more asked/);
    const known = await tp.api('POST', '/api/v1/enroll/bulk', { token: seeded.token, devices: [device(2000), device(0)] }, null);
    expect(known.status).toBe(409);
    expect((await tp.api('GET', `/api/v1/devices?projectId=${seeded.projectId}&limit=1`)).body.total).toBe(500);
    const twice = await tp.api('POST', '/api/v1/enroll/bulk', { token: seeded.token, devices: [device(3000), device(3000)] }, null);
    expect(twice.status).toBe(400);
  });
});
