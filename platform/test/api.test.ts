// The HTTP API on a real platform and database: validation that names the field, pagination,
// enrollment tokens (expiry, use count), re-enrollment of the same hardware, and role scoping.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { USCC, seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { enrollTestDevice } from '../../test/helpers/device.js';

let tp: TestPlatform;
let seeded: Seeded;

beforeAll(async () => {
  tp = await startTestPlatform();
  seeded = await seedEnterprise(tp, { workstations: ['L1-01', 'L1-02'] });
});
afterAll(() => tp?.close());

function enrollBody(token: string, overrides: Record<string, unknown> = {}) {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x;
  return { token, kind: 'industrial_pc', fingerprint: 'a'.repeat(64), publicKey: raw, agentVersion: '0.1.0', inventory: {}, ...overrides };
}

describe('validation', () => {
  it('answers 400 naming the field', async () => {
    const missing = await tp.api('POST', '/api/v1/enterprises', { name: 'x', town: 'y' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('uscc');
    const badCheck = await tp.api('POST', '/api/v1/enterprises', { name: 'x', town: 'y', uscc: '91350100M000100Y44' });
    expect(badCheck.status).toBe(400);
    expect(badCheck.body.message).toBe('body/uscc check character is "4", expected "3"');
    const money = await tp.api('POST', '/api/v1/projects', {
      enterpriseId: seeded.enterpriseId,
      name: 'p',
      totalInvestmentFen: 1.5,
      eligibleInvestmentFen: 1,
      windowStart: '2025-07-01',
      windowEnd: '2026-06-30',
    });
    expect(money.status).toBe(400);
    expect(money.body.message).toContain('totalInvestmentFen');
    const ws = await tp.api('POST', '/api/v1/workstations', { enterpriseId: seeded.enterpriseId, code: 'bad code!' });
    expect(ws.status).toBe(400);
    expect(ws.body.message).toContain('body/code');
    const kind = await tp.api('POST', '/api/v1/enroll', enrollBody(seeded.token, { kind: 'toaster' }), null);
    expect(kind.status).toBe(400);
    expect(kind.body.message).toContain('body/kind');
  });

  it('refuses a duplicate USCC and a duplicate workstation code with 409', async () => {
    expect((await tp.api('POST', '/api/v1/enterprises', { name: 'again', uscc: USCC[0], town: 'x' })).status).toBe(409);
    expect((await tp.api('POST', '/api/v1/workstations', { enterpriseId: seeded.enterpriseId, code: 'L1-01' })).status).toBe(409);
  });
});

describe('pagination', () => {
  it('pages through workstations with limit and offset', async () => {
    for (let i = 0; i < 5; i++) await tp.api('POST', '/api/v1/workstations', { enterpriseId: seeded.enterpriseId, code: `P-${i}` });
    const page1 = await tp.api('GET', `/api/v1/workstations?enterpriseId=${seeded.enterpriseId}&limit=3&offset=0`);
    const page2 = await tp.api('GET', `/api/v1/workstations?enterpriseId=${seeded.enterpriseId}&limit=3&offset=3`);
    expect(page1.body.total).toBe(7);
    expect(page1.body.items).toHaveLength(3);
    expect(page2.body.items).toHaveLength(3);
    const codes = [...page1.body.items, ...page2.body.items].map((w: { code: string }) => w.code);
    expect(new Set(codes).size).toBe(6);
    expect((await tp.api('GET', '/api/v1/workstations?limit=0')).status).toBe(400);
  });
});

describe('enrollment', () => {
  it('refuses an unknown, a used-up and an expired token with a clear message', async () => {
    const unknown = await tp.api('POST', '/api/v1/enroll', enrollBody('et_not_a_real_token_000000'), null);
    expect(unknown.status).toBe(403);
    expect(unknown.body.message).toBe('enrollment token refused: unknown token');

    const once = await tp.api('POST', `/api/v1/projects/${seeded.projectId}/enrollment-tokens`, { maxUses: 1 });
    expect((await tp.api('POST', '/api/v1/enroll', enrollBody(once.body.token, { fingerprint: 'b'.repeat(64) }), null)).status).toBe(201);
    const spent = await tp.api('POST', '/api/v1/enroll', enrollBody(once.body.token, { fingerprint: 'c'.repeat(64) }), null);
    expect(spent.status).toBe(403);
    expect(spent.body.message).toMatch(/already used 1 of 1 times/);

    const expiring = await tp.api('POST', `/api/v1/projects/${seeded.projectId}/enrollment-tokens`, { maxUses: 5, expiresInHours: 1 });
    const db = tp.platform.context.db;
    const { enrollmentTokens } = await import('../src/db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    await db
      .update(enrollmentTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(enrollmentTokens.id, expiring.body.id));
    const expired = await tp.api('POST', '/api/v1/enroll', enrollBody(expiring.body.token, { fingerprint: 'd'.repeat(64) }), null);
    expect(expired.status).toBe(403);
    expect(expired.body.message).toMatch(/^enrollment token refused: expired at /);
  });

  it('keeps the same device when the same hardware re-enrolls, and records a new key', async () => {
    const first = await tp.api('POST', '/api/v1/enroll', enrollBody(seeded.token, { fingerprint: 'e'.repeat(64) }), null);
    const again = await tp.api('POST', '/api/v1/enroll', enrollBody(seeded.token, { fingerprint: 'e'.repeat(64) }), null);
    expect(first.status).toBe(201);
    expect(again.body).toMatchObject({ deviceId: first.body.deviceId, reenrolled: true, keyChanged: true });
    expect(again.body.mqtt.password).not.toBe(first.body.mqtt.password);
    expect(again.body.mqtt.url).toBe(tp.mqttUrl);
  });
});

describe('roles', () => {
  it('confines an enterprise token to its own enterprise and keeps the bureau read-only', async () => {
    const other = await seedEnterprise(tp, { uscc: USCC[1], town: '长安' });
    const foreign = await enrollTestDevice(tp, other.token);
    const own = await enrollTestDevice(tp, seeded.token);
    const ent = await tp.api('POST', '/api/v1/api-tokens', { name: 'factory IT', role: 'enterprise', enterpriseId: seeded.enterpriseId });
    const bureau = await tp.api('POST', '/api/v1/api-tokens', { name: '科技局', role: 'bureau' });
    expect(ent.status).toBe(201);

    const list = await tp.api('GET', '/api/v1/devices?limit=1000', undefined, ent.body.token);
    const ids = list.body.items.map((d: { id: string }) => d.id);
    expect(ids).toContain(own.deviceId);
    expect(ids).not.toContain(foreign.deviceId);
    expect((await tp.api('GET', `/api/v1/devices/${foreign.deviceId}`, undefined, ent.body.token)).status).toBe(404);
    expect((await tp.api('GET', `/api/v1/enterprises?limit=100`, undefined, ent.body.token)).body.total).toBe(1);
    const tokenForOther = await tp.api('POST', `/api/v1/projects/${other.projectId}/enrollment-tokens`, {}, ent.body.token);
    expect(tokenForOther.status).toBe(403);

    expect((await tp.api('GET', '/api/v1/devices?limit=1000', undefined, bureau.body.token)).body.total).toBe(list.body.total + 1);
    const bureauWrite = await tp.api('POST', '/api/v1/enterprises', { name: 'x', uscc: USCC[2], town: 'y' }, bureau.body.token);
    expect(bureauWrite.status).toBe(403);
    expect((await tp.api('GET', '/api/v1/fleet/summary', undefined, null)).status).toBe(401);
    expect((await tp.api('GET', '/api/v1/fleet/summary', undefined, 'op_wrong_token_0000000000000')).status).toBe(401);
  });
});

describe('documents', () => {
  it('serves the OpenAPI document, /healthz and /readyz', async () => {
    const doc = await tp.api('GET', '/docs/json', undefined, null);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/enroll', '/api/v1/fleet/summary', '/api/v1/devices/{id}/heartbeats']));
    expect((await tp.api('GET', '/healthz', undefined, null)).body).toEqual({ status: 'ok' });
    expect((await tp.api('GET', '/readyz', undefined, null)).body).toMatchObject({ status: 'ready', checks: { database: true, broker: true } });
  });
});
