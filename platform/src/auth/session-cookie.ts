// The session cookie and its CSRF token. The cookie is HttpOnly (scripts cannot read it), Secure
// (browsers send it only over HTTPS, and over http://localhost, which they treat as secure:
// RFC 6265bis §5.8.3 / Chromium ≥ 89, Firefox ≥ 75), SameSite=Strict (no other site's page makes
// the browser send it: RFC 6265bis §8.8.2) and Path=/. No Max-Age: it lives as long as the
// browser's session and the server's expiry, whichever ends first.
// CSRF defence in depth: a state-changing request made with the cookie must also carry
// x-csrf-token, HMAC-SHA256(session secret, "csrf"). Another origin can neither read it (no CORS)
// nor compute it (the secret is HttpOnly), and the server needs to store nothing to check it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'edgenet_session';
export const CSRF_HEADER = 'x-csrf-token';

export function sessionCookie(secret: string): string {
  return `${SESSION_COOKIE}=${secret}; HttpOnly; Secure; SameSite=Strict; Path=/`;
}

/** Expires the cookie at once (RFC 6265 §5.3: a Max-Age of zero or less). */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0`;
}

/** The session secret from a Cookie header, or null. */
export function sessionSecretFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{16,200}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function csrfTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('csrf').digest('base64url');
}

export function csrfMatches(secret: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(csrfTokenFor(secret));
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
