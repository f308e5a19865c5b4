// Who is calling, on every route that names its roles: a bearer token (automation) or the session
// cookie (a person in the browser). A request with the cookie that changes state must also carry
// the session's CSRF token (auth/session-cookie.ts); a bearer token needs none, as browsers never
// attach one on their own.
import type { FastifyRequest } from 'fastify';
import type { PlatformContext } from '../context.js';
import { ERR_CSRF, ERR_DATABASE_UNAVAILABLE, ERR_FORBIDDEN, ERR_UNAUTHENTICATED } from '../errors.js';
import { principalForSession } from '../services/sessions.js';
import { mayUse, principalForToken, type Principal } from './principal.js';
import { CSRF_HEADER, csrfMatches, sessionSecretFrom } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']); // RFC 9110 §9.2.1

export function sessionLimits(ctx: PlatformContext): { idleMs: number; maxMs: number } {
  return { idleMs: ctx.config.sessionIdleMinutes * 60_000, maxMs: ctx.config.sessionMaxHours * 3_600_000 };
}

export function authenticate(ctx: PlatformContext): (request: FastifyRequest) => Promise<void> {
  const limits = sessionLimits(ctx);
  // A lookup the database cannot answer is not a bad credential: 503 with its code, not 401 or 500.
  const unavailable = (err: unknown): never => {
    throw new ERR_DATABASE_UNAVAILABLE({}, { cause: err });
  };
  /** The caller, and whether the request is free of a CSRF suspicion. */
  async function caller(request: FastifyRequest): Promise<{ principal: Principal | null; csrfOk: boolean }> {
    const now = ctx.clock();
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer (\S{16,200})$/.exec(header);
      return { principal: match ? await principalForToken(ctx.db, match[1]!, now).catch(unavailable) : null, csrfOk: true };
    }
    const secret = sessionSecretFrom(request.headers.cookie);
    if (!secret) return { principal: null, csrfOk: true };
    const principal = await principalForSession(ctx.db, secret, now, limits).catch(unavailable);
    return { principal, csrfOk: SAFE_METHODS.has(request.method) || csrfMatches(secret, request.headers[CSRF_HEADER] as string | undefined) };
  }
  return async (request) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return; // public route: health, docs, enrollment (which has its own token), sign-in
    const { principal, csrfOk } = await caller(request);
    if (!principal) throw new ERR_UNAUTHENTICATED();
    request.principal = principal; // known even when refused: the audit log records who was refused
    if (!csrfOk) throw new ERR_CSRF();
    if (!mayUse(principal, roles)) throw new ERR_FORBIDDEN({ role: principal.role, action: `${request.method} ${request.routeOptions.url}` });
  };
}
