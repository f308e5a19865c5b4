// The TPM attestation step of enrollment (docs/tpm.md): what a device with a TPM 2.0 sends to
// POST /api/v1/enroll/challenge, what the platform answers, what the enrollment then carries, and the
// one rule both sides compute alike, the quote's qualifying data. Binary TPM structures travel as
// base64 of the bytes tpm2-tools reads and writes, so neither side re-encodes them.
import { createHash } from 'node:crypto';
import { schemaProblem, type JsonSchema } from './json-check.js';
import { DEVICE_ID_PATTERN } from './limits.js';

/** How a device proved it is a distinct box: a TPM's endorsement key, or only its own software. */
export const ATTESTATION_LEVELS = ['tpm', 'software'] as const;
export type AttestationLevel = (typeof ATTESTATION_LEVELS)[number];

/** The platform's nonce: 32 bytes, as TPM2B_DATA of a quote admits up to 64 (TPM 2.0 Part 2 §10.4.3). */
export const TPM_NONCE_BYTES = 32;

const QUOTE_DOMAIN = Buffer.from('edgenet/tpm-quote/v1\0');

/**
 * The quote's qualifyingData (TPM2_Quote extraData, TPM 2.0 Part 3 §18.4): SHA-256 over a domain tag,
 * the platform's nonce and the device's raw Ed25519 public key. The nonce makes the quote fresh; the
 * key makes it this enrollment's, so a quote cannot be carried over to a key the TPM never saw.
 */
export function quoteQualifyingData(nonce: Uint8Array, ed25519PublicKey: Uint8Array): Buffer {
  return createHash('sha256').update(QUOTE_DOMAIN).update(nonce).update(ed25519PublicKey).digest();
}

const SEAL_DOMAIN = Buffer.from('edgenet/tpm-seal/v1\0');

/**
 * The qualifying data of a heartbeat's TPM seal (Heartbeat.tpm_seal, docs/tpm.md "Sealed days"):
 * SHA-256 over a domain tag, the device id (ASCII), a zero byte and the heartbeat's prev_hash. The
 * quote thus says "this chip's AK vouched that the body hashing to prev_hash was this device's
 * latest", and through the hash chain for every heartbeat before it; the device id keeps a quote of
 * one device from being shown for another's chain.
 */
export function tpmSealQualifyingData(deviceId: string, prevHash: Uint8Array): Buffer {
  return createHash('sha256').update(SEAL_DOMAIN).update(deviceId, 'ascii').update(Buffer.of(0)).update(prevHash).digest();
}

// Sizes in base64 characters: an EK certificate is 1–2 KiB of DER, a TPM2B_PUBLIC and a quote a few
// hundred bytes, the credential blob about 340 bytes for an RSA-2048 EK.
export const base64Schema = (maxChars: number) => ({ type: 'string', minLength: 4, maxLength: maxChars, pattern: '^[A-Za-z0-9+/]+={0,2}$' }) as const;

/** The 201 answer of POST /api/v1/enroll/challenge. */
export const TPM_CHALLENGE_SCHEMA = {
  type: 'object',
  required: ['challengeId', 'nonce', 'credential', 'expiresAt'],
  properties: {
    challengeId: { type: 'string', pattern: DEVICE_ID_PATTERN.source },
    nonce: { ...base64Schema(128), description: 'to be quoted, through quoteQualifyingData' },
    credential: { ...base64Schema(4_096), description: 'MakeCredential output in the tpm2_activatecredential file format, base64' },
    expiresAt: { type: 'string', description: 'ISO 8601; enroll before then' },
  },
} as const satisfies JsonSchema;

/** The `tpm` member of an enrollment request: the challenge answered. */
export const TPM_ATTESTATION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['challengeId', 'secret', 'quote', 'signature'],
  properties: {
    challengeId: { type: 'string', pattern: DEVICE_ID_PATTERN.source },
    secret: { ...base64Schema(128), description: 'what TPM2_ActivateCredential recovered, base64' },
    quote: { ...base64Schema(2_048), description: 'TPMS_ATTEST of the quote (tpm2_quote -m), base64' },
    signature: { ...base64Schema(2_048), description: "the AK's signature over it (tpm2_quote -s -f plain), base64" },
  },
} as const satisfies JsonSchema;

export interface TpmChallenge {
  challengeId: string;
  nonce: string;
  credential: string;
  expiresAt: string;
}

export interface TpmAttestation {
  challengeId: string;
  secret: string;
  quote: string;
  signature: string;
}

/** The platform's answer checked against TPM_CHALLENGE_SCHEMA: the challenge, or why it is not one. */
export function checkTpmChallenge(body: unknown): { ok: true; challenge: TpmChallenge } | { ok: false; reason: string } {
  const problem = schemaProblem(TPM_CHALLENGE_SCHEMA, body);
  return problem ? { ok: false, reason: problem } : { ok: true, challenge: body as TpmChallenge };
}
