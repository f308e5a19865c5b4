// Fraud and integrity flags: listed for the operator and the bureau (an enterprise sees its own
// devices' flags), resolved only by the operator, with who and why kept beside the flag.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';
import { actorOf } from '../services/actor.js';
import { listFlags, moveDuplicateFlag, resolveFlag } from '../services/flags.js';
import { ALL_ROLES, OPERATOR_ONLY, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, nullable, pageOf, pageQueryProps, textCode, uuidString, type PageQuery } from './schemas.js';

const flag = {
  type: 'object',
  properties: {
    id: uuidString,
    deviceId: uuidString,
    enterpriseId: uuidString,
    kind: { type: 'string' },
    reason: { type: 'string' },
    ...textCode,
    evidence: { type: 'object', additionalProperties: true },
    createdAt: isoTime,
    resolvedAt: nullable(isoTime),
    resolvedBy: nullable(uuidString),
    resolvedByName: nullable({ type: 'string' }),
    resolution: nullable({ type: 'string' }),
  },
} as const;

export async function flagRoutes(app: FastifyInstance, { db, flags }: PlatformContext): Promise<void> {
  app.get<{ Querystring: PageQuery & { open?: boolean; deviceId?: string } }>('/flags', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['flags'],
      summary: 'Device flags with reason and evidence, newest first',
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQueryProps, open: { type: 'boolean' }, deviceId: uuidString } },
      response: { 200: pageOf(flag) },
    },
    handler: (request) => listFlags(db, request.scope, { open: request.query.open, deviceId: request.query.deviceId }, request.query),
  });

  app.post<{ Params: { id: string }; Body: { resolution: string } }>('/flags/:id/resolve', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['flags'],
      summary: 'Resolve a flag, saying why (the device counts again if nothing else disqualifies it)',
      params: idParams,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['resolution'],
        properties: { resolution: { type: 'string', minLength: 10, maxLength: 2000 } },
      },
      response: { 200: flag, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request) => {
      const row = await resolveFlag(db, flags, request.params.id, actorOf(principalOf(request)), request.body.resolution);
      request.log.warn({ flagId: row.id, deviceId: row.deviceId, kind: row.kind }, 'flag resolved');
      return row;
    },
  });

  app.post<{ Params: { id: string }; Body: { toDeviceId: string; reason: string } }>('/flags/:id/move', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['flags'],
      summary: 'Move a duplicate_hardware flag to the other device claiming the same hardware (the one found to be the duplicate)',
      description:
        'Enrollment flags the newcomer; when the newcomer is the real box and the earlier device claimed its serials first, ' +
        'this resolves the flag and raises it on that device in one step. Answers the new flag.',
      params: idParams,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['toDeviceId', 'reason'],
        properties: { toDeviceId: uuidString, reason: { type: 'string', minLength: 10, maxLength: 2000 } },
      },
      response: { 200: flag, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request) => {
      const row = await moveDuplicateFlag(db, flags, request.params.id, request.body.toDeviceId, actorOf(principalOf(request)), request.body.reason);
      request.log.warn({ flagId: request.params.id, toDeviceId: row.deviceId, newFlagId: row.id }, 'duplicate_hardware flag moved');
      return row;
    },
  });
}
