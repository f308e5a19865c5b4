// The platform's network edge under hostile load, against the real platform (broker, API, TLS):
// idle and flooding sockets, per-address and total connection caps, connection rate, 60,000-
// character client ids, deeply nested JSON, large anonymous bodies, unlimited pages, whole URLs
// in the log, weak TLS suites, missing security headers. docs/threat-model.md lists each.
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startTestPlatform, testPlatformConfig, type TestPlatform } from '../../test/helpers/platform.js';
import { USCC, seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { enrollTestDevice } from '../../test/helpers/device.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { startPlatform, type RunningPlatform } from '../src/platform.js';

const run = promisify(execFile);

/** Opens a TCP socket from `localAddress`; resolves once connected. */
function open(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect({ port, host: '127.0.0.1', localAddress });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

/** Milliseconds until the server closes the socket, or null if it is still open after `withinMs`. */
function closedWithin(s: Socket, withinMs: number): Promise<number | null> {
  const start = Date.now();
  return new Promise((resolve) => {
    if (s.destroyed) return resolve(0);
    const t = setTimeout(() => resolve(null), withinMs);
    s.on('error', () => undefined);
    s.once('close', () => {
      clearTimeout(t);
      resolve(Date.now() - start);
    });
  });
}

/** A platform whose log lines are counted in bytes and kept. */
async function startLogged(env: Record<string, string>): Promise<{ platform: RunningPlatform; db: TestDatabase; log: { bytes: number; lines: string[] } }> {
  const db = await createTestDatabase();
  const log = { bytes: 0, lines: [] as string[] };
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      log.bytes += chunk.length;
      if (log.lines.length < 10_000) log.lines.push(chunk.toString());
      done();
    },
  });
  const config = testPlatformConfig(db, { EDGENET_LOG_LEVEL: 'info', ...env });
  const platform = await startPlatform(config, pino({ level: 'info' }, sink));
  return { platform, db, log };
}

describe('idle and flooding sockets', () => {
  let tp: TestPlatform;
  beforeAll(async () => {
    tp = await startTestPlatform({
      EDGENET_HTTPS: 'true',
      EDGENET_CONNECT_DEADLINE_MS: '1000',
      EDGENET_MQTT_MAX_CONNECTIONS: '30',
      EDGENET_MQTT_MAX_CONNECTIONS_PER_ADDRESS: '20',
      EDGENET_HTTP_MAX_CONNECTIONS_PER_ADDRESS: '20',
      EDGENET_CONNECT_BURST_PER_ADDRESS: '30',
      EDGENET_CONNECT_RATE_PER_ADDRESS: '1',
    });
  });
  afterAll(() => tp?.close());
  const ports = () => ({ mqtt: tp.platform.mqttPort!, mqtts: tp.platform.mqttsPort, api: tp.platform.httpPort });

  it('closes MQTTS, MQTT and HTTPS sockets that send nothing within the connect deadline (1 s here)', async () => {
    const p = ports();
    const sockets = await Promise.all([open(p.mqtts, '127.0.0.2'), open(p.mqtt, '127.0.0.2'), open(p.api, '127.0.0.2')]);
    const closed = await Promise.all(sockets.map((s) => closedWithin(s, 4_000)));
    for (const s of sockets) s.destroy();
    expect(
      closed.every((ms) => ms !== null && ms >= 700),
      `closed after ${JSON.stringify(closed)} ms (mqtts, mqtt, api)`,
    ).toBe(true);
  });

  it('closes a socket that finishes TLS but never sends CONNECT, and one that sends half a CONNECT', async () => {
    const p = ports();
    // A TLS client that never speaks MQTT.
    const tlsOnly = await new Promise<Socket>((resolve, reject) => {
      const raw = netConnect({ port: p.mqtts, host: '127.0.0.1', localAddress: '127.0.0.3' });
      const t = tlsConnect({ socket: raw, rejectUnauthorized: false }, () => resolve(t));
      t.once('error', reject);
    });
    const half = await open(p.mqtt, '127.0.0.3');
    half.write(Buffer.from([0x10, 0x20, 0x00, 0x04])); // CONNECT announcing 32 bytes, 2 sent
    const closed = await Promise.all([closedWithin(tlsOnly, 4_000), closedWithin(half, 4_000)]);
    tlsOnly.destroy();
    half.destroy();
    expect(
      closed.every((ms) => ms !== null),
      `closed after ${JSON.stringify(closed)} ms`,
    ).toBe(true);
  });

  it('caps connections per address on MQTT and on the API, refusing the one over the cap at once', async () => {
    const p = ports();
    for (const port of [p.mqtt, p.api]) {
      const held = await Promise.all(Array.from({ length: 20 }, () => open(port, '127.0.0.4')));
      const over = await open(port, '127.0.0.4');
      const refusedMs = await closedWithin(over, 500); // well before the 1 s deadline
      for (const s of held) s.destroy();
      expect(refusedMs, `connection 21 from one address to port ${port}`).not.toBeNull();
    }
  });

  it('caps both MQTT listeners together, not each', async () => {
    const p = ports();
    // 15 + 15 from two addresses fill the total of 30 across the plain and the TLS listener.
    const held = [
      ...(await Promise.all(Array.from({ length: 15 }, () => open(p.mqtt, '127.0.0.5')))),
      ...(await Promise.all(Array.from({ length: 15 }, () => open(p.mqtts, '127.0.0.6')))),
    ];
    const over = await open(p.mqtts, '127.0.0.7');
    const refusedMs = await closedWithin(over, 500);
    for (const s of held) s.destroy();
    expect(refusedMs, 'connection 31 across both listeners').not.toBeNull();
  });

  it('limits new connections per address per second (burst 30, then 1 a second)', async () => {
    const p = ports();
    await new Promise((r) => setTimeout(r, 300)); // the server sees the last test's sockets close
    let refusedAt = -1;
    const started = Date.now();
    for (let i = 0; i < 60 && refusedAt < 0; i++) {
      const s = await open(p.mqtt, '127.0.0.8');
      if ((await closedWithin(s, 100)) !== null) refusedAt = i;
      s.destroy();
    }
    // The burst, plus the one token a second that refilled while the loop ran.
    const refilled = Math.ceil((Date.now() - started) / 1_000);
    expect(refusedAt).toBeGreaterThanOrEqual(30);
    expect(refusedAt).toBeLessThanOrEqual(30 + refilled);
    // Another address is not affected.
    const other = await open(p.mqtt, '127.0.0.9');
    expect(await closedWithin(other, 100)).toBeNull();
    other.destroy();
  });
});

describe('a device behind the guard', () => {
  let tp: TestPlatform;
  let seeded: Seeded;
  beforeAll(async () => {
    tp = await startTestPlatform({ EDGENET_CONNECT_DEADLINE_MS: '1000' });
    seeded = await seedEnterprise(tp);
  });
  afterAll(() => tp?.close());

  it('keeps a device that sent CONNECT connected past the deadline', async () => {
    const d = await enrollTestDevice(tp, seeded.token);
    const client = await d.connect({ keepalive: 30 });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(client.connected).toBe(true);
    await d.heartbeat(client, 1);
  });
});

describe('60,000-character client ids', () => {
  let p: Awaited<ReturnType<typeof startLogged>>;
  beforeAll(async () => {
    p = await startLogged({});
  });
  afterAll(async () => {
    await p?.platform.close();
    await p?.db.drop();
  });

  it('refuses them with CONNACK 2 over MQTT 3.1.1, logging and keying a bounded id', async () => {
    const port = p.platform.mqttPort!;
    const before = p.log.bytes;
    const attempts = 100;
    const codes: (number | string)[] = [];
    for (let i = 0; i < attempts; i++) {
      const id = `${i}-${'x'.repeat(60_000)}`;
      codes.push(
        await new Promise<number | string>((resolve) => {
          // Id and user name together must stay under the 64 KiB packet cap, or the size guard cuts it first.
          const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
            clientId: id,
            username: `user-${i}`,
            password: 'p'.repeat(40),
            protocolVersion: 4,
            reconnectPeriod: 0,
          });
          c.once('connect', () => resolve('connected'));
          c.once('error', (err) => resolve((err as { code?: number }).code ?? err.message));
          c.once('close', () => setTimeout(() => resolve('closed'), 50));
        }),
      );
    }
    expect(new Set(codes)).toEqual(new Set([2]));
    // A raw CONNECT: protocol level 4, clean session, user name and password flags.
    const id = Buffer.from('r'.repeat(60_000));
    const str = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
    const body = Buffer.concat([
      str(Buffer.from('MQTT')),
      Buffer.from([4, 0xc2, 0, 60]),
      str(id),
      str(Buffer.from('someone')),
      str(Buffer.from('secret-secret')),
    ]);
    const len: number[] = [];
    for (let n = body.length; ; ) {
      const byte = n % 128;
      n = Math.floor(n / 128);
      len.push(n > 0 ? byte | 0x80 : byte);
      if (n === 0) break;
    }
    const sock = await open(port, '127.0.0.1');
    const reply = new Promise<Buffer>((resolve) => sock.once('data', resolve));
    sock.write(Buffer.concat([Buffer.from([0x10, ...len]), body]));
    expect([...(await reply)]).toEqual([0x20, 0x02, 0x00, 0x02]);
    sock.destroy();
    const grown = p.log.bytes - before;
    console.log(`client-id flood: ${attempts + 1} CONNECTs with 60,000-character ids grew the log by ${grown} bytes`);
    expect(grown).toBeLessThan(100 * 1024); // the ids themselves would be 6 MB
    expect(p.log.lines.every((l) => l.length < 2_000)).toBe(true);
  }, 60_000);
});

describe('HTTP bodies, limits and logs', () => {
  let p: Awaited<ReturnType<typeof startLogged>>;
  let base: string;
  beforeAll(async () => {
    p = await startLogged({ EDGENET_RATE_LIMIT_PUBLIC_PER_IP: '5', EDGENET_RATE_LIMIT_PROBE_PER_IP: '50' });
    base = `http://127.0.0.1:${p.platform.httpPort}`;
  });
  afterAll(async () => {
    await p?.platform.close();
    await p?.db.drop();
  });

  it('answers a 5,000-deep JSON body with 400 EDGENET_ERR_BODY_TOO_DEEP', async () => {
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const { token } = await seedEnterprise({ api } as unknown as TestPlatform);
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const body = `{"token":"${token}","kind":"compute_box","fingerprint":"${'a'.repeat(64)}","publicKey":"${'A'.repeat(43)}","agentVersion":"x","inventory":${deep}}`;
    const res = await fetch(`${base}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'EDGENET_ERR_BODY_TOO_DEEP' });
    // Brackets inside strings are text, not nesting.
    const quoted = await fetch(`${base}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: '['.repeat(5_000) }),
    });
    expect(quoted.status).toBe(400);
    expect(await quoted.json()).toMatchObject({ code: 'FST_ERR_VALIDATION' });
  });

  it('answers a large anonymous /enroll/bulk with 401 before reading its body', async () => {
    const sock = await open(p.platform.httpPort, '127.0.0.1');
    const answer = new Promise<string>((resolve) => {
      let text = '';
      sock.on('data', (c: Buffer) => (text += c.toString()));
      sock.once('close', () => resolve(text));
    });
    // Headers announcing 8 MiB, and not one byte of the body.
    sock.write('POST /api/v1/enroll/bulk HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 8388608\r\n\r\n');
    const text = await Promise.race([answer, new Promise<string>((r) => setTimeout(() => r('no answer within 3 s'), 3_000))]);
    sock.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 401/);
    expect(text).toMatch(/EDGENET_ERR_UNAUTHENTICATED/);
  });

  it('reads a large /enroll/bulk body for a caller whose Authorization carries the enrollment token', async () => {
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const { token } = await seedEnterprise({ api } as unknown as TestPlatform, { uscc: USCC[1], maxUses: 300 });
    const devices = Array.from({ length: 300 }, (_, i) => ({
      kind: 'compute_box',
      fingerprint: createHash('sha256').update(`large-${i}`).digest('hex'),
      publicKey: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x,
      agentVersion: 'sim',
      inventory: { note: 'n'.repeat(1_000) },
    }));
    const body = JSON.stringify({ token, devices });
    expect(body.length).toBeGreaterThan(256 * 1024);
    const anonymous = await fetch(`${base}/api/v1/enroll/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(anonymous.status).toBe(401);
    const shown = await fetch(`${base}/api/v1/enroll/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    expect(shown.status).toBe(201);
    expect(((await shown.json()) as { devices: unknown[] }).devices).toHaveLength(300);
  });

  it('limits /docs and the dashboard per address, with a separate limit for the probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${base}/docs/json`)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    expect((await fetch(`${base}/ca.pem`)).status).toBe(429);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    let probe = 200;
    for (let i = 0; i < 60 && probe === 200; i++) probe = (await fetch(`${base}/healthz`)).status;
    expect(probe).toBe(429);
  });

  it('cuts logged URLs short', async () => {
    const before = p.log.lines.length;
    await fetch(`${base}/api/v1/enterprises?x=${'u'.repeat(10_000)}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    const lines = p.log.lines.slice(before).filter((l) => l.includes('uuuu'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.length).toBeLessThan(1_500);
  });
});

describe('TLS suites and security headers', () => {
  let tp: TestPlatform;
  let ca: string;
  beforeAll(async () => {
    tp = await startTestPlatform({ EDGENET_HTTPS: 'true' });
    ca = readFileSync(join(tp.database.dataDir, 'tls', 'ca.pem'), 'utf8');
  });
  afterAll(() => tp?.close());

  /** What `openssl s_client` negotiates with one TLS 1.2 suite: the cipher, or null when refused. */
  async function negotiate(port: number, cipher: string): Promise<string | null> {
    const out = await run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-tls1_2', '-cipher', `${cipher}@SECLEVEL=0`], { timeout: 10_000 }).then(
      (r) => r.stdout,
      (e: { stdout?: string }) => e.stdout ?? '',
    );
    const m = /Cipher is (\S+)/.exec(out);
    return m && m[1] !== '(NONE)' ? m[1]! : null;
  }

  it('accepts only AEAD suites with ECDHE over TLS 1.2, on the API and on MQTTS', async () => {
    for (const port of [tp.platform.httpPort, tp.platform.mqttsPort]) {
      expect(await negotiate(port, 'AES128-SHA'), `AES128-SHA on ${port}`).toBeNull();
      expect(await negotiate(port, 'ECDHE-ECDSA-AES128-SHA'), `ECDHE-ECDSA-AES128-SHA (CBC, SHA-1) on ${port}`).toBeNull();
      expect(await negotiate(port, 'ECDHE-ECDSA-AES256-SHA384'), `ECDHE-ECDSA-AES256-SHA384 (CBC) on ${port}`).toBeNull();
      expect(await negotiate(port, 'ECDHE-ECDSA-AES128-GCM-SHA256'), `an AEAD suite on ${port}`).toBe('ECDHE-ECDSA-AES128-GCM-SHA256');
      expect(await negotiate(port, 'ECDHE-ECDSA-CHACHA20-POLY1305')).toBe('ECDHE-ECDSA-CHACHA20-POLY1305');
    }
  }, 60_000);

  function get(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: tp.platform.httpPort, path, ca, servername: 'localhost' }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends HSTS over HTTPS, and /docs with a CSP that forbids framing; the Swagger UI still loads', async () => {
    const health = await get('/healthz');
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    const docs = await get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(docs.body).toMatch(/swagger-ui-bundle\.js/);
    expect((await get('/docs/json')).status).toBe(200);
    expect((await get('/docs/static/swagger-ui-bundle.js')).status).toBe(200);
  });
});
