// Enrollment through the agent's real transport (node:http) against a real HTTP server on port 0 that
// answers as each test says: the request body, what is stored, every outcome (400, 403, 500, malformed,
// unreachable, timeout), and pinning the platform CA from --ca-fingerprint or --ca. The platform
// itself is not imitated here: enrollment against the real platform over HTTPS is in
// test/e2e/tls-pinning.test.ts.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CA_FILE } from '../src/ca-pin.js';
import { loadAgentFile, loadRunConfig } from '../src/config.js';
import { enroll, type EnrollOptions } from '../src/enroll.js';
import { AgentError } from '../src/errors.js';
import { loadIdentity, publicKeyBase64Url } from '../src/identity.js';
import { SeqStore } from '../src/seq-store.js';
import { STATE_FILES } from '../src/state-files.js';
import { fakeSystem } from './helpers/fake-system.js';
import { startScriptedServer, type Answer, type ScriptedServer } from './helpers/http-server.js';
import { tempDir } from './helpers/state-dir.js';

const DEVICE_ID = '0b7f6a53-4a43-4f4e-9e0e-1c2d3e4f5a6b';
const CA_PATH = fileURLToPath(new URL('./fixtures/ca.pem', import.meta.url));
const OTHER_CA_PATH = fileURLToPath(new URL('./fixtures/other-ca.pem', import.meta.url));
const CA_PEM = readFileSync(CA_PATH, 'utf8');
const OTHER_CA_PEM = readFileSync(OTHER_CA_PATH, 'utf8');
const CA_FP = new X509Certificate(CA_PEM).fingerprint256;
const OTHER_CA_FP = new X509Certificate(OTHER_CA_PEM).fingerprint256;

const GRANT = {
  deviceId: DEVICE_ID,
  enterpriseId: '11111111-1111-4111-8111-111111111111',
  projectId: '22222222-2222-4222-8222-222222222222',
  reenrolled: false,
  heartbeatIntervalMs: 10_000,
  mqtt: {
    url: 'mqtt://platform.example:1883',
    tlsUrl: 'mqtts://platform.example:8883',
    caFingerprint: CA_FP,
    caCertificate: CA_PEM,
    clientId: DEVICE_ID,
    username: DEVICE_ID,
    password: 'p'.repeat(43),
  },
};

const granted = (grant: unknown = GRANT): Answer => ({ status: 201, body: grant });

/** A platform stand-in that answers /api/v1/enroll as told and serves the fixture CA at /ca.pem. */
async function platform(enrollAnswer: Answer | 'hang' = granted(), caPem = CA_PEM): Promise<ScriptedServer> {
  return startScriptedServer({
    '/api/v1/enroll': enrollAnswer,
    '/ca.pem': { status: 200, body: caPem, headers: { 'content-type': 'application/x-pem-file' } },
  });
}

const enrollPosts = (server: ScriptedServer) => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/enroll');

const options = (stateDir: string, server: ScriptedServer, overrides: Partial<EnrollOptions> = {}): EnrollOptions => ({
  platformUrl: `${server.url}/`,
  token: 'et_0123456789',
  stateDir,
  workstations: ['L1-01', 'L1-02'],
  kind: 'industrial_pc',
  sys: fakeSystem(),
  ...overrides,
});

async function enrollError(promise: Promise<unknown>): Promise<AgentError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AgentError) return err;
    throw err;
  }
  throw new Error('expected enrollment to fail');
}

describe('enroll', () => {
  it('sends the body of docs/protocol.md §1 and stores config, credentials (0600) and key (0600)', async () => {
    const dir = tempDir();
    const server = await platform();
    const summary = await enroll(options(dir, server));

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/enroll']);
    const [post] = enrollPosts(server);
    expect(post!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(post!.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['agentVersion', 'fingerprint', 'inventory', 'kind', 'publicKey', 'token', 'workstations']);
    expect(body).toMatchObject({ token: 'et_0123456789', kind: 'industrial_pc', workstations: ['L1-01', 'L1-02'], agentVersion: '0.1.0' });
    expect(body.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(body.inventory).toMatchObject({ systemSerial: 'SN-7F3A-0042', cpuPhysicalCores: 6 });

    const key = loadIdentity(join(dir, STATE_FILES.privateKey));
    expect(body.publicKey).toBe(publicKeyBase64Url(key.publicKey));
    expect(statSync(join(dir, STATE_FILES.privateKey)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, STATE_FILES.credentials)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, STATE_FILES.credentials), 'utf8'))).toEqual({
      mqtt: { clientId: DEVICE_ID, username: DEVICE_ID, password: GRANT.mqtt.password },
    });

    const agent = loadAgentFile(dir);
    expect(agent).toMatchObject({
      platformUrl: `${server.url}/`,
      deviceId: DEVICE_ID,
      kind: 'industrial_pc',
      workstations: ['L1-01', 'L1-02'],
      workstationsRevision: 1,
      heartbeatIntervalMs: 10_000,
      mqttUrl: GRANT.mqtt.url,
      mqttTlsUrl: GRANT.mqtt.tlsUrl,
      fingerprint: body.fingerprint,
      publicKey: body.publicKey,
    });
    expect(readFileSync(join(dir, STATE_FILES.config), 'utf8')).not.toContain(GRANT.mqtt.password);
    expect(summary.reenrolled).toBe(false);
    // Plain HTTP and no pin: no CA is stored (the answer's CA came over an unauthenticated channel),
    // `run` uses the plain broker address, and the person enrolling is warned.
    expect(agent.caFingerprint).toBeUndefined();
    expect(existsSync(join(dir, CA_FILE))).toBe(false);
    expect(summary.pinnedCa).toBeNull();
    expect(summary.brokerUrl).toBe(GRANT.mqtt.url);
    expect(summary.warnings.join('\n')).toContain('plain HTTP');
  });

  it('omits workstations when there are none, and honours a local heartbeat interval', async () => {
    const dir = tempDir();
    const server = await platform();
    await enroll(options(dir, server, { workstations: undefined, heartbeatIntervalMs: 5_000 }));
    expect(JSON.parse(enrollPosts(server)[0]!.body)).not.toHaveProperty('workstations');
    expect(loadAgentFile(dir).heartbeatIntervalMs).toBe(5_000);
  });

  it('on re-enrollment makes a new key, keeps the seq, and bumps the mapping revision only on change', async () => {
    const dir = tempDir();
    const server = await platform();
    await enroll(options(dir, server));
    const firstKey = loadAgentFile(dir).publicKey;
    SeqStore.open(dir).advanceTo(500);

    server.route('/api/v1/enroll', granted({ ...GRANT, reenrolled: true }));
    await enroll(options(dir, server, { workstations: undefined }));
    expect(loadAgentFile(dir)).toMatchObject({ workstations: ['L1-01', 'L1-02'], workstationsRevision: 1 });
    expect(loadAgentFile(dir).publicKey).not.toBe(firstKey);

    const summary = await enroll(options(dir, server, { workstations: ['L2-07'] }));
    expect(summary.reenrolled).toBe(true);
    expect(loadAgentFile(dir)).toMatchObject({ workstations: ['L2-07'], workstationsRevision: 2 });
    expect(SeqStore.open(dir).peek()).toBe(500);
  });

  it('prints the platform message for 400 and 403, and leaves an earlier enrollment untouched', async () => {
    const dir = tempDir();
    const server = await platform();
    await enroll(options(dir, server));
    const before = readFileSync(join(dir, STATE_FILES.privateKey), 'utf8');
    const answering = (answer: Answer): EnrollOptions => {
      server.route('/api/v1/enroll', answer);
      return options(dir, server);
    };

    const rejected = await enrollError(
      enroll(answering({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'body/fingerprint must match pattern' } })),
    );
    expect(rejected.code).toBe('EDGE_AGENT_ERR_ENROLL_REJECTED');
    expect(rejected.message).toContain('body/fingerprint must match pattern');

    const refused = await enrollError(enroll(answering({ status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'enrollment token expired' } })));
    expect(refused.code).toBe('EDGE_AGENT_ERR_ENROLL_REFUSED');
    expect(refused.message).toContain('enrollment token expired');

    const broken = await enrollError(enroll(answering(granted({ deviceId: 'nope' }))));
    expect(broken.code).toBe('EDGE_AGENT_ERR_ENROLL_FAILED');
    const badTls = await enrollError(enroll(answering(granted({ ...GRANT, mqtt: { ...GRANT.mqtt, tlsUrl: 'http://x' } }))));
    expect(badTls.message).toContain('mqtt.tlsUrl');
    const crashed = await enrollError(enroll(answering({ status: 500, body: 'upstream timeout' })));
    expect(crashed.code).toBe('EDGE_AGENT_ERR_ENROLL_FAILED');
    expect(crashed.message).toContain('HTTP 500: upstream timeout');

    expect(readFileSync(join(dir, STATE_FILES.privateKey), 'utf8')).toBe(before);
    expect(loadAgentFile(dir).deviceId).toBe(DEVICE_ID);
  });

  it('says the platform is unreachable when nothing listens there', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));

    const dir = join(tempDir(), 'state');
    const err = await enrollError(enroll({ ...options(dir, await platform()), platformUrl: `http://127.0.0.1:${port}` }));
    expect(err.code).toBe('EDGE_AGENT_ERR_PLATFORM_UNREACHABLE');
    expect(err.message).toContain('ECONNREFUSED');
    expect(existsSync(join(dir, STATE_FILES.config))).toBe(false);
  });

  it('gives up on a platform that accepts the connection but never answers', async () => {
    const server = await platform('hang');
    const startedAt = Date.now();
    const err = await enrollError(enroll(options(tempDir(), server, { timeoutMs: 300 })));
    expect(err.code).toBe('EDGE_AGENT_ERR_PLATFORM_UNREACHABLE');
    expect(err.message).toContain('no answer within 300 ms');
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(enrollPosts(server)).toHaveLength(1);
  });

  it('lists every bad option at once', async () => {
    const err = await enrollError(
      enroll({
        ...options(tempDir(), await platform()),
        platformUrl: 'ftp://x',
        token: '',
        kind: 'toaster',
        workstations: ['ok', 'not ok'],
        heartbeatIntervalMs: 10,
        caFingerprint: 'AB:CD',
        caFile: '/nonexistent/ca.pem',
      }),
    );
    expect(err.code).toBe('EDGE_AGENT_ERR_USAGE');
    expect(err.problems).toHaveLength(7);
    expect(err.message).toContain('--ca-fingerprint must be a SHA-256 fingerprint');
    expect(err.message).toContain('--ca: cannot read /nonexistent/ca.pem (ENOENT)');
  });
});

describe('enroll: pinning the platform CA', () => {
  it('fetches /ca.pem, accepts it for a fingerprint given in any form, and pins it (ca.pem 0644, agent.json)', async () => {
    const plainLower = CA_FP.replaceAll(':', '').toLowerCase();
    const dir = tempDir();
    const server = await platform();
    const summary = await enroll(options(dir, server, { caFingerprint: plainLower }));

    // /ca.pem first, then the enrollment: nothing is sent before the CA is accepted.
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /ca.pem', 'POST /api/v1/enroll']);
    expect(summary.pinnedCa?.fingerprint).toBe(CA_FP);
    expect(statSync(join(dir, CA_FILE)).mode & 0o777).toBe(0o644);
    expect(new X509Certificate(readFileSync(join(dir, CA_FILE))).fingerprint256).toBe(CA_FP);
    expect(loadAgentFile(dir)).toMatchObject({ caFingerprint: CA_FP, mqttTlsUrl: GRANT.mqtt.tlsUrl, mqttUrl: GRANT.mqtt.url });
    // With a CA pinned, `run` goes to the TLS address and trusts that CA alone.
    expect(summary.brokerUrl).toBe(GRANT.mqtt.tlsUrl);
    const config = loadRunConfig(dir, {}, { configFile: null });
    expect(config.mqtt.url).toBe(GRANT.mqtt.tlsUrl);
    expect(config.pinnedCa?.fingerprint).toBe(CA_FP);
  });

  it('refuses a /ca.pem whose fingerprint is not the one given, and sends and writes nothing', async () => {
    const dir = join(tempDir(), 'state');
    const server = await platform(granted(), OTHER_CA_PEM);
    const err = await enrollError(enroll(options(dir, server, { caFingerprint: CA_FP })));
    expect(err.code).toBe('EDGE_AGENT_ERR_CA_MISMATCH');
    expect(err.message).toContain(`has SHA-256 fingerprint ${OTHER_CA_FP}, not ${CA_FP}`);
    expect(enrollPosts(server)).toHaveLength(0);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a /ca.pem that carries a second certificate behind the pinned one', async () => {
    // node:tls trusts every certificate in `ca`: the unchecked second one must not ride along.
    const server = await platform(granted(), `${CA_PEM}${OTHER_CA_PEM}`);
    const err = await enrollError(enroll(options(tempDir(), server, { caFingerprint: CA_FP })));
    expect(err.code).toBe('EDGE_AGENT_ERR_ENROLL_FAILED');
    expect(err.message).toContain('holds 2 certificates');
    expect(enrollPosts(server)).toHaveLength(0);
  });

  it('trusts the file given with --ca without fetching, and checks it against --ca-fingerprint when both are given', async () => {
    const server = await platform();
    const mismatch = await enrollError(enroll(options(tempDir(), server, { caFile: OTHER_CA_PATH, caFingerprint: CA_FP })));
    expect(mismatch.code).toBe('EDGE_AGENT_ERR_CA_MISMATCH');
    expect(mismatch.message).toContain(`has SHA-256 fingerprint ${OTHER_CA_FP}, not ${CA_FP}`);
    expect(server.requests).toHaveLength(0);

    const dir = tempDir();
    const summary = await enroll(options(dir, server, { caFile: CA_PATH }));
    expect(server.requests.map((r) => r.path)).toEqual(['/api/v1/enroll']);
    expect(summary.pinnedCa?.fingerprint).toBe(CA_FP);
    expect(loadAgentFile(dir).caFingerprint).toBe(CA_FP);

    const notACert = join(tempDir(), 'not-a-cert.pem');
    writeFileSync(notACert, 'hello');
    const unreadable = await enrollError(enroll(options(tempDir(), server, { caFile: notACert })));
    expect(unreadable.code).toBe('EDGE_AGENT_ERR_USAGE');
    expect(unreadable.message).toContain('holds no PEM certificate');
  });

  it('refuses an answer that names another CA than the pinned one, and writes nothing', async () => {
    const dir = tempDir();
    const server = await platform(granted({ ...GRANT, mqtt: { ...GRANT.mqtt, caFingerprint: OTHER_CA_FP, caCertificate: OTHER_CA_PEM } }));
    const err = await enrollError(enroll(options(dir, server, { caFingerprint: CA_FP })));
    expect(err.code).toBe('EDGE_AGENT_ERR_CA_MISMATCH');
    expect(err.message).toContain(`names CA ${OTHER_CA_FP}, but ${CA_FP} is pinned`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the pin when re-enrolling at the same platform without flags, and drops it for another platform', async () => {
    const dir = tempDir();
    const server = await platform();
    await enroll(options(dir, server, { caFingerprint: CA_FP }));
    const fetchesBefore = server.requests.filter((r) => r.path === '/ca.pem').length;

    const again = await enroll(options(dir, server));
    expect(again.pinnedCa?.fingerprint).toBe(CA_FP);
    expect(server.requests.filter((r) => r.path === '/ca.pem')).toHaveLength(fetchesBefore);
    expect(loadAgentFile(dir).caFingerprint).toBe(CA_FP);

    const elsewhere = await platform(granted({ ...GRANT, mqtt: { ...GRANT.mqtt, caFingerprint: OTHER_CA_FP, caCertificate: OTHER_CA_PEM } }));
    const moved = await enroll(options(dir, elsewhere));
    expect(moved.pinnedCa).toBeNull();
    expect(loadAgentFile(dir).caFingerprint).toBeUndefined();
    // The first platform's CA must not linger for `run` to trust.
    expect(existsSync(join(dir, CA_FILE))).toBe(false);
  });
});
