import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

// Ed25519 public keys (RFC 8032) travel and are stored raw, base64url (the JWK "x" value); a key id
// is the first 16 hex characters of SHA-256 over the raw 32 bytes — for devices and the platform alike.
export function publicKeyFromRaw(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

export function keyIdOf(rawPublicKey: string): string {
  return createHash('sha256').update(Buffer.from(rawPublicKey, 'base64url')).digest('hex').slice(0, 16);
}
