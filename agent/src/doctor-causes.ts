// The root causes doctor can name from a failed request to the platform, decided once so every
// later check that fails for the same reason stays quiet instead of giving advice that does not
// fit (a firewall for a clock, a new token for a certificate that is merely not yet valid).
// Pure: the caller supplies what it measured and the time.

/** Certificate checks that fail because of the device's clock, not the certificate (RFC 5280 §4.1.2.5). */
export const CLOCK_CERT_CODES = ['CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED'] as const;
export type ClockCertCode = (typeof CLOCK_CERT_CODES)[number];

/** The clock code in an error text from the TLS layer, if any. */
export function clockCertCode(text: string): ClockCertCode | null {
  return CLOCK_CERT_CODES.find((c) => text.includes(c)) ?? null;
}

/** A time as the person at the box reads it: local time with the zone (Intl, the system's zone). */
export function localTime(ms: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long' }).format(new Date(ms));
}

/** Errors an HTTP client sees when a plain http:// request reaches a server that speaks TLS. */
export function looksLikeTlsAnswer(reason: string): boolean {
  return /ECONNRESET|socket hang up|HPE_INVALID|Parse Error|Expected HTTP/i.test(reason);
}
