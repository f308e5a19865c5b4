import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';
import { actorOf } from '../services/actor.js';
import { approveProject, type AwardFigures } from '../services/project-approvals.js';
import { archiveProject, createProject, listProjects, projectHistory, updateProject, visibleProject, type ProjectChanges } from '../services/projects.js';
import { ALL_ROLES, APPROVERS, WRITERS, assertEnterprise, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, nullableTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const fen = { type: 'integer', minimum: 0, maximum: 1e15, description: 'integer fen (分); 100 fen = 1 yuan' } as const;
const day = { type: 'string', format: 'date' } as const;
const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
const who = { type: ['string', 'null'], description: 'the person’s username (null: a token made for no person)' } as const;

const approval = {
  type: 'object',
  required: ['id', 'totalInvestmentFen', 'eligibleInvestmentFen', 'windowStart', 'windowEnd', 'approvedRole', 'approvedByName', 'approvedAt'],
  properties: {
    id: uuidString,
    totalInvestmentFen: fen,
    eligibleInvestmentFen: fen,
    windowStart: day,
    windowEnd: day,
    approvedRole: { type: 'string', enum: ['operator', 'bureau'] },
    approvedById: { type: ['string', 'null'], format: 'uuid' },
    approvedByName: who,
    approvedAt: isoTime,
  },
} as const;

const project = {
  type: 'object',
  required: [
    'id',
    'enterpriseId',
    'name',
    'totalInvestmentFen',
    'eligibleInvestmentFen',
    'windowStart',
    'windowEnd',
    'createdAt',
    'archivedAt',
    'approval',
    'pendingApproval',
  ],
  properties: {
    id: uuidString,
    enterpriseId: uuidString,
    name: { type: 'string' },
    totalInvestmentFen: { ...fen, description: 'declared; a certification run counts approval.totalInvestmentFen' },
    eligibleInvestmentFen: { ...fen, description: 'declared; a certification run counts approval.eligibleInvestmentFen' },
    windowStart: day,
    windowEnd: day,
    createdAt: isoTime,
    archivedAt: nullableTime,
    approval: { anyOf: [approval, { type: 'null' }], description: 'the latest approval: the figures a certification run counts' },
    pendingApproval: { type: 'boolean', description: 'the declared figures are not (all) approved' },
  },
} as const;

const change = {
  type: 'object',
  required: ['id', 'field', 'oldValue', 'newValue', 'actorRole', 'actorName', 'at'],
  properties: {
    id: uuidString,
    field: { type: 'string' },
    oldValue: { type: ['string', 'null'], description: 'null: the first declaration' },
    newValue: { type: 'string' },
    actorRole: { type: 'string' },
    actorId: { type: ['string', 'null'], format: 'uuid' },
    actorName: who,
    at: isoTime,
  },
} as const;

const figures = {
  totalInvestmentFen: fen,
  eligibleInvestmentFen: fen,
  windowStart: day,
  windowEnd: day,
} as const;

type CreateBody = AwardFigures & { enterpriseId: string; name: string };

export async function projectRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;
  app.post<{ Body: CreateBody }>('/projects', {
    config: { roles: WRITERS },
    schema: {
      tags: ['projects'],
      summary:
        'Create a deployment project; money in integer fen (实施细则 art. 18). An enterprise’s figures wait for approval; the operator’s are approved by it',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['enterpriseId', 'name', 'totalInvestmentFen', 'eligibleInvestmentFen', 'windowStart', 'windowEnd'],
        properties: { enterpriseId: uuidString, name, ...figures },
      },
      response: { 201: project, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      const principal = principalOf(request);
      assertEnterprise(principal, request.body.enterpriseId, 'create a project');
      return reply.code(201).send(await createProject(db, request.body, actorOf(principal), ctx.clock()));
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

  app.patch<{ Params: { id: string }; Body: ProjectChanges }>('/projects/:id', {
    config: { roles: WRITERS },
    schema: {
      tags: ['projects'],
      summary: 'Change declared fields; each change is kept (GET …/history) and the figures wait for approval again',
      params: idParams,
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { name, ...figures } },
      response: { 200: project, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: (request) => updateProject(db, request.params.id, request.scope, request.body, actorOf(principalOf(request)), ctx.clock()),
  });

  app.post<{ Params: { id: string } }>('/projects/:id/archive', {
    config: { roles: WRITERS },
    schema: {
      tags: ['projects'],
      summary: 'Archive a project: kept for history, no new enrollments, edits or approvals, and not certifiable in new runs',
      params: idParams,
      response: { 200: project, 403: errorResponse, 404: errorResponse },
    },
    handler: (request) => archiveProject(db, request.params.id, request.scope, ctx.clock()),
  });

  app.post<{ Params: { id: string }; Body: AwardFigures }>('/projects/:id/approval', {
    config: { roles: APPROVERS },
    schema: {
      tags: ['projects'],
      summary: 'Approve the declared award figures, sent back as read: a certification run counts only approved figures',
      params: idParams,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['totalInvestmentFen', 'eligibleInvestmentFen', 'windowStart', 'windowEnd'],
        properties: figures,
      },
      response: { 201: approval, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await approveProject(db, request.params.id, request.body, actorOf(principalOf(request)), ctx.clock())),
  });

  app.get<{ Params: { id: string } }>('/projects/:id/history', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['projects'],
      summary: 'Every change to the declared fields (old value, new value, who, when) and every approval, oldest first',
      params: idParams,
      response: {
        200: {
          type: 'object',
          required: ['changes', 'approvals'],
          properties: { changes: { type: 'array', items: change }, approvals: { type: 'array', items: approval } },
        },
        404: errorResponse,
      },
    },
    handler: (request) => projectHistory(db, request.params.id, request.scope),
  });
}
