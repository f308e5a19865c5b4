// Issue #3, encryption: MQTT over TLS and HTTPS with a CA the platform makes on its first start
// (kept in EDGENET_DATA_DIR/tls, key files 0600), or with certificate files. A client that pins the
// CA connects; one that trusts another CA, or only the system's, is refused.
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { tlsHandshake } from '../../test/helpers/tls-handshake.js';
import { createCa, createServerCertificate } from '../src/tls/issue.js';
import { loadConfig } from '../src/config.js';
import { startPlatform } from '../src/platform.js';
import { pino } from 'pino';

const TLS_ON = { EDGENET_HTTPS: 'true', EDGENET_MQTT_PLAIN: 'false' };
let tp: TestPlatform;
let ca: string;

beforeAll(async () => {
  tp = await startTestPlatform(TLS_ON);
  ca = readFileSync(join(tp.database.dataDir, 'tls', 'ca.pem'), 'utf8');
});
afterAll(() => tp?.close());

function https(
  path: string,
  opts: { ca?: string; method?: string; body?: unknown; token?: string; insecure?: boolean } = {},
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: tp.platform.httpPort,
        path,
        method: opts.method ?? 'GET',
        ca: opts.ca,
        servername: 'localhost',
        rejectUnauthorized: !opts.insecure,
        headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text.startsWith('{') ? JSON.parse(text) : text }));
      },
    );
    req.on('error', reject);
    req.end(opts.body ? JSON.stringify(opts.body) : undefined);
  });
}

function mqttsConnect(url: string, options: mqtt.IClientOptions): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5_000, protocolVersion: 4, ...options });
    client.once('connect', () => {
      client.end(true);
      resolve('connected');
    });
    client.once('error', (err) => {
      client.end(true);
      resolve((err as NodeJS.ErrnoException).code ?? err.message);
    });
    client.once('close', () => resolve('closed'));
  });
}

describe('TLS', () => {
  it('creates a CA and a server certificate once, with private keys readable by the owner only', () => {
    const dir = join(tp.database.dataDir, 'tls');
    for (const key of ['ca-key.pem', 'server-key.pem']) expect(statSync(join(dir, key)).mode & 0o777).toBe(0o600);
    const caCert = new X509Certificate(ca);
    expect(caCert.ca).toBe(true);
    expect(tp.platform.context.tls.caFingerprint).toBe(caCert.fingerprint256);
    const server = new X509Certificate(readFileSync(join(dir, 'server.pem')));
    expect(server.checkIssued(caCert) && server.verify(caCert.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('serves the API over HTTPS to a client that pins the CA, and refuses one that does not', async () => {
    expect(tp.platform.httpScheme).toBe('https');
    expect((await https('/healthz', { ca })).body).toEqual({ status: 'ok' });
    await expect(https('/healthz')).rejects.toThrow(/self[- ]signed|unable to verify/i);
    // How a device bootstraps: fetch the CA unverified, accept it only if the fingerprint it was
    // given out of band matches, then pin it.
    const fetched = await https('/ca.pem', { insecure: true });
    expect(new X509Certificate(fetched.body).fingerprint256).toBe(tp.platform.context.tls.caFingerprint);
  }, 30_000);

  it('gives the MQTTS address and the CA fingerprint at enrollment; only the pinned CA connects', async () => {
    const seeded = await seedEnterprise({
      ...tp,
      api: (method, path, body, token = OPERATOR_TOKEN) => https(path, { ca, method, body, token: token ?? undefined }),
    });
    const { publicKey } = generateKeyPairSync('ed25519');
    const res = await https('/api/v1/enroll', {
      ca,
      method: 'POST',
      body: {
        token: seeded.token,
        kind: 'server',
        fingerprint: '9'.repeat(64),
        publicKey: publicKey.export({ format: 'jwk' }).x,
        agentVersion: '1',
        inventory: {},
      },
    });
    expect(res.status).toBe(201);
    const m = res.body.mqtt;
    expect(m.tlsUrl).toBe(`mqtts://127.0.0.1:${tp.platform.mqttsPort}`);
    expect(m.url).toBe(m.tlsUrl); // plain MQTT is off
    expect(m.caFingerprint).toBe(new X509Certificate(ca).fingerprint256);
    expect(m.caCertificate).toBe(ca);
    expect(tp.platform.mqttPort).toBeNull();

    const creds = { clientId: m.clientId, username: m.username, password: m.password };
    expect(await mqttsConnect(m.tlsUrl, { ...creds, ca, servername: 'localhost' })).toBe('connected');
    const other = await createCa('somebody else');
    expect(await mqttsConnect(m.tlsUrl, { ...creds, ca: other.cert, servername: 'localhost' })).toMatch(
      /SELF_SIGNED|UNABLE_TO_VERIFY|unable to verify|self[- ]signed/i,
    );
    expect(await mqttsConnect(m.tlsUrl, { ...creds, servername: 'localhost' })).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|unable to verify|self[- ]signed/i);
    // A plain-TCP client finds nothing on the plain port setting.
    expect(await mqttsConnect(`mqtt://127.0.0.1:${tp.platform.mqttsPort}`, creds)).not.toBe('connected');
  }, 30_000);

  it('resumes TLS sessions on HTTPS as on MQTTS, but never a ticket from the other listener', async () => {
    // RFC 8446 §2.2 resumption; the session id context names the listener (src/tls/policy.ts), so
    // a ticket both listeners could decrypt still resumes only where it was issued.
    const https = await tlsHandshake(tp.platform.httpPort, ca);
    expect((await tlsHandshake(tp.platform.httpPort, ca, https.ticket)).resumed).toBe(true);
    const mqtts = await tlsHandshake(tp.platform.mqttsPort, ca);
    expect((await tlsHandshake(tp.platform.mqttsPort, ca, mqtts.ticket)).resumed).toBe(true);
    expect((await tlsHandshake(tp.platform.httpPort, ca, mqtts.ticket)).resumed).toBe(false);
    expect((await tlsHandshake(tp.platform.mqttsPort, ca, https.ticket)).resumed).toBe(false);
  });

  it('keeps the CA across restarts and re-issues the server certificate for a new name', async () => {
    const before = tp.platform.context.tls.caFingerprint;
    const again = await startTestPlatform({ ...TLS_ON, EDGENET_TLS_SAN: 'edge.example.cn' }, tp.database);
    try {
      expect(again.platform.context.tls.caFingerprint).toBe(before);
      const server = new X509Certificate(readFileSync(join(tp.database.dataDir, 'tls', 'server.pem')));
      expect(server.checkHost('edge.example.cn')).toBe('edge.example.cn');
    } finally {
      await again.platform.close(); // the database stays for tp
    }
  });

  it('uses certificate files when given, and refuses a key that does not match', async () => {
    const fileCa = await createCa('file CA');
    const server = await createServerCertificate(fileCa, ['localhost', '127.0.0.1']);
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tp.database.dataDir, 'files-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const files = {
      EDGENET_TLS_CERT: write('cert.pem', server.cert),
      EDGENET_TLS_KEY: write('key.pem', server.key),
      EDGENET_TLS_CA: write('ca.pem', fileCa.cert),
    };
    const { loadTlsMaterial } = await import('../src/tls/material.js');
    const base = { EDGENET_DATA_DIR: dir };
    const material = await loadTlsMaterial(loadConfig({ ...base, ...files }));
    expect(material).toMatchObject({ source: 'files', caFingerprint: new X509Certificate(fileCa.cert).fingerprint256 });

    const wrongKey = { ...files, EDGENET_TLS_KEY: write('other-key.pem', (await createServerCertificate(fileCa, ['x'])).key) };
    await expect(loadTlsMaterial(loadConfig({ ...base, ...wrongKey }))).rejects.toMatchObject({ code: 'EDGENET_ERR_TLS', message: /is not the key of/ });
    const wrongCa = { ...files, EDGENET_TLS_CA: write('other-ca.pem', (await createCa('other')).cert) };
    await expect(loadTlsMaterial(loadConfig({ ...base, ...wrongCa }))).rejects.toMatchObject({ code: 'EDGENET_ERR_TLS', message: /is not issued by/ });
    expect(() => loadConfig({ EDGENET_TLS_CERT: files.EDGENET_TLS_CERT })).toThrow(/must be set together/);
    // A platform refuses to start on such files (and says why) rather than serving without TLS.
    await expect(
      startPlatform(loadConfig({ ...base, ...wrongKey, EDGENET_HTTP_PORT: '0', EDGENET_MQTTS_PORT: '0' }), pino({ level: 'silent' })),
    ).rejects.toMatchObject({ code: 'EDGENET_ERR_TLS' });
  });
});
