// The TLS versions and cipher suites both listeners (MQTTS and HTTPS) accept: TLS 1.3, and TLS 1.2
// with ECDHE key exchange and an AEAD cipher only (AES-GCM, ChaCha20-Poly1305) — the suites of AWS
// IoT Core's default security policy IoTSecurityPolicy_TLS13_1_2_2022_10, and RFC 9325 §4.2's
// recommendation. No CBC, no SHA-1 MAC, no static-RSA key exchange (no forward secrecy).
import type { SecureContextOptions, TlsOptions } from 'node:tls';
import { TICKET_LIFETIME_S, type TicketKeys } from './ticket-keys.js';

// TLS 1.3 suites are all AEAD (RFC 8446 §9.1); OpenSSL takes them in `ciphersuites`, which Node
// fills from the same `ciphers` string when the names start with TLS_.
const TLS13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
const TLS12_AEAD = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
];

export const TLS_POLICY = {
  minVersion: 'TLSv1.2', // RFC 8996 deprecates 1.0 and 1.1
  ciphers: [...TLS13, ...TLS12_AEAD].join(':'),
  honorCipherOrder: true, // the server's order: AES-GCM first, where the hardware accelerates it
} as const satisfies Pick<SecureContextOptions, 'minVersion' | 'ciphers' | 'honorCipherOrder'>;

/**
 * Session resumption by ticket (tls/ticket-keys.ts) with the key kept in the data dir. The session id
 * context names the listener: OpenSSL resumes a session only in the context that made it, so a
 * ticket from HTTPS is not a ticket for MQTTS (Node's default context is a hash of process.argv,
 * which a restart with other arguments, or a test runner, would change).
 */
export function ticketOptions(
  tls: { ticketKeys: TicketKeys },
  context: 'edgenet-mqtts' | 'edgenet-https',
): Pick<TlsOptions, 'ticketKeys' | 'sessionTimeout' | 'sessionIdContext'> {
  return { ticketKeys: tls.ticketKeys.current(), sessionTimeout: TICKET_LIFETIME_S, sessionIdContext: context };
}
