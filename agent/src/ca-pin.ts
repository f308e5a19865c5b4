// The platform's CA, pinned (docs/threat-model.md "network attacker"). The operator hands
// the device the CA's SHA-256 fingerprint with its enrollment token; the agent accepts a CA
// certificate only if SHA-256 of its DER equals that fingerprint, keeps it as ca.pem in the state
// directory, and from then on trusts only that CA for HTTPS and MQTTS to the platform.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CA_FILE = 'ca.pem';

/** A CA certificate whose fingerprint has been computed from its own DER. */
export interface PinnedCa {
  /** Exactly one certificate, re-encoded from its DER (nothing else from the source is kept). */
  pem: string;
  /** Colon-separated uppercase hex SHA-256, as openssl x509 -fingerprint -sha256 prints it. */
  fingerprint: string;
}

// `openssl x509 -fingerprint -sha256` prints "sha256 Fingerprint=AA:BB:…"; operators paste that too.
const OPENSSL_LABEL = /^(?:sha-?256\s*(?:fingerprint)?\s*[=:]\s*)/i;

/**
 * The fingerprint in the form Node and openssl print (`AA:BB:…`, 32 pairs), from colon-separated or
 * plain hex in any case; null when it is not a SHA-256 fingerprint.
 */
export function normalizeCaFingerprint(input: string): string | null {
  const text = input.trim().replace(OPENSSL_LABEL, '');
  const hex = /^[0-9a-f]{2}(?::[0-9a-f]{2}){31}$/i.test(text) ? text.replaceAll(':', '') : text;
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** Equality of two fingerprints in any accepted form (false when either is not one). */
export function sameFingerprint(a: string, b: string): boolean {
  const x = normalizeCaFingerprint(a);
  return x !== null && x === normalizeCaFingerprint(b);
}

/**
 * Parses PEM text holding exactly one certificate. More than one is refused: `ca` in node:tls trusts
 * every certificate it is given, so a second one appended after the pinned CA would be trusted
 * without having been checked against the fingerprint.
 */
export function parseCaCertificate(pem: string, where: string): PinnedCa | string {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return `${where} holds no PEM certificate`;
  if (blocks.length > 1) return `${where} holds ${blocks.length} certificates; the pinned CA must be exactly one`;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(blocks[0]!);
  } catch (err) {
    return `${where} is not a readable certificate (${(err as Error).message})`;
  }
  return { pem: cert.toString(), fingerprint: cert.fingerprint256 };
}

/** Reads a CA file given on the command line (--ca); a problem is returned as text. */
export function readCaFile(path: string): PinnedCa | string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return `--ca: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  return parseCaCertificate(text, `--ca ${path}`);
}

/**
 * The CA pinned in a state directory: ca.pem, checked against the fingerprint agent.json recorded.
 * undefined when neither exists (an enrollment without a pin, or one made before pinning existed).
 * A recorded fingerprint without ca.pem is an error, not a fallback to plain MQTT: deleting a file
 * must never turn verification off.
 */
export function loadPinnedCa(stateDir: string, recorded: string | undefined): { ca?: PinnedCa; problem?: string } {
  const path = join(stateDir, CA_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { problem: `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
    }
  }
  if (text === undefined) {
    return recorded === undefined ? {} : { problem: `${path} is missing but agent.json pins CA ${recorded}; enroll again with --ca-fingerprint` };
  }
  const ca = parseCaCertificate(text, path);
  if (typeof ca === 'string') return { problem: ca };
  if (recorded !== undefined && !sameFingerprint(recorded, ca.fingerprint)) {
    return { problem: `${path} has fingerprint ${ca.fingerprint}, but agent.json pins ${recorded}; enroll again with --ca-fingerprint` };
  }
  return { ca };
}
