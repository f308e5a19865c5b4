// API rate limits: per client IP on everything under /api/v1, counted before the bearer
// token is looked up, and per bearer token once it is known. Over the limit: 429 with Retry-After
// (RFC 6585 §4). Counting is done by @fastify/rate-limit's store (in memory, one window a minute).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERR_RATE_LIMITED } from '../errors.js';

const WINDOW_MS = 60_000; // limits are per minute

type Limiter = (req: FastifyRequest) => Promise<{ isExceeded?: boolean; ttlInSeconds?: number; isAllowed: boolean }>;

function enforce(limiter: Limiter, what: 'address' | 'token') {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const r = await limiter(request);
    if (r.isAllowed || !r.isExceeded) return;
    const retry = Math.max(1, r.ttlInSeconds ?? 1);
    reply.header('retry-after', String(retry));
    throw new ERR_RATE_LIMITED({ what, seconds: retry });
  };
}

export function limitPerIp(app: FastifyInstance, prefix: string, perMinute: number): void {
  const limiter = app.createRateLimit({ max: perMinute, timeWindow: WINDOW_MS, keyGenerator: (req) => `ip:${req.ip}` }) as Limiter;
  const check = enforce(limiter, 'address');
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === prefix || request.url.startsWith(`${prefix}/`)) await check(request, reply);
  });
}

/**
 * Everything outside the API and the broker's hook routes (/docs, the dashboard's files, /ca.pem)
 * is limited per address too, so a flood of page loads costs a 429, not a file read each; the
 * probes (/healthz, /readyz) have a limit of their own, generous enough for any monitoring, so an
 * address flooding pages does not make its own probes fail.
 */
export function limitPublicPerIp(app: FastifyInstance, excluded: readonly string[], perMinute: number, probesPerMinute: number): void {
  const pages = enforce(app.createRateLimit({ max: perMinute, timeWindow: WINDOW_MS, keyGenerator: (req) => `public:${req.ip}` }) as Limiter, 'address');
  const probes = enforce(app.createRateLimit({ max: probesPerMinute, timeWindow: WINDOW_MS, keyGenerator: (req) => `probe:${req.ip}` }) as Limiter, 'address');
  const under = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
  app.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    if (excluded.some((prefix) => under(url, prefix))) return;
    await (under(url, '/healthz') || under(url, '/readyz') ? probes : pages)(request, reply);
  });
}

export function limitPerToken(api: FastifyInstance, perMinute: number): void {
  const limiter = api.createRateLimit({
    max: perMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (req) => `token:${req.principal?.tokenId ?? req.principal?.sessionId ?? req.ip}`, // a session counts as its own caller
  }) as Limiter;
  const check = enforce(limiter, 'token');
  api.addHook('onRequest', async (request, reply) => {
    if (request.principal) await check(request, reply);
  });
}
