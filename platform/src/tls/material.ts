// The TLS certificate and key the platform serves on MQTTS (and HTTPS when enabled), and the CA that
// devices pin. From EDGENET_TLS_CERT/KEY/CA when set; otherwise a CA and server certificate made on
// the first start and kept in dataDir/tls (key files 0600), so the fingerprint devices pinned stays
// valid across restarts. A server certificate that no longer covers the configured names, or has
// less than 30 days left, is re-issued from the same CA at start.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { PlatformConfig } from '../config.js';
import { PlatformError } from '../errors.js';
import { createCa, createServerCertificate } from './issue.js';
import { TicketKeys } from './ticket-keys.js';

const RENEW_BEFORE_MS = 30 * 86_400_000; // 30 days

export interface TlsMaterial {
  /** Server certificate followed by the CA, so a client can see the whole chain. */
  cert: string;
  key: string;
  ca: string;
  /** SHA-256 of the CA certificate's DER, colon-separated hex, as `openssl x509 -fingerprint -sha256` prints it. */
  caFingerprint: string;
  source: 'files' | 'generated';
  /** Where the CA certificate is, for the start banner. */
  caPath: string;
  /** The session-ticket key both listeners share, kept in dataDir/tls (tls/ticket-keys.ts). */
  ticketKeys: TicketKeys;
}

export async function loadTlsMaterial(config: Readonly<PlatformConfig>): Promise<TlsMaterial> {
  const dir = join(config.dataDir, 'tls');
  const material =
    config.tlsCert && config.tlsKey && config.tlsCa ? fromFiles(config.tlsCert, config.tlsKey, config.tlsCa) : await generated(dir, serverNames(config));
  return { ...material, ticketKeys: ticketKeysIn(dir) };
}

function ticketKeysIn(dir: string): TicketKeys {
  try {
    return new TicketKeys(dir);
  } catch (err) {
    throw new PlatformError('EDGENET_ERR_TLS', `cannot create or read the session-ticket key in ${dir}: ${(err as Error).message}`, { cause: err });
  }
}

function serverNames(config: Readonly<PlatformConfig>): string[] {
  const names = ['localhost', '127.0.0.1', '::1', hostname(), ...config.tlsSan];
  for (const url of [config.mqttPublicUrl, config.mqttsPublicUrl]) if (url) names.push(new URL(url).hostname.replace(/^\[|\]$/g, ''));
  if (config.httpHost !== '0.0.0.0' && config.httpHost !== '::') names.push(config.httpHost);
  return [...new Set(names.filter(Boolean))];
}

function fromFiles(certPath: string, keyPath: string, caPath: string): Omit<TlsMaterial, 'ticketKeys'> {
  try {
    const cert = readFileSync(certPath, 'utf8');
    const key = readFileSync(keyPath, 'utf8');
    const ca = readFileSync(caPath, 'utf8');
    const leaf = new X509Certificate(cert);
    const caCert = new X509Certificate(ca);
    if (!leaf.checkPrivateKey(createPrivateKey(key))) throw new Error(`${keyPath} is not the key of ${certPath}`);
    // The CA devices pin must vouch for the server certificate, directly or through an intermediate
    // sent in the same file (RFC 5280 §6.1).
    const chain = cert
      .split(/(?=-----BEGIN CERTIFICATE-----)/)
      .filter((p) => p.includes('BEGIN CERTIFICATE'))
      .map((p) => new X509Certificate(p));
    if (!chain.some((c) => c.checkIssued(caCert) && c.verify(caCert.publicKey))) throw new Error(`${certPath} is not issued by ${caPath}`);
    return { cert, key, ca, caFingerprint: caCert.fingerprint256, source: 'files', caPath };
  } catch (err) {
    throw new PlatformError('EDGENET_ERR_TLS', `cannot use the TLS files: ${(err as Error).message}`, { cause: err });
  }
}

async function generated(dir: string, names: string[]): Promise<Omit<TlsMaterial, 'ticketKeys'>> {
  const paths = { caCert: join(dir, 'ca.pem'), caKey: join(dir, 'ca-key.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server-key.pem') };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!existsSync(paths.caCert) || !existsSync(paths.caKey)) {
      const ca = await createCa('edgenet platform CA');
      writePrivate(paths.caKey, ca.key);
      writePublic(paths.caCert, ca.cert);
    }
    const ca = { cert: readFileSync(paths.caCert, 'utf8'), key: readFileSync(paths.caKey, 'utf8') };
    const caCert = new X509Certificate(ca.cert);
    if (!existsSync(paths.cert) || !existsSync(paths.key) || !stillGood(readFileSync(paths.cert, 'utf8'), caCert, names)) {
      const server = await createServerCertificate(ca, names);
      writePrivate(paths.key, server.key);
      writePublic(paths.cert, server.cert);
    }
    const cert = readFileSync(paths.cert, 'utf8');
    return {
      cert: `${cert.trimEnd()}\n${ca.cert}`,
      key: readFileSync(paths.key, 'utf8'),
      ca: ca.cert,
      caFingerprint: caCert.fingerprint256,
      source: 'generated',
      caPath: paths.caCert,
    };
  } catch (err) {
    throw new PlatformError('EDGENET_ERR_TLS', `cannot create or read the generated certificates in ${dir}: ${(err as Error).message}`, { cause: err });
  }
}

function stillGood(pem: string, ca: X509Certificate, names: string[]): boolean {
  const cert = new X509Certificate(pem);
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return false;
  if (new Date(cert.validTo).getTime() - Date.now() < RENEW_BEFORE_MS) return false;
  return names.every((n) => (isIP(n) ? cert.checkIP(n) : cert.checkHost(n)) !== undefined);
}

/** Key files are written 0600 and renamed into place, so a crash never leaves half a key. */
function writePrivate(path: string, pem: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function writePublic(path: string, pem: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o644 });
  renameSync(tmp, path);
}
