// A device's life after enrollment (docs/devices.md): disable, re-enable, decommission, replace and
// move, each with a reason, by the operator (and an admin); and the status log anybody who may see
// the device may read. After the change commits, the registry and the broker learn of it here and,
// in a cluster, in every other worker (PlatformContext.applyDeviceStatus, ClusterLink.deviceStatus).
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';
import { changeStatus, moveDevice, replaceDevice, statusEvents, type StatusChange } from '../services/device-lifecycle.js';
import { visibleDevice } from '../services/devices.js';
import { ALL_ROLES, OPERATOR_ONLY, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, uuidString } from './schemas.js';

const STATUSES = ['active', 'disabled', 'decommissioned'] as const;
// Why, in the operator's words: kept in device_status_events for the bureau and a later witness.
const reason = { type: 'string', minLength: 3, maxLength: 500 } as const;

const changed = {
  type: 'object',
  required: ['id', 'status', 'changes'],
  properties: {
    id: uuidString,
    status: { type: 'string', enum: STATUSES },
    changes: {
      type: 'array',
      items: { type: 'object', required: ['deviceId', 'status'], properties: { deviceId: uuidString, status: { type: 'string', enum: STATUSES } } },
    },
  },
} as const;

const event = {
  type: 'object',
  required: ['seq', 'action', 'fromStatus', 'toStatus', 'reason', 'actor', 'at'],
  properties: {
    seq: { type: 'integer' },
    action: { type: 'string', enum: ['disable', 'enable', 'decommission', 'replace', 'move'] },
    fromStatus: { type: 'string', enum: STATUSES },
    toStatus: { type: 'string', enum: STATUSES },
    reason: { type: 'string' },
    relatedDeviceId: { type: ['string', 'null'], description: 'replace: the other device (the replacement, or the one replaced)' },
    fromProjectId: { type: ['string', 'null'] },
    toProjectId: { type: ['string', 'null'] },
    actor: { type: ['string', 'null'], description: 'the username of who did it; null: a token made for no person' },
    at: isoTime,
  },
} as const;

const responses = { 200: changed, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse } as const;

function body(extra: Record<string, object> = {}) {
  return { type: 'object', additionalProperties: false, required: ['reason', ...Object.keys(extra)], properties: { reason, ...extra } } as const;
}

type Params = { Params: { id: string } };

export async function deviceLifecycleRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;

  /** Tells this process's registry and broker, and the other workers, what changed. */
  async function applied(deviceId: string, changes: StatusChange[]) {
    for (const c of changes) {
      await ctx.applyDeviceStatus(c.deviceId, c.status);
      ctx.cluster.deviceStatus(c.deviceId, c.status);
    }
    return { id: deviceId, status: changes.find((c) => c.deviceId === deviceId)!.status, changes };
  }

  const simple = [
    ['disable', 'Disable a device: refused at CONNECT, its live session closed now, its heartbeats no longer counted'],
    ['enable', 'Re-enable a disabled device'],
    ['decommission', 'Decommission a device: kept for history, its workstations freed; it never connects again'],
  ] as const;
  for (const [action, summary] of simple) {
    app.post<Params & { Body: { reason: string } }>(`/devices/:id/${action}`, {
      config: { roles: OPERATOR_ONLY },
      schema: { tags: ['devices'], summary, params: idParams, body: body(), response: responses },
      handler: async (request) => {
        const req = { deviceId: request.params.id, reason: request.body.reason, actor: principalOf(request), at: ctx.clock() };
        return applied(request.params.id, await changeStatus(db, action, req, request.scope));
      },
    });
  }

  app.post<Params & { Body: { reason: string; replacementId: string } }>('/devices/:id/replace', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['devices'],
      summary: 'Replace a device: the replacement (enrolled, active, same enterprise) takes over its workstations; this one is decommissioned',
      params: idParams,
      body: body({ replacementId: uuidString }),
      response: responses,
    },
    handler: async (request) => {
      const { reason, replacementId } = request.body;
      const req = { deviceId: request.params.id, replacementId, reason, actor: principalOf(request), at: ctx.clock() };
      return applied(request.params.id, await replaceDevice(db, req, request.scope));
    },
  });

  app.post<Params & { Body: { reason: string; projectId: string } }>('/devices/:id/move', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['devices'],
      summary: 'Move a device to another project of the same enterprise',
      params: idParams,
      body: body({ projectId: uuidString }),
      response: responses,
    },
    handler: async (request) => {
      const { reason, projectId } = request.body;
      const req = { deviceId: request.params.id, projectId, reason, actor: principalOf(request), at: ctx.clock() };
      return applied(request.params.id, await moveDevice(db, req, request.scope));
    },
  });

  app.get<Params>('/devices/:id/status-events', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['devices'],
      summary: "A device's status changes, oldest first, with who made each and why (append-only)",
      params: idParams,
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: event } } }, 404: errorResponse },
    },
    handler: async (request) => {
      const row = await visibleDevice(db, request.params.id, request.scope);
      return { items: await statusEvents(db, row.id) };
    },
  });
}
