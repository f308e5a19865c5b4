// TOTP against the test vectors of RFC 6238 Appendix B (SHA-1, SHA-256 and SHA-512 with their
// seeds, 8 digits) and of RFC 4226 Appendix D (HOTP, 6 digits), then the window and replay rules.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totp, totpStep, verifyTotp } from '../src/auth/totp.js';

const SEED = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
// RFC 6238 Appendix B: time (s), then the SHA-1, SHA-256 and SHA-512 codes.
const RFC6238: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];
const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  it('gives the codes of RFC 6238 Appendix B', () => {
    for (const [seconds, sha1, sha256, sha512] of RFC6238) {
      expect(totp(SEED.sha1, seconds * 1000, 8, 'sha1'), `SHA-1 at ${seconds}`).toBe(sha1);
      expect(totp(SEED.sha256, seconds * 1000, 8, 'sha256'), `SHA-256 at ${seconds}`).toBe(sha256);
      expect(totp(SEED.sha512, seconds * 1000, 8, 'sha512'), `SHA-512 at ${seconds}`).toBe(sha512);
    }
  });

  it('gives the codes of RFC 4226 Appendix D', () => {
    expect(RFC4226.map((_, counter) => hotp(SEED.sha1, counter))).toEqual(RFC4226);
  });

  it('round-trips base32 (RFC 4648 §10 vectors) and refuses other characters', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======')?.toString()).toBe('foobar');
    expect(base32Decode('mzxw6ytboi')?.toString()).toBe('foobar');
    expect(base32Decode('MZXW6YTBO1')).toBeNull();
  });

  it('accepts one step of drift either way, and never the same or an earlier step twice', () => {
    const secret = base32Encode(SEED.sha1);
    const now = 1_111_111_111_000;
    const step = totpStep(now);
    const at = (s: number) => hotp(SEED.sha1, s);
    expect(verifyTotp(secret, at(step), now, null)).toBe(step);
    expect(verifyTotp(secret, at(step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(secret, at(step + 1), now, null)).toBe(step + 1);
    expect(verifyTotp(secret, at(step - 2), now, null)).toBeNull();
    expect(verifyTotp(secret, at(step), now, step)).toBeNull(); // replayed
    expect(verifyTotp(secret, at(step - 1), now, step - 1)).toBeNull();
    expect(verifyTotp(secret, at(step + 1), now, step)).toBe(step + 1);
    expect(verifyTotp(secret, '12345', now, null)).toBeNull();
  });
});
