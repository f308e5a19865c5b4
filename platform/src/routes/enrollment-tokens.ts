// Enrollment tokens once issued (routes/tokens.ts issues them): list them with who issued each and
// the uses left, revoke one (the next enrollment with it is refused), and see each use. Scoped: an
// enterprise sees and revokes its own projects' tokens only.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';
import { enrollmentTokenUsesOf, listEnrollmentTokens, revokeEnrollmentToken } from '../services/enrollment-tokens.js';
import type { PageQuery } from '../services/page.js';
import { ALL_ROLES, WRITERS, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, pageOf, pageQueryProps, uuidString } from './schemas.js';

const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

const tokenView = {
  type: 'object',
  required: ['id', 'projectId', 'enterpriseId', 'maxUses', 'uses', 'usesLeft', 'expiresAt', 'createdAt', 'createdBy', 'revokedAt', 'state'],
  properties: {
    id: uuidString,
    projectId: uuidString,
    projectName: { type: 'string' },
    enterpriseId: uuidString,
    maxUses: { type: 'integer' },
    uses: { type: 'integer' },
    usesLeft: { type: 'integer' },
    expiresAt: isoTime,
    createdAt: isoTime,
    createdBy: { type: ['string', 'null'], description: 'the username of who issued it; null: a token made for no person' },
    revokedAt: nullableTime,
    revokedBy: { type: ['string', 'null'] },
    state: { type: 'string', enum: ['live', 'expired', 'used_up', 'revoked'] },
  },
} as const;

const use = {
  type: 'object',
  required: ['deviceId', 'remoteAddress', 'usedAt'],
  properties: {
    deviceId: { type: ['string', 'null'], description: 'the device it enrolled (or re-enrolled)' },
    remoteAddress: { type: ['string', 'null'] },
    usedAt: isoTime,
  },
} as const;

export async function enrollmentTokenRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;

  app.get<{ Querystring: PageQuery & { projectId?: string } }>('/enrollment-tokens', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['enrollment'],
      summary: 'Enrollment tokens, newest first: who issued each, when, its expiry and uses left; never the secret',
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQueryProps, projectId: uuidString } },
      response: { 200: pageOf(tokenView) },
    },
    handler: (request) => listEnrollmentTokens(db, { ...request.query, scope: request.scope }, ctx.clock()),
  });

  app.delete<{ Params: { id: string } }>('/enrollment-tokens/:id', {
    config: { roles: WRITERS },
    schema: {
      tags: ['enrollment'],
      summary: 'Revoke an enrollment token: the next enrollment with it is refused (devices it enrolled stay)',
      params: idParams,
      response: { 200: tokenView, 404: errorResponse, 409: errorResponse },
    },
    handler: (request) => revokeEnrollmentToken(db, request.params.id, request.scope, principalOf(request).accountId, ctx.clock()),
  });

  app.get<{ Params: { id: string }; Querystring: PageQuery }>('/enrollment-tokens/:id/uses', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['enrollment'],
      summary: 'Each use of an enrollment token, newest first: the device it enrolled, when, from where',
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: pageQueryProps },
      response: { 200: pageOf(use), 404: errorResponse },
    },
    handler: (request) => enrollmentTokenUsesOf(db, request.params.id, request.scope, request.query, ctx.clock()),
  });
}
