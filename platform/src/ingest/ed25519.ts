// Ed25519 signature checks at ingest (RFC 8032 §5.1.7), the largest single cost of a stored
// heartbeat: every message is verified at the door, so a forgery is refused before it is stored.
//
// OpenSSL 3, which Node's crypto uses, verifies Ed25519 with its portable 32-bit field arithmetic:
// 106 µs per signature on this project's 2-core test machine (`openssl speed ed25519`: 10,035/s).
// libsodium's 64-bit implementation takes 52 µs for the same signature. sodium-native is
// libsodium's own Node binding (MIT, prebuilt for linux-x64 and linux-arm64, no install script).
//
// libsodium accepts no more than OpenSSL does: both refuse S ≥ L, and libsodium also refuses
// small-order keys and R points, where Debian's OpenSSL 3.0 (under Node 20) accepts the
// neutral-point key's one "signature" of every message (test/ed25519.test.ts checks the inputs). So every signature stored
// here also verifies with OpenSSL, as a bureau's scripts/verify-report.mjs re-checks it. Where the
// binding cannot load (a platform without a prebuild) the check falls back to node:crypto and the
// platform says so at start.
import { createRequire } from 'node:module';
import { verify, type KeyObject } from 'node:crypto';
import { ED25519_PUBLIC_KEY_BYTES, rawPublicKey } from '@edgenet/proto';

export const SIGNATURE_BYTES = 64;

interface Sodium {
  crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

export type Ed25519Backend = 'libsodium' | 'openssl';

export interface Ed25519Verifier {
  readonly backend: Ed25519Backend;
  /** True only when `signature` was made over `message` by `publicKey`'s private half. */
  verify(message: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean;
}

/** Node's crypto (OpenSSL): the fallback, and the reference the tests compare libsodium with. */
export const opensslVerifier: Ed25519Verifier = {
  backend: 'openssl',
  verify: (message, signature, publicKey) => signature.length === SIGNATURE_BYTES && verify(null, message, publicKey, signature),
};

/** libsodium through sodium-native, or null where the binding cannot load here. */
export function sodiumVerifier(): Ed25519Verifier | null {
  let sodium: Sodium;
  try {
    sodium = createRequire(import.meta.url)('sodium-native') as Sodium;
  } catch {
    return null;
  }
  // The raw 32 bytes of each device's key, exported once per KeyObject: the device registry keeps
  // one KeyObject per device for as long as it is cached.
  const raw = new WeakMap<KeyObject, Buffer>();
  const rawOf = (key: KeyObject): Buffer => {
    let bytes = raw.get(key);
    if (!bytes) {
      bytes = Buffer.from(rawPublicKey(key), 'base64url');
      if (bytes.length !== ED25519_PUBLIC_KEY_BYTES) throw new TypeError('not an Ed25519 public key');
      raw.set(key, bytes);
    }
    return bytes;
  };
  return {
    backend: 'libsodium',
    verify: (message, signature, publicKey) => signature.length === SIGNATURE_BYTES && sodium.crypto_sign_verify_detached(signature, message, rawOf(publicKey)),
  };
}

/** The fastest verifier that loads here: libsodium, else OpenSSL. */
export function ed25519Verifier(): Ed25519Verifier {
  return sodiumVerifier() ?? opensslVerifier;
}
