// Time-based one-time passwords, the optional second factor: TOTP (RFC 6238) over HOTP (RFC 4226)
// with HMAC-SHA1, 30-second steps and 6 digits, what every authenticator app speaks by default.
// The shared secret is 160 random bits (RFC 4226 §4 R6 recommends 160), shown to the person once as
// base32 (RFC 4648 §6) inside an otpauth:// URI. Pure: the time comes in as an argument.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_S = 30; // RFC 6238 §5.2 default time step X
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1; // steps either side accepted for clock drift (RFC 6238 §5.2 advises one)
const SECRET_BYTES = 20; // 160 bits
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case and padding ignored); null for any other character. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** HOTP (RFC 4226 §5.3): HMAC of the 8-byte counter, dynamic truncation, the low `digits` digits. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The time step T of RFC 6238 §4.2 for a time in milliseconds (T0 = 0). */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_S);
}

export function totp(key: Buffer, nowMs: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  return hotp(key, totpStep(nowMs), digits, algorithm);
}

/**
 * Checks a code within ±TOTP_WINDOW steps. A step at or before `lastStep` is refused, so a code
 * seen once (over a shoulder, in a proxy log) cannot sign in again (RFC 6238 §5.2). Returns the step
 * matched, to be stored as the new lastStep, or null.
 */
export function verifyTotp(secret: string, code: string, nowMs: number, lastStep: number | null): number | null {
  const key = base32Decode(secret);
  if (!key || !/^\d{6}$/.test(code)) return null;
  const now = totpStep(nowMs);
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) return step;
  }
  return null;
}

export function otpauthUri(username: string, secret: string): string {
  const label = encodeURIComponent(`edgenet:${username}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=edgenet&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_S}`;
}
