// Issue 3, the agent side: a platform on its defaults (HTTPS, MQTT over TLS only, its own CA made on
// the first start) and the real `edge-agent` processes. The agent enrolls with the CA fingerprint the
// operator was shown, pins that CA, runs over MQTTS and is online; a wrong fingerprint, another CA, or
// no fingerprint at all make enrollment fail before anything is sent, with nothing written on the device.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnAgent, waitFor as waitForAgent, type AgentProcess } from '../../agent/test/helpers/agent-process.js';
import { createCa } from '../../platform/src/tls/issue.js';
import { seedEnterprise, type Seeded } from '../helpers/fixtures.js';
import { OPERATOR_TOKEN, startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const INTERVAL_MS = 1_000;

let tp: TestPlatform;
let api: TestPlatform['api'];
let seeded: Seeded;
let ca: string;
let caPath: string;
let caFingerprint: string;
let platformUrl: string;
const running: AgentProcess[] = [];
const dirs: string[] = [];
let caFileDir: string | undefined;

/** The platform API over HTTPS, trusting the platform's CA (as curl --cacert does). */
function httpsApi(port: number, caPem: string): TestPlatform['api'] {
  return (method, path, body, token = OPERATOR_TOKEN) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          ca: caPem,
          rejectUnauthorized: true,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/** A state directory with its own board identity (three processes on one machine share the hardware). */
function stateDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `edgenet-tls-${name}-`));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'hardware.json'),
    JSON.stringify({
      systemSerial: `SN-TLS-${name}`,
      boardSerial: `BRD-TLS-${name}`,
      systemUuid: `4c4c4544-0000-1000-8000-${Buffer.from(name).toString('hex').padStart(12, '0').slice(-12)}`,
      writtenAt: new Date().toISOString(),
    }),
  );
  return dir;
}

async function enrollCli(dir: string, extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnAgent([
    'enroll',
    '--platform',
    platformUrl,
    '--token',
    seeded.token,
    '--heartbeat-interval-ms',
    String(INTERVAL_MS),
    '--state-dir',
    dir,
    ...extra,
  ]);
  const { code } = await proc.exited;
  return { code, stdout: proc.stdout(), stderr: proc.stderr() };
}

async function enrollAttempts(): Promise<number> {
  const { body } = await api('GET', '/api/v1/audit?limit=1000');
  return (body.items as { route: string }[]).filter((e) => e.route.endsWith('/enroll')).length;
}

beforeAll(async () => {
  // The platform's defaults: HTTPS and MQTTS, no plain MQTT listener at all.
  tp = await startTestPlatform({ EDGENET_HTTPS: 'true', EDGENET_MQTT_PLAIN: 'false', EDGENET_PRESENCE_SWEEP_MS: '100' });
  caPath = join(tp.database.dataDir, 'tls', 'ca.pem');
  ca = readFileSync(caPath, 'utf8');
  caFingerprint = new X509Certificate(ca).fingerprint256;
  platformUrl = `${tp.platform.httpScheme}://127.0.0.1:${tp.platform.httpPort}`;
  api = httpsApi(tp.platform.httpPort, ca);
  // Two uses only: the refused attempts below must not spend the token.
  seeded = await seedEnterprise({ ...tp, api }, { maxUses: 2 });
});
afterAll(async () => {
  for (const a of running) a.child.kill('SIGKILL');
  await tp?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the agent pins the platform CA', () => {
  it('runs against a platform with HTTPS and MQTTS only', () => {
    expect(tp.platform.httpScheme).toBe('https');
    expect(tp.platform.mqttPort).toBeNull();
    expect(tp.platform.context.tls.caFingerprint).toBe(caFingerprint);
  });

  it('refuses a wrong fingerprint with a clear message and exit 1, sends nothing and writes nothing', async () => {
    const dir = stateDir('wrong');
    const wrong = `${caFingerprint.slice(0, -1)}${caFingerprint.endsWith('0') ? '1' : '0'}`;
    const result = await enrollCli(dir, ['--ca-fingerprint', wrong]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('EDGE_AGENT_ERR_CA_MISMATCH');
    expect(result.stderr).toContain(`has SHA-256 fingerprint ${caFingerprint}, not ${wrong} as given with --ca-fingerprint`);
    expect(result.stderr).toContain('Nothing was sent or written');
    expect(readdirSync(dir)).toEqual(['hardware.json']);
    expect(await enrollAttempts()).toBe(0);
  });

  it('refuses the platform without a fingerprint: its certificate is not one the system trusts', async () => {
    const dir = stateDir('nopin');
    const result = await enrollCli(dir, []);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('EDGE_AGENT_ERR_PLATFORM_UNTRUSTED');
    expect(result.stderr).toContain('--ca-fingerprint');
    expect(readdirSync(dir)).toEqual(['hardware.json']);
  });

  it('refuses the platform when --ca names another CA (trusts exactly that one)', async () => {
    const dir = stateDir('otherca');
    const otherCaPath = join(dir, 'other-ca.pem');
    writeFileSync(otherCaPath, (await createCa('not the platform CA')).cert);
    const result = await enrollCli(dir, ['--ca', otherCaPath]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('EDGE_AGENT_ERR_PLATFORM_UNTRUSTED');
    expect(result.stderr).toContain('is not vouched for by the pinned CA');
    expect(readdirSync(dir).sort()).toEqual(['hardware.json', 'other-ca.pem']);
    expect(await enrollAttempts()).toBe(0);
  });

  it('enrolls with --ca-fingerprint, runs over MQTTS with the pinned CA, and is online', async () => {
    const dir = stateDir('pinned');
    // Plain lowercase hex: the operator may type it either way.
    const result = await enrollCli(dir, ['--ca-fingerprint', caFingerprint.replaceAll(':', '').toLowerCase()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`pinned ca      SHA-256 ${caFingerprint}`);
    expect(result.stderr).not.toContain('warning');

    const stored = new X509Certificate(readFileSync(join(dir, 'ca.pem')));
    expect(stored.fingerprint256).toBe(caFingerprint);
    const agentJson = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8'));
    expect(agentJson).toMatchObject({ platformUrl, caFingerprint, mqttTlsUrl: `mqtts://127.0.0.1:${tp.platform.mqttsPort}` });

    const agent = spawnAgent(['run', '--state-dir', dir], { EDGE_AGENT_LOG_LEVEL: 'debug' }, { outliveTest: true });
    running.push(agent);
    const connected = await waitForAgent('the agent connected', () => agent.logs.find((l) => l.msg === 'connected to broker'), 20_000);
    expect(connected.broker).toBe(`mqtts://127.0.0.1:${tp.platform.mqttsPort}`);
    const { deviceId } = agentJson;
    const device = await waitFor('device online', async () => {
      const res = await api('GET', `/api/v1/devices/${deviceId}`);
      return res.body?.online === true && res.body.lastSeq >= 1 ? res.body : null;
    });
    expect(device).toMatchObject({ id: deviceId, online: true });
    const start = agent.logs.find((l) => l.msg === 'edge agent starting');
    expect(start).toMatchObject({ tls: true, caFingerprint });

    // The clock check went over HTTPS with the pinned CA too: an offset was measured.
    const clock = await waitForAgent(
      'a clock measurement',
      () => {
        try {
          const s = JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8'));
          return typeof s.clock?.offsetMs === 'number' ? s.clock : undefined;
        } catch {
          return undefined;
        }
      },
      15_000,
    );
    expect(Math.abs(clock.offsetMs)).toBeLessThan(5_000);

    const status = spawnAgent(['status', '--json', '--state-dir', dir]);
    expect((await status.exited).code).toBe(0);
    expect(JSON.parse(status.stdout())).toMatchObject({ tls: true, caFingerprint, caProblem: null, running: true });

    // An empty settings file, so a /etc/edge-agent/config.json on the test machine plays no part.
    writeFileSync(join(dir, 'settings.json'), '{}');
    const doctor = spawnAgent(['doctor', '--json', '--config', join(dir, 'settings.json'), '--state-dir', dir]);
    await doctor.exited;
    const checks = JSON.parse(doctor.stdout()) as { name: string; status: string; message: string }[];
    const check = (name: string) => checks.find((c) => c.name === name);
    expect(check('tls'), doctor.stdout()).toMatchObject({ status: 'ok', message: expect.stringContaining(`the pinned CA (SHA-256 ${caFingerprint})`) });
    expect(check('platform')).toMatchObject({ status: 'ok', message: expect.stringContaining('signed by the pinned CA') });
    expect(check('credentials')?.status).toBe('ok');

    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  }, 90_000);

  it('enrolls with --ca (the platform CA file), checked against --ca-fingerprint', async () => {
    const dir = stateDir('cafile');
    caFileDir = dir;
    const result = await enrollCli(dir, ['--ca', caPath, '--ca-fingerprint', caFingerprint]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')).caFingerprint).toBe(caFingerprint);
    expect(new X509Certificate(readFileSync(join(dir, 'ca.pem'))).fingerprint256).toBe(caFingerprint);
    // Two enrollments reached the platform, with a token of two uses: the refused attempts above
    // spent nothing, because they stopped before the request was sent.
    expect(await enrollAttempts()).toBe(2);
  });

  it('does not talk to a broker or API whose certificate the pinned CA did not sign', async () => {
    // The device from the test above, its pin swapped for another CA: to the agent, the platform at
    // this address is now an impostor. It must neither log in over MQTTS nor trust the API's clock.
    const dir = caFileDir!;
    expect(dir, 'runs after the --ca enrollment').toBeDefined();
    const other = await createCa('impostor CA');
    writeFileSync(join(dir, 'ca.pem'), other.cert);
    const agentJson = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8'));
    writeFileSync(join(dir, 'agent.json'), JSON.stringify({ ...agentJson, caFingerprint: new X509Certificate(other.cert).fingerprint256 }));

    const agent = spawnAgent(['run', '--state-dir', dir], { EDGE_AGENT_RECONNECT_BASE_MS: '200', EDGE_AGENT_RECONNECT_CAP_MS: '500' });
    const refusals = () => agent.logs.filter((l) => l.msg === "the broker's certificate is not signed by the pinned CA");
    await waitForAgent('two refused TLS handshakes', () => refusals().length >= 2, 20_000);
    expect(agent.logs.some((l) => l.msg === 'connected to broker')).toBe(false);
    expect((await api('GET', `/api/v1/devices/${agentJson.deviceId}`)).body).toMatchObject({ online: false, lastSeenAt: null });
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);

    writeFileSync(join(dir, 'settings.json'), '{}');
    const doctor = spawnAgent(['doctor', '--json', '--config', join(dir, 'settings.json'), '--state-dir', dir]);
    expect((await doctor.exited).code).toBe(1);
    const checks = JSON.parse(doctor.stdout()) as { name: string; status: string; message: string }[];
    expect(checks.find((c) => c.name === 'tls')).toMatchObject({ status: 'fail', message: expect.stringContaining('not signed by the pinned CA') });
    expect(checks.find((c) => c.name === 'platform')).toMatchObject({ status: 'fail', message: expect.stringContaining('not vouched for by the pinned CA') });
  }, 60_000);
});
