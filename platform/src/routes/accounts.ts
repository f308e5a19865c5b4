// People's accounts, managed by an admin (docs/accounts.md): list, create, reset a password.
// A password the admin leaves out is generated and shown once in the answer.
import type { FastifyInstance } from 'fastify';
import { PASSWORD_MAX_LENGTH } from '../auth/password-rules.js';
import type { Role } from '../auth/principal.js';
import type { PlatformContext } from '../context.js';
import { createAccount, generatedPassword, listAccounts, resetPassword } from '../services/accounts.js';
import { ADMIN_ONLY, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, uuidString } from './schemas.js';

const account = {
  type: 'object',
  required: ['id', 'username', 'role', 'admin', 'enterpriseId'],
  properties: {
    id: uuidString,
    username: { type: 'string' },
    role: { type: 'string' },
    admin: { type: 'boolean' },
    enterpriseId: { type: ['string', 'null'] },
    createdAt: isoTime,
    passwordChangedAt: isoTime,
    lockedUntil: { type: ['string', 'null'], format: 'date-time' },
    failedSignIns: { type: 'integer' },
    totp: { type: 'boolean', description: 'a second factor is required at sign-in' },
  },
} as const;
const withPassword = {
  ...account,
  required: [...account.required, 'password'],
  properties: {
    ...account.properties,
    password: { type: ['string', 'null'], description: 'the generated password, shown once; null when the admin chose it' },
  },
} as const;
const password = { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 } as const;

interface AccountBody {
  username: string;
  role: Role;
  admin?: boolean;
  enterpriseId?: string;
  password?: string;
}

export async function accountRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;

  app.get('/accounts', {
    config: { roles: ADMIN_ONLY },
    schema: {
      tags: ['access'],
      summary: 'Every account',
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: account } } } },
    },
    handler: async () => ({ items: await listAccounts(db) }),
  });

  app.post<{ Body: AccountBody }>('/accounts', {
    config: { roles: ADMIN_ONLY },
    schema: {
      tags: ['access'],
      summary: 'Create an account; a password left out is generated and shown once',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['username', 'role'],
        properties: {
          // Lower-case letters, digits and . _ -: a name that reads the same in a log and a URL.
          username: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$' },
          role: { type: 'string', enum: ['operator', 'bureau', 'enterprise'] },
          admin: { type: 'boolean', default: false },
          enterpriseId: uuidString,
          password,
        },
      },
      response: { 201: withPassword, 400: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      const { username, role, admin = false, enterpriseId } = request.body;
      const chosen = request.body.password;
      const pass = chosen ?? generatedPassword();
      const created = await createAccount(db, {
        username,
        role,
        admin,
        enterpriseId: enterpriseId ?? null,
        password: pass,
        createdBy: principalOf(request).accountId,
      });
      return reply.code(201).send({ ...created, password: chosen === undefined ? pass : null });
    },
  });

  app.post<{ Params: { id: string }; Body: { password?: string } }>('/accounts/:id/password', {
    config: { roles: ADMIN_ONLY },
    schema: {
      tags: ['access'],
      summary: "Reset an account's password (generated and shown once when left out); lifts a lockout and ends its sessions",
      params: idParams,
      body: { type: 'object', additionalProperties: false, properties: { password } },
      response: { 200: withPassword, 400: errorResponse, 404: errorResponse },
    },
    handler: async (request) => {
      const chosen = request.body?.password;
      const pass = chosen ?? generatedPassword();
      const updated = await resetPassword(db, request.params.id, pass, ctx.clock());
      return { ...updated, password: chosen === undefined ? pass : null };
    },
  });
}
