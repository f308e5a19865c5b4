// The audit log, read-only: operator and bureau read it and check its hash chain.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';
import { pageOf, pageQueryProps, type PageQuery } from './schemas.js';

const AUDITORS = ['operator', 'bureau'] as const;

const entry = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actorKind: { type: 'string' },
    actorId: { type: ['string', 'null'] },
    actorRole: { type: ['string', 'null'] },
    actorName: { type: ['string', 'null'], description: "the person's username" },
    ip: { type: 'string' },
    method: { type: 'string' },
    route: { type: 'string' },
    target: { type: 'object', additionalProperties: { type: 'string' } },
    status: { type: 'integer' },
    detail: { type: ['string', 'null'] },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
} as const;

export async function auditRoutes(app: FastifyInstance, { audit }: PlatformContext): Promise<void> {
  app.get<{ Querystring: PageQuery }>('/audit', {
    config: { roles: AUDITORS },
    schema: {
      tags: ['audit'],
      summary: 'Audit log of every write to the API, newest first',
      querystring: { type: 'object', additionalProperties: false, properties: pageQueryProps },
      response: { 200: pageOf(entry) },
    },
    handler: async (request) => {
      const { limit, offset } = request.query;
      return { ...(await audit.list(limit, offset)), limit, offset };
    },
  });

  app.get('/audit/verify', {
    config: { roles: AUDITORS },
    schema: {
      tags: ['audit'],
      summary: "Recomputes the audit log's hash chain and names the first broken entry",
      response: {
        200: {
          type: 'object',
          required: ['ok', 'entries', 'head', 'firstBroken'],
          properties: {
            ok: { type: 'boolean' },
            entries: { type: 'integer' },
            head: { type: ['object', 'null'], properties: { seq: { type: 'integer' }, hash: { type: 'string' } } },
            firstBroken: { type: ['object', 'null'], properties: { seq: { type: 'integer' }, reason: { type: 'string' } } },
          },
        },
      },
    },
    handler: () => audit.verify(),
  });
}
