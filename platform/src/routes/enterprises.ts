import type { FastifyInstance } from 'fastify';
import { checkUscc } from '../domain/uscc.js';
import { ERR_USCC_INVALID } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { createEnterprise, listEnterprises, visibleEnterprise } from '../services/enterprises.js';
import { ALL_ROLES, OPERATOR_ONLY } from './access.js';
import { errorResponse, idParams, isoTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const enterprise = {
  type: 'object',
  required: ['id', 'name', 'uscc', 'town', 'createdAt'],
  properties: { id: uuidString, name: { type: 'string' }, uscc: { type: 'string' }, town: { type: 'string' }, createdAt: isoTime },
} as const;

interface CreateBody {
  name: string;
  uscc: string;
  town: string;
}

export async function enterpriseRoutes(app: FastifyInstance, { db }: PlatformContext): Promise<void> {
  app.post<{ Body: CreateBody }>('/enterprises', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['enterprises'],
      summary: 'Register an enterprise (企业)',
      body: {
        type: 'object',
        required: ['name', 'uscc', 'town'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          uscc: { type: 'string', minLength: 18, maxLength: 18, description: 'unified social credit code, GB 32100-2015' },
          town: { type: 'string', minLength: 1, maxLength: 100, description: '镇街（园区）' },
        },
      },
      response: { 201: enterprise, 400: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      const uscc = request.body.uscc.toUpperCase();
      const check = checkUscc(uscc);
      if (!check.ok) throw new ERR_USCC_INVALID(`body/uscc ${check.reason}`);
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
}
