// Passwords are hashed with scrypt (RFC 7914) from node:crypto. Parameters: N = 2^15, r = 8,
// p = 1, a 16-byte random salt and a 32-byte key: 32 MiB of memory and some 50-100 ms per hash on
// one core, the interactive-login setting RFC 7914 §2 suggests, raised to OWASP's 2023 minimum
// (N = 2^15). The parameters are stored with each hash, so raising them later leaves old
// hashes verifiable: `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<key b64url>`.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const LOG2_N = 15; // N = 32,768
const R = 8; // block size
const P = 1; // parallelism
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_LOG2_N = 20; // a stored hash asking for more memory than 1 GiB is refused, not computed

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  // maxmem must exceed 128 · N · r bytes (Node's default of 32 MiB is exactly that for N = 2^15).
  const options: ScryptOptions = { N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, LOG2_N, R, P);
  return ['scrypt', LOG2_N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check of a password against a stored hash; false for a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every(Number.isInteger) || log2N < 1 || log2N > MAX_LOG2_N || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await derive(password, Buffer.from(parts[4]!, 'base64url'), log2N, r, p);
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/** A hash no password matches, verified against when the username is unknown (same cost, same time). */
export const DUMMY_HASH = `scrypt$${LOG2_N}$${R}$${P}$${Buffer.alloc(SALT_BYTES).toString('base64url')}$${Buffer.alloc(KEY_BYTES).toString('base64url')}`;
