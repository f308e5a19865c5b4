// Issue #3, hostile input on the platform's own decoders: enrollment request bodies (JSON built to
// break the schema, raw bytes that are not JSON at all) and the configuration (environment and
// JSON file). Each hostile input gets a 4xx with a message or a coded error, never a 500 or a
// crash, and a refused enrollment writes nothing: no device, no key, no token use.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PlatformError } from '../src/errors.js';
import { deviceKeys, devices, enrollmentTokenUses, enrollmentTokens } from '../src/db/schema/index.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';

let tp: TestPlatform;
let app: FastifyInstance;
let seeded: Seeded;
/** Tokens that reach the database and are refused there: used up, and expired. */
const refused = { spent: '', expired: '' };

beforeAll(async () => {
  tp = await startTestPlatform();
  seeded = await seedEnterprise(tp, { maxUses: 1_000 });
  const { db } = tp.platform.context;
  const spent = await tp.api('POST', `/api/v1/projects/${seeded.projectId}/enrollment-tokens`, { maxUses: 1 });
  const used = await tp.api(
    'POST',
    '/api/v1/enroll',
    {
      token: spent.body.token,
      kind: 'server',
      fingerprint: 'e'.repeat(64),
      publicKey: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x,
      agentVersion: '1',
      inventory: {},
    },
    null,
  );
  expect(used.status).toBe(201);
  const expired = await tp.api('POST', `/api/v1/projects/${seeded.projectId}/enrollment-tokens`, { maxUses: 100 });
  const { eq } = await import('drizzle-orm');
  await db
    .update(enrollmentTokens)
    .set({ expiresAt: new Date(Date.now() - 1_000) })
    .where(eq(enrollmentTokens.id, expired.body.id));
  refused.spent = spent.body.token;
  refused.expired = expired.body.token;
  app = await buildApp(tp.platform.context);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await tp?.close();
});

async function rowCounts() {
  const { db } = tp.platform.context;
  const n = async (t: typeof devices | typeof deviceKeys | typeof enrollmentTokenUses) => (await db.select({ n: count() }).from(t))[0]!.n;
  const tokens = await db.select({ uses: enrollmentTokens.uses }).from(enrollmentTokens);
  return { devices: await n(devices), keys: await n(deviceKeys), uses: await n(enrollmentTokenUses), tokenUses: tokens.reduce((a, t) => a + t.uses, 0) };
}

const validKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
/** Each field: sometimes valid, mostly hostile. */
const hostileBody = () =>
  fc.record(
    {
      // Never the live token: every other field may be valid, so only a refused token keeps the
      // outcome certain. The used-up and expired tokens are refused inside the transaction.
      token: fc.oneof(
        fc.constant(refused.spent),
        fc.constant(refused.expired),
        fc.string({ maxLength: 300 }),
        fc.constant(`et_${'A'.repeat(43)}`),
        fc.integer(),
      ),
      kind: fc.oneof(fc.constantFrom('compute_box', 'server', 'toaster', ''), fc.anything()),
      fingerprint: fc.oneof(fc.constant('b'.repeat(64)), fc.string({ maxLength: 70 }), fc.constant('B'.repeat(64)), fc.anything()),
      publicKey: fc.oneof(fc.constant(validKey), fc.constant('_'.repeat(43)), fc.base64String({ maxLength: 60 }), fc.anything()),
      agentVersion: fc.oneof(fc.string({ maxLength: 80 }), fc.anything()),
      inventory: fc.oneof(fc.object({ maxDepth: 3 }), fc.anything()),
      workstations: fc.oneof(fc.array(fc.string({ maxLength: 70 }), { maxLength: 300 }), fc.anything()),
      heartbeatIntervalMs: fc.oneof(fc.integer(), fc.double(), fc.string()),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );

/** Bodies that pass the schema, so they reach the token check in the database, and are refused there. */
const wellFormedRefused = () =>
  fc.record(
    {
      token: fc.constantFrom(refused.spent, refused.expired),
      kind: fc.constantFrom('compute_box', 'industrial_pc', 'server'),
      fingerprint: fc.stringMatching(/^[0-9a-f]{64}$/),
      publicKey: fc.constant(validKey),
      agentVersion: fc.string({ minLength: 1, maxLength: 64 }),
      inventory: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 10 }),
      workstations: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/), { maxLength: 5 }),
    },
    { requiredKeys: ['token', 'kind', 'fingerprint', 'publicKey', 'agentVersion', 'inventory'] },
  );

describe('enrollment under hostile bodies', () => {
  it('answers every hostile JSON body with a 4xx and a message, and writes nothing', async () => {
    const before = await rowCounts();
    let refusedByToken = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileBody(), wellFormedRefused()), async (body) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/enroll', payload: body as object });
        if (res.statusCode === 403) refusedByToken += 1;
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
        expect(typeof res.json().message).toBe('string');
      }),
      { numRuns: 400 },
    );
    expect(await rowCounts()).toEqual(before);
    expect(refusedByToken).toBeGreaterThan(50); // the database path was exercised, not only the schema
  }, 60_000);

  it('answers raw bytes that are not a JSON object with 4xx, and a body over 64 KiB with 413', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 2_000 }),
          fc.json(),
          fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'),
        async (payload, contentType) => {
          const res = await app.inject({ method: 'POST', url: '/api/v1/enroll', payload, headers: { 'content-type': contentType } });
          expect(res.statusCode, `${contentType} ${payload.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
    const big = await app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { token: 'x'.repeat(70_000) } });
    expect(big.statusCode).toBe(413);
  }, 60_000);

  it('still enrolls a valid body afterwards (the refusals above were not a broken route)', async () => {
    const before = await rowCounts();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enroll',
      payload: { token: seeded.token, kind: 'server', fingerprint: 'c'.repeat(64), publicKey: validKey, agentVersion: '1', inventory: {} },
    });
    expect(res.statusCode).toBe(201);
    expect(await rowCounts()).toEqual({ devices: before.devices + 1, keys: before.keys + 1, uses: before.uses + 1, tokenUses: before.tokenUses + 1 });
  });
});

describe('configuration under hostile settings', () => {
  const NAMES = [
    'EDGENET_HTTP_PORT',
    'EDGENET_MQTT_PORT',
    'EDGENET_MQTTS_PORT',
    'EDGENET_MQTT_PLAIN',
    'EDGENET_HTTPS',
    'EDGENET_TLS_CERT',
    'EDGENET_TLS_KEY',
    'EDGENET_TLS_CA',
    'EDGENET_TLS_SAN',
    'EDGENET_MQTT_PUBLIC_URL',
    'EDGENET_MQTTS_PUBLIC_URL',
    'DATABASE_URL',
    'EDGENET_OPERATOR_TOKEN',
    'EDGENET_LOG_LEVEL',
    'EDGENET_HEARTBEAT_INTERVAL_MS',
    'EDGENET_RATE_LIMIT_PER_IP',
    'EDGENET_MQTT_RATE_PER_S',
    'EDGENET_DB_POOL_SIZE',
  ];
  const settle = (run: () => unknown): void => {
    try {
      const config = run();
      expect(Object.isFrozen(config)).toBe(true);
    } catch (err) {
      expect(err).toBeInstanceOf(PlatformError);
      expect((err as PlatformError).code).toBe('EDGENET_ERR_CONFIG');
      expect((err as Error).message).toMatch(/^invalid configuration:\n {2}- /);
    }
  };

  it('returns a frozen configuration or one coded error listing the problems, for any environment', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer().map(String),
      fc.constantFrom('true', 'false', '0', '-1', '65536', '1e3', ' 8080', 'mqtts://h:1', 'postgres://x'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 })), value, { maxKeys: 12 }), (env) =>
        settle(() => loadConfig(env)),
      ),
      { numRuns: 2_000 },
    );
  });

  it('does the same for any content of the EDGENET_CONFIG file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgenet-fuzz-cfg-'));
    let i = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.json(),
          fc
            .dictionary(
              fc.constantFrom(...NAMES),
              fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.constant(null), fc.object({ maxDepth: 1 })),
            )
            .map((o) => JSON.stringify(o)),
        ),
        (content) => {
          const file = join(dir, `c${i++}.json`);
          writeFileSync(file, content);
          settle(() => loadConfig({ EDGENET_CONFIG: file }));
        },
      ),
      { numRuns: 500 },
    );
  });
});
