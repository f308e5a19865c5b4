import type { FastifyInstance } from 'fastify';
import { ERR_INVESTMENT_INVALID, ERR_WINDOW_INVALID } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { createProject, listProjects, visibleProject } from '../services/projects.js';
import { ALL_ROLES, WRITERS, assertEnterprise, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const fen = { type: 'integer', minimum: 0, maximum: 1e15, description: 'integer fen (分); 100 fen = 1 yuan' } as const;
const day = { type: 'string', format: 'date' } as const;

const project = {
  type: 'object',
  required: ['id', 'enterpriseId', 'name', 'totalInvestmentFen', 'eligibleInvestmentFen', 'windowStart', 'windowEnd', 'createdAt'],
  properties: {
    id: uuidString,
    enterpriseId: uuidString,
    name: { type: 'string' },
    totalInvestmentFen: fen,
    eligibleInvestmentFen: fen,
    windowStart: day,
    windowEnd: day,
    createdAt: isoTime,
  },
} as const;

interface CreateBody {
  enterpriseId: string;
  name: string;
  totalInvestmentFen: number;
  eligibleInvestmentFen: number;
  windowStart: string;
  windowEnd: string;
}

export async function projectRoutes(app: FastifyInstance, { db }: PlatformContext): Promise<void> {
  app.post<{ Body: CreateBody }>('/projects', {
    config: { roles: WRITERS },
    schema: {
      tags: ['projects'],
      summary: 'Create a deployment project; money in integer fen (实施细则 art. 18)',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['enterpriseId', 'name', 'totalInvestmentFen', 'eligibleInvestmentFen', 'windowStart', 'windowEnd'],
        properties: {
          enterpriseId: uuidString,
          name: { type: 'string', minLength: 1, maxLength: 200 },
          totalInvestmentFen: fen,
          eligibleInvestmentFen: fen,
          windowStart: day,
          windowEnd: day,
        },
      },
      response: { 201: project, 400: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const body = request.body;
      assertEnterprise(principalOf(request), body.enterpriseId, 'create a project');
      if (body.eligibleInvestmentFen > body.totalInvestmentFen) {
        throw new ERR_INVESTMENT_INVALID('body/eligibleInvestmentFen must not exceed body/totalInvestmentFen');
      }
      if (body.windowEnd < body.windowStart) throw new ERR_WINDOW_INVALID('body/windowEnd must not be before body/windowStart');
      return reply.code(201).send(await createProject(db, body));
    },
  });

  app.get<{ Querystring: PageQuery & { enterpriseId?: string } }>('/projects', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['projects'],
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQueryProps, enterpriseId: uuidString } },
      response: { 200: pageOf(project) },
    },
    handler: (request) => listProjects(db, request.scope, request.query.enterpriseId, request.query),
  });

  app.get<{ Params: { id: string } }>('/projects/:id', {
    config: { roles: ALL_ROLES },
    schema: { tags: ['projects'], params: idParams, response: { 200: project, 404: errorResponse } },
    handler: (request) => visibleProject(db, request.params.id, request.scope),
  });
}
