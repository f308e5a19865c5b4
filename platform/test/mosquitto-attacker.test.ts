// Issue #3, attackers the project did not write: Debian's mosquitto_pub and mosquitto_sub
// (mosquitto-clients) against the platform's embedded broker, with no credentials, wrong ones, a
// valid device's credentials on another device's topic, oversize payloads, and a subscription to
// '#'. Positive controls show the same client does get through when it should, so each refusal is
// the broker's doing and not a broken command line.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceTopic } from '@edgenet/proto';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';

const HAVE_CLIENTS = ['mosquitto_pub', 'mosquitto_sub'].every((bin) => !spawnSync(bin, ['--help']).error);
if (!HAVE_CLIENTS) {
  console.warn('mosquitto-attacker.test.ts skipped: mosquitto_pub/mosquitto_sub not found (apt-get install -y mosquitto-clients)');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(bin: string, args: string[], timeoutMs = 15_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!HAVE_CLIENTS)('mosquitto clients as attackers', () => {
  let tp: TestPlatform;
  let a: TestDevice;
  let b: TestDevice;
  let plain: string[];
  const stats = async () => (await tp.api('GET', '/api/v1/ingest/stats')).body.rejected as Record<string, number>;
  const heartbeatsOf = async (d: TestDevice) => (await tp.api('GET', `/api/v1/devices/${d.deviceId}/heartbeats?limit=100`)).body.items.length as number;
  const as = (d: TestDevice, password = d.password) => ['-i', d.deviceId, '-u', d.deviceId, '-P', password];

  beforeAll(async () => {
    tp = await startTestPlatform();
    const { token } = await seedEnterprise(tp);
    a = await enrollTestDevice(tp, token);
    b = await enrollTestDevice(tp, token);
    plain = ['-h', '127.0.0.1', '-p', String(tp.platform.mqttPort), '-V', 'mqttv311'];
  });
  afterAll(() => tp?.close());

  it('control: a device with its own credentials publishes on its own topic (over TCP and over TLS with the pinned CA)', async () => {
    const before = await stats();
    const ok = await run('mosquitto_pub', [...plain, ...as(a), '-q', '1', '-t', deviceTopic(a.deviceId, 'status'), '-m', 'not protobuf']);
    expect(ok, ok.stderr).toMatchObject({ code: 0 });
    const ca = join(tp.database.dataDir, 'tls', 'ca.pem');
    const tls = ['-h', 'localhost', '-p', String(tp.platform.mqttsPort), '-V', 'mqttv311'];
    const overTls = await run('mosquitto_pub', [...tls, '--cafile', ca, ...as(a), '-q', '1', '-t', deviceTopic(a.deviceId, 'status'), '-m', 'not protobuf']);
    expect(overTls, overTls.stderr).toMatchObject({ code: 0 });
    // The payload was garbage, so ingest dropped both: proof they reached the platform.
    await waitFor('two malformed', async () => (await stats()).malformed >= before.malformed + 2);
    // Without the CA (only the system's trust store) the TLS handshake fails.
    const untrusted = await run('mosquitto_pub', [...tls, '--capath', '/etc/ssl/certs', ...as(a), '-t', deviceTopic(a.deviceId, 'status'), '-m', 'x']);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toMatch(/certificate verify failed|tls|TLS|Protocol error|Connection/i);
  });

  it('refuses a client with no credentials and one with a wrong password at CONNECT', async () => {
    const before = (await stats()).auth_failed;
    const none = await run('mosquitto_pub', [...plain, '-i', 'intruder', '-t', deviceTopic(a.deviceId, 'heartbeat'), '-m', 'x']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/bad user name or password|not authori[sz]ed/i);
    const wrong = await run('mosquitto_pub', [...plain, ...as(a, 'mq_wrong_password'), '-t', deviceTopic(a.deviceId, 'heartbeat'), '-m', 'x']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/bad user name or password/i);
    const borrowed = await run('mosquitto_pub', [
      ...plain,
      '-i',
      'another-client',
      '-u',
      a.deviceId,
      '-P',
      a.password,
      '-t',
      deviceTopic(a.deviceId, 'heartbeat'),
      '-m',
      'x',
    ]);
    expect(borrowed.code).not.toBe(0);
    expect((await stats()).auth_failed).toBe(before + 3);
  });

  it("drops the connection of a valid device that publishes on another device's topic, and stores nothing", async () => {
    const before = await stats();
    const stored = await heartbeatsOf(b);
    const res = await run('mosquitto_pub', [...plain, ...as(a), '-q', '1', '-t', deviceTopic(b.deviceId, 'heartbeat'), '-m', 'forged']);
    expect(res.code).not.toBe(0);
    expect((await stats()).topic_denied).toBe(before.topic_denied + 1);
    expect(await heartbeatsOf(b)).toBe(stored);
  });

  it('cuts off oversize payloads: over the kind limit, and over the packet limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgenet-mosq-'));
    const medium = join(dir, 'medium.bin'); // 20 KiB: over a heartbeat's 8 KiB, under the packet cap
    const huge = join(dir, 'huge.bin'); // 2 MiB: over the 64 KiB packet cap
    writeFileSync(medium, Buffer.alloc(20 * 1024, 1));
    writeFileSync(huge, Buffer.alloc(2 * 1024 * 1024, 1));
    const before = await stats();
    const r1 = await run('mosquitto_pub', [...plain, ...as(a), '-q', '1', '-t', deviceTopic(a.deviceId, 'heartbeat'), '-f', medium]);
    const r2 = await run('mosquitto_pub', [...plain, ...as(a), '-q', '1', '-t', deviceTopic(a.deviceId, 'heartbeat'), '-f', huge]);
    expect(r1.code).not.toBe(0);
    expect(r2.code).not.toBe(0);
    const after = await stats();
    expect(after.malformed).toBe(before.malformed + 1); // authorizePublish: over the heartbeat limit
    expect(after.oversize).toBe(before.oversize + 1); // packet-size guard, before the body is read
  });

  it("gives a subscriber to '#' nothing of another device's traffic", async () => {
    // mosquitto_sub as device a, subscribed to everything it might try, plus its own command topic
    // (granted, so the client stays connected: with every filter refused it would give up at once).
    // Device b heartbeats while it listens. -d prints the SUBACK and every PUBLISH it receives.
    let listening = true;
    const sub = run('mosquitto_sub', [
      ...plain,
      ...as(a),
      '-d',
      '-v',
      '-W',
      '5',
      '-t',
      '#',
      '-t',
      '$SYS/#',
      '-t',
      'edge/v1/d/+/heartbeat',
      '-t',
      `edge/v1/d/${b.deviceId}/cmd`,
      '-t',
      `edge/v1/d/${a.deviceId}/cmd`,
    ]).finally(() => (listening = false));
    await new Promise((r) => setTimeout(r, 1_000));
    const client = await b.connect();
    const before = await heartbeatsOf(b);
    for (let seq = 100; seq < 105; seq++) await b.heartbeat(client, seq);
    await waitFor("b's heartbeats stored", async () => (await heartbeatsOf(b)) >= before + 5);
    expect(listening).toBe(true); // the subscriber was connected the whole time
    const result = await sub;
    expect(result.stdout).toMatch(/Subscribed \(mid: \d+\): 128, 128, 128, 128, 0/);
    expect(result.stdout).not.toMatch(/received PUBLISH/);
    expect(result.stdout).not.toContain(`${b.deviceId}/heartbeat `);
  });
});
