import type { FastifyInstance } from 'fastify';
import { WORKSTATION_CODE_PATTERN } from '@edgenet/proto';
import type { PlatformContext } from '../context.js';
import { listWorkstations, registerWorkstation } from '../services/workstations.js';
import { ALL_ROLES, WRITERS, assertEnterprise, principalOf } from './access.js';
import { errorResponse, isoTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const workstation = {
  type: 'object',
  required: ['id', 'enterpriseId', 'code', 'createdAt'],
  properties: { id: uuidString, enterpriseId: uuidString, code: { type: 'string' }, name: { type: ['string', 'null'] }, createdAt: isoTime },
} as const;

interface CreateBody {
  enterpriseId: string;
  code: string;
  name?: string;
}

export async function workstationRoutes(app: FastifyInstance, { db }: PlatformContext): Promise<void> {
  app.post<{ Body: CreateBody }>('/workstations', {
    config: { roles: WRITERS },
    schema: {
      tags: ['workstations'],
      summary: 'Register a production-line workstation (产线工位) by the code devices will report',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['enterpriseId', 'code'],
        properties: {
          enterpriseId: uuidString,
          code: { type: 'string', pattern: WORKSTATION_CODE_PATTERN.source },
          name: { type: 'string', maxLength: 200 },
        },
      },
      response: { 201: workstation, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      const { enterpriseId, code, name } = request.body;
      assertEnterprise(principalOf(request), enterpriseId, 'register a workstation');
      return reply.code(201).send(await registerWorkstation(db, { enterpriseId, code, name }));
    },
  });

  app.get<{ Querystring: PageQuery & { enterpriseId?: string } }>('/workstations', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['workstations'],
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQueryProps, enterpriseId: uuidString } },
      response: { 200: pageOf(workstation) },
    },
    handler: (request) => listWorkstations(db, request.scope, request.query.enterpriseId, request.query),
  });
}
