// doctor names one root cause once, with the action that fits it, against a real HTTPS server
// whose certificate (made here with openssl, signed by a CA the device pins) starts in 2031: the
// device clock is then "behind the certificate", which is a clock problem, not a trust problem.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CA_FILE } from '../src/ca-pin.js';
import { formatClockOffset } from '../src/clock.js';
import { runDoctor } from '../src/doctor.js';
import { writeEnrolledState } from './helpers/state-dir.js';

const dir = mkdtempSync(join(tmpdir(), 'edge-agent-doctor-causes-'));
let server: Server;
let port = 0;
let caPem = '';

beforeAll(async () => {
  const at = (f: string): string => join(dir, f);
  const ssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '3650',
    '-subj',
    '/CN=doctor test CA',
  );
  ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  mkdirSync(at('issued'));
  writeFileSync(at('index.txt'), '');
  writeFileSync(at('serial'), '01\n');
  writeFileSync(at('san.cnf'), 'subjectAltName = IP:127.0.0.1\n');
  writeFileSync(
    at('ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir/issued',
      'serial = $dir/serial',
      'default_md = sha256',
      'policy = any',
      'copy_extensions = none',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  // Valid from 2031: `openssl ca -startdate` (openssl req/x509 cannot set notBefore in OpenSSL 3.0).
  ssl(
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-cert',
    'ca.pem',
    '-keyfile',
    'ca.key',
    '-in',
    'server.csr',
    '-out',
    'server.pem',
    '-startdate',
    '310101000000Z',
    '-enddate',
    '320101000000Z',
    '-extfile',
    'san.cnf',
    '-notext',
  );
  caPem = readFileSync(at('ca.pem'), 'utf8');
  server = createServer({ key: readFileSync(at('server.key')), cert: readFileSync(at('server.pem')) }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function pinnedState(platformUrl: string) {
  const fingerprint = new X509Certificate(caPem).fingerprint256;
  const state = writeEnrolledState({
    mqttUrl: `mqtt://127.0.0.1:${port}`,
    agent: { platformUrl, mqttTlsUrl: `mqtts://127.0.0.1:${port}`, caFingerprint: fingerprint },
  });
  writeFileSync(join(state.dir, CA_FILE), caPem);
  return state;
}

describe('edge-agent doctor', () => {
  it('blames the device clock, once, for a certificate not yet valid, and sends nobody for a new token', async () => {
    const state = pinnedState(`https://127.0.0.1:${port}`);
    const checks = await runDoctor(state.dir, {}, null);
    const failed = checks.filter((c) => c.status === 'fail');
    expect(
      failed.map((c) => c.name),
      JSON.stringify(checks, null, 2),
    ).toEqual(['time']);
    expect(failed[0]!.message).toMatch(/^The device clock reads .+, before the start date of the platform's certificate \(CERT_NOT_YET_VALID\)/);
    expect(failed[0]!.message).toContain('no new token is needed');
    for (const c of checks) expect(c.message).not.toMatch(/enroll again|firewall|new fingerprint/);
  });

  it('says an http:// platform URL meets a port that speaks HTTPS, instead of ECONNRESET', async () => {
    const state = pinnedState(`http://127.0.0.1:${port}`);
    const checks = await runDoctor(state.dir, {}, null);
    const platform = checks.find((c) => c.name === 'platform');
    expect(platform).toMatchObject({ status: 'fail' });
    expect(platform!.message).toBe(
      `The platform at http://127.0.0.1:${port} speaks HTTPS on that port, not plain HTTP: enroll again with --platform https://127.0.0.1:${port} and --ca-fingerprint.`,
    );
  });

  it('gives the clock offset the way people say it: a clock ahead is +', () => {
    // ClockJudge.offsetMs is the platform's clock minus the device's.
    expect(formatClockOffset(-90_000)).toBe("+90 s (ahead of the platform's)");
    expect(formatClockOffset(90_000)).toBe("-90 s (behind the platform's)");
    expect(formatClockOffset(200)).toBe("within 1 s of the platform's");
  });
});
