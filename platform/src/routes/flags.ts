// Fraud and integrity flags: listed for the operator and the bureau (an enterprise sees its own
// devices' flags), resolved only by the operator, with who and why kept beside the flag (issue #4).
import { and, desc, eq, isNull, isNotNull, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { enterpriseScope } from '../auth/principal.js';
import { deviceFlags, devices } from '../db/schema/index.js';
import { ERR_CONFLICT, ERR_NOT_FOUND } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { ALL_ROLES, OPERATOR_ONLY, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const nullable = (s: object) => ({ anyOf: [s, { type: 'null' }] });
const flag = {
  type: 'object',
  properties: {
    id: uuidString,
    deviceId: uuidString,
    enterpriseId: uuidString,
    kind: { type: 'string' },
    reason: { type: 'string' },
    evidence: { type: 'object', additionalProperties: true },
    createdAt: isoTime,
    resolvedAt: nullable(isoTime),
    resolvedBy: nullable(uuidString),
    resolution: nullable({ type: 'string' }),
  },
} as const;

export async function flagRoutes(app: FastifyInstance, { db, flags }: PlatformContext): Promise<void> {
  const columns = {
    id: deviceFlags.id, deviceId: deviceFlags.deviceId, enterpriseId: devices.enterpriseId, kind: deviceFlags.kind, reason: deviceFlags.reason,
    evidence: deviceFlags.evidence, createdAt: deviceFlags.createdAt, resolvedAt: deviceFlags.resolvedAt, resolvedBy: deviceFlags.resolvedBy,
    resolution: deviceFlags.resolution,
  };

  app.get<{ Querystring: PageQuery & { open?: boolean; deviceId?: string } }>('/flags', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['flags'],
      summary: 'Device flags with reason and evidence, newest first',
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQueryProps, open: { type: 'boolean' }, deviceId: uuidString } },
      response: { 200: pageOf(flag) },
    },
    handler: async (request) => {
      const { limit, offset, open, deviceId } = request.query;
      const scope = enterpriseScope(principalOf(request));
      const filters: SQL[] = [];
      if (scope) filters.push(eq(devices.enterpriseId, scope));
      if (deviceId) filters.push(eq(deviceFlags.deviceId, deviceId));
      if (open !== undefined) filters.push(open ? isNull(deviceFlags.resolvedAt) : isNotNull(deviceFlags.resolvedAt));
      const where = and(...filters);
      const base = () => db.select(columns).from(deviceFlags).innerJoin(devices, eq(devices.id, deviceFlags.deviceId)).where(where);
      const [items, all] = await Promise.all([base().orderBy(desc(deviceFlags.createdAt), deviceFlags.id).limit(limit).offset(offset), base()]);
      return { items, total: all.length, limit, offset };
    },
  });

  app.post<{ Params: { id: string }; Body: { resolution: string } }>('/flags/:id/resolve', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['flags'],
      summary: 'Resolve a flag, saying why (the device counts again if nothing else disqualifies it)',
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['resolution'], properties: { resolution: { type: 'string', minLength: 10, maxLength: 2000 } } },
      response: { 200: flag, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request) => {
      const [updated] = await db
        .update(deviceFlags)
        .set({ resolvedAt: new Date(), resolvedBy: principalOf(request).tokenId, resolution: request.body.resolution })
        .where(and(eq(deviceFlags.id, request.params.id), isNull(deviceFlags.resolvedAt)))
        .returning();
      if (!updated) {
        const [exists] = await db.select({ id: deviceFlags.id }).from(deviceFlags).where(eq(deviceFlags.id, request.params.id));
        throw exists ? new ERR_CONFLICT('the flag is already resolved') : new ERR_NOT_FOUND('flag');
      }
      flags.resolved(updated.deviceId, updated.kind);
      request.log.warn({ flagId: updated.id, deviceId: updated.deviceId, kind: updated.kind }, 'flag resolved');
      const [row] = await db.select(columns).from(deviceFlags).innerJoin(devices, eq(devices.id, deviceFlags.deviceId)).where(eq(deviceFlags.id, updated.id));
      return row;
    },
  });
}
