// The enrollment contract (proto/src/enrollment.ts) is checked on both sides of the wire: Fastify's
// validator (ajv) on the platform's route, the proto checker (json-check.ts) in the agent. Every
// body below gets the same verdict from both, and the platform's real answer passes the agent's check.
import { createHash, generateKeyPairSync } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEnrollmentGrant, ENROLLMENT_GRANT_SCHEMA, ENROLLMENT_REQUEST_SCHEMA, rawPublicKey, schemaProblem } from '@edgenet/proto';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';

const ID = '0b7f6a53-4a43-4f4e-9e0e-1c2d3e4f5a6b';
const REQUEST = {
  token: 'et_0123456789abcdef',
  kind: 'compute_box',
  fingerprint: 'a'.repeat(64),
  publicKey: rawPublicKey(generateKeyPairSync('ed25519').publicKey),
  agentVersion: '0.1.0',
  inventory: { cpuBrand: 'x' },
  workstations: ['L1-01', 'L1-02'],
  heartbeatIntervalMs: 10_000,
};
const GRANT = {
  deviceId: ID,
  enterpriseId: ID,
  projectId: ID,
  reenrolled: false,
  keyChanged: false,
  heartbeatIntervalMs: 10_000,
  nextSeq: 1,
  mqtt: {
    url: 'mqtt://h:1883',
    tlsUrl: 'mqtts://h:8883',
    caFingerprint: `${'AB:'.repeat(31)}AB`,
    caCertificate: 'PEM',
    clientId: ID,
    username: ID,
    password: 'p',
  },
};

const requests: [string, unknown][] = [
  ['the full request', REQUEST],
  ['without the optional fields', { ...REQUEST, workstations: undefined, heartbeatIntervalMs: undefined }],
  ['no token', { ...REQUEST, token: undefined }],
  ['a short token', { ...REQUEST, token: 'et_1' }],
  ['an unknown kind', { ...REQUEST, kind: 'toaster' }],
  ['an upper-case fingerprint', { ...REQUEST, fingerprint: 'A'.repeat(64) }],
  ['a 42-character key', { ...REQUEST, publicKey: REQUEST.publicKey.slice(1) }],
  ['an empty agent version', { ...REQUEST, agentVersion: '' }],
  ['65 inventory fields', { ...REQUEST, inventory: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}`, i])) }],
  ['an inventory that is a list', { ...REQUEST, inventory: [] }],
  ['a workstation code twice', { ...REQUEST, workstations: ['L1-01', 'L1-01'] }],
  ['a bad workstation code', { ...REQUEST, workstations: ['not ok'] }],
  ['257 workstations', { ...REQUEST, workstations: Array.from({ length: 257 }, (_, i) => `W${i}`) }],
  ['an interval under 1 s', { ...REQUEST, heartbeatIntervalMs: 999 }],
  ['an interval over 1 h', { ...REQUEST, heartbeatIntervalMs: 3_600_001 }],
  ['a fractional interval', { ...REQUEST, heartbeatIntervalMs: 1500.5 }],
  ['an unknown field', { ...REQUEST, admin: true }],
];
const grants: [string, unknown][] = [
  ['the full grant', GRANT],
  [
    'from a platform without TLS or nextSeq',
    { ...GRANT, nextSeq: undefined, mqtt: { ...GRANT.mqtt, tlsUrl: undefined, caFingerprint: undefined, caCertificate: undefined } },
  ],
  ['a plain-hex CA fingerprint', { ...GRANT, mqtt: { ...GRANT.mqtt, caFingerprint: 'ab'.repeat(32) } }],
  ['a device id that is no UUID', { ...GRANT, deviceId: 'nope' }],
  ['no project', { ...GRANT, projectId: undefined }],
  ['reenrolled as a string', { ...GRANT, reenrolled: 'no' }],
  ['an interval of 10 ms', { ...GRANT, heartbeatIntervalMs: 10 }],
  ['nextSeq 0', { ...GRANT, nextSeq: 0 }],
  ['no mqtt', { ...GRANT, mqtt: undefined }],
  ['an http broker URL', { ...GRANT, mqtt: { ...GRANT.mqtt, url: 'http://h' } }],
  ['a plain TLS URL', { ...GRANT, mqtt: { ...GRANT.mqtt, tlsUrl: 'mqtt://h:1883' } }],
  ['a short CA fingerprint', { ...GRANT, mqtt: { ...GRANT.mqtt, caFingerprint: 'AB:CD' } }],
  ['an empty password', { ...GRANT, mqtt: { ...GRANT.mqtt, password: '' } }],
  ['no client id', { ...GRANT, mqtt: { ...GRANT.mqtt, clientId: undefined } }],
];

/** ajv through Fastify, with the platform's options but no type coercion: JSON Schema as written. */
let validator: FastifyInstance;
beforeAll(async () => {
  validator = Fastify({ ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } } });
  validator.post('/request', { schema: { body: ENROLLMENT_REQUEST_SCHEMA } }, async () => ({ ok: true }));
  validator.post('/grant', { schema: { body: ENROLLMENT_GRANT_SCHEMA } }, async () => ({ ok: true }));
  await validator.ready();
});
afterAll(() => validator?.close());

const ajvAccepts = async (url: string, body: unknown) => (await validator.inject({ method: 'POST', url, payload: body as object })).statusCode === 200;
// JSON drops undefined members; the checker is given what the wire carries.
const wire = (body: unknown): unknown => JSON.parse(JSON.stringify(body));

describe('the enrollment schemas', () => {
  it.each(requests)('request, %s: the platform and the proto checker agree', async (_what, body) => {
    expect(schemaProblem(ENROLLMENT_REQUEST_SCHEMA, wire(body)) === null).toBe(await ajvAccepts('/request', wire(body)));
  });

  it.each(grants)('grant, %s: the platform and the proto checker agree', async (_what, body) => {
    expect(checkEnrollmentGrant(wire(body)).ok).toBe(await ajvAccepts('/grant', wire(body)));
  });

  it('refuses the broken bodies above and names the field', () => {
    expect(requests.filter(([, b]) => schemaProblem(ENROLLMENT_REQUEST_SCHEMA, wire(b)) === null).map(([w]) => w)).toEqual([
      'the full request',
      'without the optional fields',
    ]);
    expect(grants.filter(([, b]) => checkEnrollmentGrant(wire(b)).ok).map(([w]) => w)).toEqual([
      'the full grant',
      'from a platform without TLS or nextSeq',
      'a plain-hex CA fingerprint',
    ]);
    expect(checkEnrollmentGrant(wire({ ...GRANT, mqtt: { ...GRANT.mqtt, tlsUrl: 'http://x' } }))).toEqual({
      ok: false,
      reason: 'mqtt.tlsUrl must match pattern "^(mqtts|tls|wss)://"',
    });
  });
});

describe('the platform answers with a grant the agent accepts', () => {
  let tp: TestPlatform;
  beforeAll(async () => {
    tp = await startTestPlatform();
  });
  afterAll(() => tp?.close());

  it('for a new device and for its re-enrollment', async () => {
    const { token } = await seedEnterprise(tp, { workstations: ['L1-01'] });
    const body = { ...REQUEST, token, fingerprint: createHash('sha256').update('contract').digest('hex'), workstations: ['L1-01'] };
    const first = await tp.api('POST', '/api/v1/enroll', body, null);
    expect(first.status).toBe(201);
    expect(checkEnrollmentGrant(first.body)).toEqual({ ok: true, grant: first.body });
    const again = await tp.api('POST', '/api/v1/enroll', { ...body, publicKey: rawPublicKey(generateKeyPairSync('ed25519').publicKey) }, null);
    expect(checkEnrollmentGrant(again.body).ok).toBe(true);
    expect(again.body).toMatchObject({ deviceId: first.body.deviceId, reenrolled: true, keyChanged: true });
  });
});
