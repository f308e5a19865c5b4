// Alarms (docs/alarms.md): listed and shown to every role within its scope (an enterprise sees its
// own enterprise's alarms only, and not the platform's own), acknowledged by the operator or the
// enterprise concerned, assigned by the operator; the bureau reads. Writes are audited (app.ts).
import type { FastifyInstance } from 'fastify';
import { ALARM_KINDS } from '../alarms/conditions.js';
import type { PlatformContext } from '../context.js';
import { acknowledgeAlarm, assignAlarm, listAlarms, showAlarm, type AlarmFilter } from '../services/alarms.js';
import { ALL_ROLES, OPERATOR_ONLY, WRITERS, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, nullable, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const STATES = ['raised', 'acknowledged', 'cleared'] as const;
const alarm = {
  type: 'object',
  required: ['id', 'kind', 'state', 'raisedAt'],
  properties: {
    id: uuidString,
    kind: { type: 'string', enum: ALARM_KINDS },
    subject: { type: 'string', description: 'what the condition is about: a device id, an enterprise id, ingest or tls' },
    state: { type: 'string', enum: STATES },
    deviceId: nullable(uuidString),
    enterpriseId: nullable(uuidString),
    details: { type: 'object', additionalProperties: true },
    raisedAt: isoTime,
    acknowledgedAt: nullable(isoTime),
    assigneeId: nullable(uuidString),
    assigneeName: nullable({ type: 'string', description: "the assignee's username" }),
    clearedAt: nullable(isoTime),
  },
} as const;
const withHistory = {
  ...alarm,
  required: [...alarm.required, 'history'],
  properties: {
    ...alarm.properties,
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: isoTime,
          action: { type: 'string', enum: ['raised', 'acknowledged', 'assigned', 'cleared'] },
          actorId: nullable(uuidString),
          actorName: nullable({ type: 'string' }),
          comment: nullable({ type: 'string' }),
          assigneeId: nullable(uuidString),
        },
      },
    },
  },
} as const;
const comment = { type: 'string', minLength: 1, maxLength: 2000 } as const;

export async function alarmRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;

  app.get<{ Querystring: PageQuery & AlarmFilter }>('/alarms', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['alarms'],
      summary: 'Alarms, newest first, filtered by state (open: not cleared), kind, device, enterprise or assignee',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...pageQueryProps,
          state: { type: 'string', enum: ['open', ...STATES] },
          kind: { type: 'string', enum: ALARM_KINDS },
          deviceId: uuidString,
          enterpriseId: uuidString,
          assigneeId: uuidString,
        },
      },
      response: { 200: pageOf(alarm) },
    },
    handler: (request) => {
      const { limit, offset, ...filter } = request.query;
      return listAlarms(db, request.scope, filter, { limit, offset });
    },
  });

  app.get<{ Params: { id: string } }>('/alarms/:id', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['alarms'],
      summary: 'One alarm with its history: who did what and when',
      params: idParams,
      response: { 200: withHistory, 404: errorResponse },
    },
    handler: (request) => showAlarm(db, request.scope, request.params.id),
  });

  app.post<{ Params: { id: string }; Body: { comment: string } }>('/alarms/:id/acknowledge', {
    config: { roles: WRITERS },
    schema: {
      tags: ['alarms'],
      summary: 'Acknowledge an alarm with a comment (an enterprise: its own alarms only)',
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['comment'], properties: { comment } },
      response: { 200: withHistory, 404: errorResponse, 409: errorResponse },
    },
    handler: (request) => acknowledgeAlarm(db, principalOf(request), request.scope, request.params.id, request.body.comment, ctx.clock()),
  });

  app.post<{ Params: { id: string }; Body: { accountId: string; comment?: string } }>('/alarms/:id/assign', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['alarms'],
      summary: "Assign an alarm to a person: operator staff, or the alarm's enterprise's own staff",
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['accountId'], properties: { accountId: uuidString, comment } },
      response: { 200: withHistory, 400: errorResponse, 404: errorResponse },
    },
    handler: (request) => assignAlarm(db, principalOf(request), request.params.id, request.body.accountId, request.body.comment ?? null, ctx.clock()),
  });
}
