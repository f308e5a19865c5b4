import { and, count, eq, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { WORKSTATION_CODE_PATTERN } from '@edgenet/proto';
import { enterpriseScope } from '../auth/principal.js';
import { enterprises, workstations } from '../db/schema/index.js';
import { ERR_CONFLICT, ERR_NOT_FOUND } from '../errors.js';
import type { PlatformContext } from '../context.js';
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
      const [owner] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, enterpriseId));
      if (!owner) throw new ERR_NOT_FOUND('enterprise');
      const [row] = await db.insert(workstations).values({ enterpriseId, code, name }).onConflictDoNothing().returning();
      if (!row) throw new ERR_CONFLICT(`workstation ${code} is already registered for this enterprise`);
      return reply.code(201).send(row);
    },
  });

  app.get<{ Querystring: PageQuery & { enterpriseId?: string } }>('/workstations', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['workstations'],
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQueryProps, enterpriseId: uuidString } },
      response: { 200: pageOf(workstation) },
    },
    handler: async (request) => {
      const { limit, offset, enterpriseId } = request.query;
      const scope = enterpriseScope(principalOf(request));
      const filters: SQL[] = [];
      if (scope) filters.push(eq(workstations.enterpriseId, scope));
      if (enterpriseId) filters.push(eq(workstations.enterpriseId, enterpriseId));
      const where = and(...filters);
      const [items, [total]] = await Promise.all([
        db.select().from(workstations).where(where).orderBy(workstations.enterpriseId, workstations.code).limit(limit).offset(offset),
        db.select({ n: count() }).from(workstations).where(where),
      ]);
      return { items, total: total?.n ?? 0, limit, offset };
    },
  });
}
