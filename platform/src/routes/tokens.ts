import type { FastifyInstance } from 'fastify';
import { ERR_ARCHIVED, ERR_TOKEN_SCOPE } from '../errors.js';
import type { PlatformContext } from '../context.js';
import type { Role } from '../auth/principal.js';
import { projectById } from '../services/projects.js';
import { createApiToken, issueEnrollmentToken, listApiTokens, revokeApiToken } from '../services/tokens.js';
import { ALL_ROLES, OPERATOR_ONLY, WRITERS, assertEnterprise, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, uuidString } from './schemas.js';

const HOUR_MS = 3_600_000;

interface EnrollmentTokenBody {
  maxUses?: number;
  expiresInHours?: number;
}

interface ApiTokenBody {
  name: string;
  role: Role;
  enterpriseId?: string;
  expiresInDays?: number;
  accountId?: string;
}

const DAY_MS = 86_400_000;

const tokenView = {
  type: 'object',
  required: ['id', 'name', 'role', 'enterpriseId', 'admin', 'account', 'createdBy', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'],
  properties: {
    id: uuidString,
    name: { type: 'string' },
    role: { type: 'string' },
    enterpriseId: { type: ['string', 'null'] },
    admin: { type: 'boolean' },
    account: { type: ['string', 'null'], description: 'the username of the person the token acts for' },
    createdBy: { type: ['string', 'null'], description: 'the username of who created it; null: the first start' },
    createdAt: isoTime,
    expiresAt: isoTime,
    lastUsedAt: { type: ['string', 'null'], format: 'date-time', description: 'to the minute: written at most once a minute' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

export async function tokenRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db, config } = ctx;
  app.post<{ Params: { id: string }; Body: EnrollmentTokenBody }>('/projects/:id/enrollment-tokens', {
    config: { roles: WRITERS },
    schema: {
      tags: ['enrollment'],
      summary: 'Issue an enrollment token for a project; the token is shown once',
      params: idParams,
      body: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxUses: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
          expiresInHours: { type: 'integer', minimum: 1, maximum: 24 * 90, default: 24 * 7 }, // 7 days
        },
      },
      response: {
        201: {
          type: 'object',
          required: ['id', 'token', 'projectId', 'maxUses', 'expiresAt'],
          properties: { id: uuidString, token: { type: 'string' }, projectId: uuidString, maxUses: { type: 'integer' }, expiresAt: isoTime },
        },
        403: errorResponse,
        404: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const principal = principalOf(request);
      const project = await projectById(db, request.params.id);
      assertEnterprise(principal, project.enterpriseId, 'issue enrollment tokens for a project');
      if (project.archivedAt) throw new ERR_ARCHIVED({ what: 'project' });
      const maxUses = request.body?.maxUses ?? 1;
      const expiresAt = new Date(Date.now() + (request.body?.expiresInHours ?? 24 * 7) * HOUR_MS);
      const { id, token } = await issueEnrollmentToken(db, {
        projectId: project.id,
        maxUses,
        expiresAt,
        createdBy: principal.tokenId,
        createdByAccount: principal.accountId,
      });
      return reply.code(201).send({ id, token, projectId: project.id, maxUses, expiresAt });
    },
  });

  app.post<{ Body: ApiTokenBody }>('/api-tokens', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['access'],
      summary: 'Create a bearer token for a role; the token is shown once',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'role'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          role: { type: 'string', enum: ['operator', 'bureau', 'enterprise'] },
          enterpriseId: uuidString,
          expiresInDays: { type: 'integer', minimum: 1, maximum: config.tokenMaxDays, description: 'default EDGENET_TOKEN_DEFAULT_DAYS' },
          accountId: { ...uuidString, description: 'the person the token acts for; they may list and revoke it' },
        },
      },
      response: {
        201: {
          type: 'object',
          required: ['id', 'token', 'role', 'expiresAt'],
          properties: { id: uuidString, token: { type: 'string' }, role: { type: 'string' }, enterpriseId: { type: ['string', 'null'] }, expiresAt: isoTime },
        },
        400: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const { name, role, enterpriseId, accountId } = request.body;
      if ((role === 'enterprise') !== (enterpriseId !== undefined)) {
        throw new ERR_TOKEN_SCOPE({ reason: 'token_enterprise' });
      }
      const now = ctx.clock();
      const expiresAt = new Date(now.getTime() + (request.body.expiresInDays ?? config.tokenDefaultDays) * DAY_MS);
      const { id, token } = await createApiToken(db, {
        name,
        role,
        enterpriseId: enterpriseId ?? null,
        expiresAt,
        accountId: accountId ?? null,
        createdBy: principalOf(request).accountId,
      });
      return reply.code(201).send({ id, token, role, enterpriseId: enterpriseId ?? null, expiresAt });
    },
  });

  app.get('/api-tokens', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['access'],
      summary: 'Bearer tokens: an admin sees every one, anybody else those made for them; never the secret',
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: tokenView } } } },
    },
    handler: async (request) => ({ items: await listApiTokens(db, principalOf(request)) }),
  });

  app.delete<{ Params: { id: string } }>('/api-tokens/:id', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['access'],
      summary: 'Revoke a bearer token: an admin any, anybody else one made for them (or the one in use); at once',
      params: idParams,
      response: { 200: { type: 'object', required: ['id', 'revokedAt'], properties: { id: uuidString, revokedAt: isoTime } }, 404: errorResponse },
    },
    handler: async (request) => revokeApiToken(db, principalOf(request), request.params.id, ctx.clock()),
  });
}
