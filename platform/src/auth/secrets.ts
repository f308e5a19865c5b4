import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Every secret the platform issues (API tokens, enrollment tokens, MQTT passwords) is 256 random
// bits. With that much entropy a single SHA-256 is as strong as a slow password hash and costs a
// microsecond, so a reconnect storm of 100,000 devices is not throttled by checking credentials.
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string | Buffer): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret against a stored hash. */
export function secretMatches(secret: string | Buffer, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
