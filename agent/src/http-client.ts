// One HTTP(S) request to the platform, as a value (HOUSE_STYLE: expected outcomes are values). Built on
// node:http and node:https rather than fetch for two reasons: fetch cannot be given a CA to trust
// without undici's internals (the pinned CA), and it loads undici, about 10 MiB resident on a
// device that makes a request every 10 minutes (agent/README.md "Footprint").
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { isIP } from 'node:net';

// Not `import … from 'node:http'`: an ES module import reads every export of node:http, and on Node
// 22+ its WebSocket, CloseEvent and MessageEvent getters load undici (about 4 MiB resident) that a
// plain request never uses. getBuiltinModule hands back the CommonJS exports, whose getters stay lazy.
const { request: httpRequest } = process.getBuiltinModule('node:http');

/**
 * How an https:// server is checked: against exactly one pinned CA, against the system's trust store,
 * or not at all (only to fetch /ca.pem, whose fingerprint is checked instead). Ignored for http://.
 */
export type HttpTrust = { ca: string } | 'system' | 'unverified';

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  trust: HttpTrust;
  /** The whole exchange, from connect to the last byte. */
  timeoutMs: number;
  /** Answers longer than this are cut off and reported as a failure. */
  maxBodyBytes?: number;
}

export type HttpResult =
  | { ok: true; status: number; statusText: string; headers: IncomingHttpHeaders; body: string }
  /** `tls`: the server's certificate was refused (not signed by the trusted CA, wrong name, expired). */
  | { ok: false; reason: string; tls: boolean };

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024; // 1 MiB: an enrollment answer is under 4 KiB

// OpenSSL's verification failures as Node reports them (err.code), and Node's own name check.
const TLS_ERROR_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isTlsVerificationError(code: unknown): boolean {
  return typeof code === 'string' && TLS_ERROR_CODES.has(code);
}

/** TLS options for a pinned CA: verify, and check the name the URL gives (an IP is checked as an IP). */
export function tlsOptionsFor(host: string, trust: HttpTrust): Pick<RequestOptions, 'ca' | 'rejectUnauthorized' | 'servername'> {
  if (trust === 'unverified') return { rejectUnauthorized: false };
  const bare = host.replace(/^\[|\]$/g, '');
  // RFC 6066 §3: SNI carries host names only; without it Node checks an IP against the iPAddress SAN.
  const servername = isIP(bare) === 0 ? { servername: bare } : {};
  return trust === 'system' ? { rejectUnauthorized: true, ...servername } : { ca: trust.ca, rejectUnauthorized: true, ...servername };
}

export function request(url: URL, options: HttpRequest): Promise<HttpResult> {
  const https = url.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: HttpResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const req = send(
      url,
      {
        method: options.method ?? 'GET',
        headers: { ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) },
        ...(https ? tlsOptionsFor(url.hostname, options.trust) : {}),
        // A fresh connection each time: the agent talks to the platform once at enrollment and once
        // every 10 minutes for the clock; a kept-alive socket would only hold a file descriptor.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBody) {
            req.destroy();
            finish({ ok: false, reason: `the answer is longer than ${maxBody} bytes`, tls: false });
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish({
            ok: true,
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, reason: describe(err), tls: false }));
      },
    );
    const deadline = setTimeout(() => {
      req.destroy();
      finish({ ok: false, reason: `no answer within ${options.timeoutMs} ms`, tls: false });
    }, options.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, reason: describe(err), tls: isTlsVerificationError(err.code) }));
    req.end(options.body);
  });
}

function describe(err: NodeJS.ErrnoException): string {
  if (isTlsVerificationError(err.code)) return `TLS: the server's certificate is not trusted (${err.code}: ${err.message})`;
  if (err.code && !err.message.includes(err.code)) return `${err.code} (${err.message})`;
  return err.message;
}

/** POST {platform}{path} with a JSON body, asking for JSON (enrollment and its TPM challenge). */
export function postJson(platformUrl: string, path: string, body: unknown, options: { trust: HttpTrust; timeoutMs: number }): Promise<HttpResult> {
  return request(new URL(`${platformUrl.replace(/\/+$/, '')}${path}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    trust: options.trust,
    timeoutMs: options.timeoutMs,
  });
}
