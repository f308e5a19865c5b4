// Ed25519 public keys (RFC 8032) travel and are stored raw, 32 bytes in base64url (the JWK "x"
// member, RFC 8037 §2); a key id is the first 16 hex characters of SHA-256 over those 32 bytes, for
// devices and the platform alike. Converted through DER, not JWK: KeyObject.export({format:'jwk'})
// was seen to hang on Node 20 under GC pressure.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

// SubjectPublicKeyInfo for id-Ed25519 (RFC 8410 §4): this 12-byte prefix, then the raw key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
export const ED25519_PUBLIC_KEY_BYTES = 32;

/** The raw 32-byte public key of an Ed25519 key (public, or private: its public half), base64url. */
export function rawPublicKey(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`not an Ed25519 key: ${publicKey.asymmetricKeyType}`);
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return der.subarray(ED25519_SPKI_PREFIX.length).toString('base64url');
}

/** The KeyObject of a raw base64url Ed25519 public key; throws on anything that is not 32 bytes. */
export function publicKeyFromRaw(raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64url');
  if (bytes.length !== ED25519_PUBLIC_KEY_BYTES || bytes.toString('base64url') !== raw) {
    throw new TypeError(`an Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes of base64url`);
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
}

/** Short key id for humans and reports: first 16 hex chars of SHA-256 over the raw public key. */
export function keyIdOf(raw: string): string {
  return createHash('sha256').update(Buffer.from(raw, 'base64url')).digest('hex').slice(0, 16);
}
