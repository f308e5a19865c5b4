import type { FastifyInstance } from 'fastify';
import { ERR_TOKEN_SCOPE } from '../errors.js';
import type { PlatformContext } from '../context.js';
import type { Role } from '../auth/principal.js';
import { projectById } from '../services/projects.js';
import { createApiToken, issueEnrollmentToken } from '../services/tokens.js';
import { OPERATOR_ONLY, WRITERS, assertEnterprise, principalOf } from './access.js';
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
}

export async function tokenRoutes(app: FastifyInstance, { db }: PlatformContext): Promise<void> {
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
      },
    },
    handler: async (request, reply) => {
      const principal = principalOf(request);
      const project = await projectById(db, request.params.id);
      assertEnterprise(principal, project.enterpriseId, 'issue enrollment tokens for a project');
      const maxUses = request.body?.maxUses ?? 1;
      const expiresAt = new Date(Date.now() + (request.body?.expiresInHours ?? 24 * 7) * HOUR_MS);
      const { id, token } = await issueEnrollmentToken(db, { projectId: project.id, maxUses, expiresAt, createdBy: principal.tokenId });
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
        },
      },
      response: {
        201: {
          type: 'object',
          required: ['id', 'token', 'role'],
          properties: { id: uuidString, token: { type: 'string' }, role: { type: 'string' }, enterpriseId: { type: ['string', 'null'] } },
        },
        400: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const { name, role, enterpriseId } = request.body;
      if ((role === 'enterprise') !== (enterpriseId !== undefined)) {
        throw new ERR_TOKEN_SCOPE('body/enterpriseId is required for the enterprise role and not allowed for others');
      }
      const { id, token } = await createApiToken(db, { name, role, enterpriseId: enterpriseId ?? null });
      return reply.code(201).send({ id, token, role, enterpriseId: enterpriseId ?? null });
    },
  });
}
