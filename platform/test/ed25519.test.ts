// Ed25519 at ingest (src/ingest/ed25519.ts): libsodium loads on this machine, and it never accepts
// a signature OpenSSL refuses — a bureau re-checks stored signatures with Node's crypto
// (scripts/verify-report.mjs), so a looser check at ingest would store evidence that fails there.
import { createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Ed25519Verifier, opensslVerifier, sodiumVerifier } from '../src/ingest/ed25519.js';

// The group order L (RFC 8032 §5.1), little-endian as S is encoded.
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const toLe = (n: bigint): Buffer => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse();
const fromLe = (b: Uint8Array): bigint => BigInt(`0x${Buffer.from(b).reverse().toString('hex')}`);
const rawKey = (raw: Buffer) => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

function sodium(): Ed25519Verifier {
  const v = sodiumVerifier();
  if (!v) throw new Error('sodium-native did not load: the platform would fall back to OpenSSL');
  return v;
}

describe('Ed25519 verification at ingest', () => {
  it('loads libsodium here, not the OpenSSL fallback', () => {
    expect(sodium().backend).toBe('libsodium');
  });

  it('agrees with OpenSSL on valid, altered and misattributed signatures', () => {
    const fast = sodium();
    const other = generateKeyPairSync('ed25519').publicKey;
    for (let i = 0; i < 200; i++) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const message = randomBytes(1 + (i % 120));
      const signature = sign(null, message, privateKey);
      const altered = Buffer.from(signature);
      altered[i % 64]! ^= 1 << (i % 8);
      const flipped = Buffer.from(message);
      flipped[0]! ^= 1;
      const cases: [Uint8Array, Uint8Array, typeof publicKey, boolean][] = [
        [message, signature, publicKey, true],
        [message, altered, publicKey, false],
        [flipped, signature, publicKey, false],
        [message, signature, other, false],
        [message, signature.subarray(0, 63), publicKey, false],
      ];
      for (const [m, s, k, expected] of cases) {
        expect(fast.verify(m, s, k)).toBe(expected);
        expect(opensslVerifier.verify(m, s, k)).toBe(expected);
      }
    }
  });

  it('refuses a non-canonical S (S + L), as OpenSSL does (RFC 8032 §5.1.7 step 1)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const message = Buffer.from('heartbeat');
    const signature = sign(null, message, privateKey);
    const malleated = Buffer.concat([signature.subarray(0, 32), toLe(fromLe(signature.subarray(32)) + L)]);
    expect(sodium().verify(message, malleated, publicKey)).toBe(false);
    expect(opensslVerifier.verify(message, malleated, publicKey)).toBe(false);
  });

  it('refuses the small-order key that "signs" every message, whatever OpenSSL answers', () => {
    // A = the neutral point (y = 1), R = the neutral point, S = 0: [S]B = R + [k]A holds for every
    // message, so one 64-byte value passes as a signature of anything. libsodium refuses small-order
    // A and R. OpenSSL's answer depends on its version: Debian's OpenSSL 3.0 under Node 20 accepts
    // it, the OpenSSL that Node 24 bundles refuses it; so only libsodium's answer is asserted.
    const neutral = toLe(1n);
    const key = rawKey(neutral);
    const signature = Buffer.concat([neutral, Buffer.alloc(32)]);
    for (const message of [Buffer.from('one'), Buffer.from('another')]) {
      expect(sodium().verify(message, signature, key)).toBe(false);
    }
  });
});
