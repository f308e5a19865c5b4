import type { FastifyInstance } from 'fastify';
import { checkUscc } from '../domain/uscc.js';
import { ERR_FORBIDDEN, ERR_USCC_INVALID } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { archiveEnterprise, createEnterprise, listEnterprises, updateEnterprise, visibleEnterprise, type EnterpriseChanges } from '../services/enterprises.js';
import { ALL_ROLES, OPERATOR_ONLY, WRITERS, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, nullableTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const enterprise = {
  type: 'object',
  required: ['id', 'name', 'uscc', 'town', 'createdAt', 'archivedAt'],
  properties: {
    id: uuidString,
    name: { type: 'string' },
    uscc: { type: 'string' },
    town: { type: 'string' },
    createdAt: isoTime,
    archivedAt: nullableTime,
  },
} as const;
const fields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  uscc: { type: 'string', minLength: 18, maxLength: 18, description: 'unified social credit code, GB 32100-2015' },
  town: { type: 'string', minLength: 1, maxLength: 100, description: '镇街（园区）' },
} as const;

/** The USCC in upper case, refused unless its check character holds. */
function checkedUscc(raw: string, at: string): string {
  const uscc = raw.toUpperCase();
  const check = checkUscc(uscc);
  if (!check.ok) throw new ERR_USCC_INVALID({ field: at, reason: check.reason, ...check.params });
  return uscc;
}

interface CreateBody {
  name: string;
  uscc: string;
  town: string;
}

export async function enterpriseRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;
  app.post<{ Body: CreateBody }>('/enterprises', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['enterprises'],
      summary: 'Register an enterprise (企业)',
      body: {
        type: 'object',
        required: ['name', 'uscc', 'town'],
        additionalProperties: false,
        properties: fields,
      },
      response: { 201: enterprise, 400: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      const uscc = checkedUscc(request.body.uscc, 'body/uscc');
      return reply.code(201).send(await createEnterprise(db, { name: request.body.name, uscc, town: request.body.town }));
    },
  });

  app.get<{ Querystring: PageQuery }>('/enterprises', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['enterprises'],
      summary: 'List enterprises (an enterprise token sees only its own)',
      querystring: { type: 'object', additionalProperties: false, properties: pageQueryProps },
      response: { 200: pageOf(enterprise) },
    },
    handler: (request) => listEnterprises(db, request.scope, request.query),
  });

  app.get<{ Params: { id: string } }>('/enterprises/:id', {
    config: { roles: ALL_ROLES },
    schema: { tags: ['enterprises'], params: idParams, response: { 200: enterprise, 404: errorResponse } },
    handler: (request) => visibleEnterprise(db, request.params.id, request.scope),
  });

  app.patch<{ Params: { id: string }; Body: EnterpriseChanges }>('/enterprises/:id', {
    config: { roles: WRITERS },
    schema: {
      tags: ['enterprises'],
      summary: 'Correct an enterprise’s registration; its own staff may change the name and town, only the operator the USCC',
      params: idParams,
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: fields },
      response: { 200: enterprise, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: (request) => {
      const changes = { ...request.body };
      if (changes.uscc !== undefined) {
        // The USCC is who the enterprise is in the bureau's records: its staff cannot re-declare it.
        if (principalOf(request).role !== 'operator') throw new ERR_FORBIDDEN({ role: 'enterprise', action: 'PATCH uscc' });
        changes.uscc = checkedUscc(changes.uscc, 'body/uscc');
      }
      return updateEnterprise(db, request.params.id, request.scope, changes);
    },
  });

  app.post<{ Params: { id: string } }>('/enterprises/:id/archive', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['enterprises'],
      summary:
        'Archive an enterprise: kept for history; its tokens enroll nothing, it takes no new projects or workstations, its projects are not certifiable in new runs',
      params: idParams,
      response: { 200: enterprise, 404: errorResponse },
    },
    handler: (request) => archiveEnterprise(db, request.params.id, ctx.clock()),
  });
}
