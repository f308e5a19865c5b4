// Signing in and out in the browser (docs/accounts.md). POST /session is public: it checks a
// username and password and sets the session cookie; the others need a signed-in caller, by
// cookie or bearer token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sessionLimits } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { clearedSessionCookie, csrfTokenFor, sessionCookie, sessionSecretFrom } from '../auth/session-cookie.js';
import type { PlatformContext } from '../context.js';
import { ERR_ACCOUNT_LOCKED, ERR_ACCOUNT_SCOPE, ERR_SECOND_FACTOR, ERR_SIGN_IN } from '../errors.js';
import { changeOwnPassword, confirmTotp, signIn, startTotp } from '../services/accounts.js';
import { openSession, revokeAllSessions, revokeSession } from '../services/sessions.js';
import { ALL_ROLES, principalOf } from './access.js';
import { errorResponse, isoTime } from './schemas.js';
import { PASSWORD_MAX_LENGTH } from '../auth/password-rules.js';

interface SignInBody {
  username: string;
  password: string;
  code?: string;
}

const caller = {
  type: 'object',
  required: ['username', 'role', 'admin', 'enterpriseId', 'via', 'csrfToken'],
  properties: {
    username: { type: ['string', 'null'] },
    role: { type: 'string' },
    admin: { type: 'boolean' },
    enterpriseId: { type: ['string', 'null'] },
    via: { type: 'string', enum: ['session', 'token'] },
    /** Send it as x-csrf-token with every POST, PUT, PATCH and DELETE made with the cookie. */
    csrfToken: { type: ['string', 'null'] },
    expiresAt: isoTime,
  },
} as const;

function describe(p: Principal, csrfToken: string | null, expiresAt?: Date) {
  return {
    username: p.username,
    role: p.role,
    admin: p.admin,
    enterpriseId: p.enterpriseId,
    via: p.sessionId ? 'session' : 'token',
    csrfToken,
    ...(expiresAt ? { expiresAt } : {}),
  };
}

/** 429 with Retry-After in whole seconds (RFC 9110 §10.2.3). */
function lockedFor(reply: FastifyReply, retryAfterMs: number): Error {
  const seconds = Math.ceil(retryAfterMs / 1000);
  reply.header('retry-after', String(seconds));
  return new ERR_ACCOUNT_LOCKED({ seconds });
}

export async function sessionRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;
  const limits = sessionLimits(ctx);

  app.post<{ Body: SignInBody }>('/session', {
    schema: {
      tags: ['access'],
      summary: 'Sign in with a username and password; sets the session cookie',
      security: [],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['username', 'password'],
        properties: {
          username: { type: 'string', minLength: 1, maxLength: 64 },
          password: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 },
          code: { type: 'string', pattern: '^[0-9]{6}$', description: 'the authenticator code, for an account with a second factor' },
        },
      },
      response: { 200: caller, 400: errorResponse, 401: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const now = ctx.clock();
      const result = await signIn(db, request.body.username, request.body.password, now, request.body.code);
      const name = request.body.username.toLowerCase().slice(0, 64);
      if (result.outcome === 'locked') {
        request.auditActor = { kind: 'account', id: result.accountId, name };
        throw lockedFor(reply, result.retryAfterMs);
      }
      if (result.outcome === 'code-required') {
        request.auditActor = { kind: 'account', id: result.accountId, name };
        throw new ERR_SECOND_FACTOR();
      }
      if (result.outcome === 'wrong') {
        request.auditActor = result.accountId ? { kind: 'account', id: result.accountId, name } : null;
        throw new ERR_SIGN_IN();
      }
      const { account } = result;
      request.auditActor = { kind: 'account', id: account.id, name: account.username };
      const session = await openSession(db, account.id, request.ip, now, limits);
      reply.header('set-cookie', sessionCookie(session.secret));
      const principal: Principal = {
        role: account.role,
        enterpriseId: account.enterpriseId,
        admin: account.admin,
        tokenId: null,
        sessionId: session.id,
        accountId: account.id,
        username: account.username,
      };
      return describe(principal, csrfTokenFor(session.secret), session.expiresAt);
    },
  });

  app.get('/session', {
    config: { roles: ALL_ROLES },
    schema: { tags: ['access'], summary: 'Who is signed in, and the CSRF token of this session', response: { 200: caller } },
    handler: async (request) => {
      const secret = sessionSecretFrom(request.headers.cookie);
      const principal = principalOf(request);
      return describe(principal, principal.sessionId && secret ? csrfTokenFor(secret) : null);
    },
  });

  app.delete('/session', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['access'],
      summary: 'Sign out: ends this session and clears the cookie (a bearer token is not affected)',
      response: { 204: { type: 'null' } },
    },
    handler: async (request, reply: FastifyReply) => {
      const principal = principalOf(request);
      if (principal.sessionId) await revokeSession(db, principal.sessionId, ctx.clock());
      reply.header('set-cookie', clearedSessionCookie());
      return reply.code(204).send();
    },
  });

  app.delete('/sessions', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['access'],
      summary: "Sign out everywhere: ends every session of the caller's account",
      response: { 200: { type: 'object', required: ['revoked'], properties: { revoked: { type: 'integer' }, accountId: { type: ['string', 'null'] } } } },
    },
    handler: async (request, reply) => {
      const principal = principalOf(request);
      const revoked = principal.accountId ? await revokeAllSessions(db, principal.accountId, ctx.clock()) : 0;
      if (principal.sessionId) reply.header('set-cookie', clearedSessionCookie());
      return { revoked, accountId: principal.accountId };
    },
  });

  // A person's own settings: the second factor and the password (docs/accounts.md).
  const ownAccount = (request: Parameters<typeof principalOf>[0]): string => {
    const { accountId } = principalOf(request);
    if (!accountId) throw new ERR_ACCOUNT_SCOPE({ reason: 'not_a_person' });
    return accountId;
  };

  app.post('/session/totp', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['access'],
      summary: 'Start setting up a second factor (TOTP, RFC 6238): a new secret, pending until confirmed',
      response: {
        200: { type: 'object', required: ['secret', 'uri'], properties: { secret: { type: 'string' }, uri: { type: 'string' } } },
        400: errorResponse,
      },
    },
    handler: async (request) => startTotp(db, ownAccount(request)),
  });

  app.post<{ Body: { code: string } }>('/session/totp/confirm', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['access'],
      summary: 'Confirm the second factor with a code from the new secret; from then on sign-in asks for a code',
      body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } } },
      response: { 200: { type: 'object', required: ['totp'], properties: { totp: { type: 'boolean' } } }, 400: errorResponse },
    },
    handler: async (request) => {
      await confirmTotp(db, ownAccount(request), request.body.code, ctx.clock());
      return { totp: true };
    },
  });

  app.post<{ Body: { current: string; password: string } }>('/session/password', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['access'],
      summary: 'Change your own password; every other session of the account ends',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['current', 'password'],
        properties: {
          current: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 },
          password: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 },
        },
      },
      response: { 200: { type: 'object', required: ['changed'], properties: { changed: { type: 'boolean' } } }, 400: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const accountId = ownAccount(request);
      const locked = await changeOwnPassword(db, accountId, request.body.current, request.body.password, ctx.clock(), principalOf(request).sessionId);
      if (locked) {
        throw lockedFor(reply, locked.retryAfterMs);
      }
      return { changed: true };
    },
  });
}
