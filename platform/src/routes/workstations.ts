import type { FastifyInstance } from 'fastify';
import { WORKSTATION_CODE_PATTERN } from '@edgenet/proto';
import type { PlatformContext } from '../context.js';
import { archiveWorkstation, listWorkstations, registerWorkstation, renameWorkstation } from '../services/workstations.js';
import { ALL_ROLES, WRITERS, assertEnterprise, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, nullableTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const workstation = {
  type: 'object',
  required: ['id', 'enterpriseId', 'code', 'createdAt', 'archivedAt'],
  properties: {
    id: uuidString,
    enterpriseId: uuidString,
    code: { type: 'string' },
    name: { type: ['string', 'null'] },
    createdAt: isoTime,
    archivedAt: nullableTime,
  },
} as const;

interface CreateBody {
  enterpriseId: string;
  code: string;
  name?: string;
}

export async function workstationRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;
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

  app.patch<{ Params: { id: string }; Body: { name: string | null } }>('/workstations/:id', {
    config: { roles: WRITERS },
    schema: {
      tags: ['workstations'],
      summary: 'Rename a workstation (its code is what devices report and is not editable)',
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: ['string', 'null'], maxLength: 200 } } },
      response: { 200: workstation, 400: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: (request) => renameWorkstation(db, request.params.id, request.scope, request.body.name),
  });

  app.post<{ Params: { id: string } }>('/workstations/:id/archive', {
    config: { roles: WRITERS },
    schema: {
      tags: ['workstations'],
      summary: 'Archive a workstation: kept for history; a mapping to it counts only up to the day it was archived',
      params: idParams,
      response: { 200: workstation, 404: errorResponse },
    },
    handler: (request) => archiveWorkstation(db, request.params.id, request.scope, ctx.clock()),
  });
}
