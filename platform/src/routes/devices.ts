import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { enterpriseScope } from '../auth/principal.js';
import { deviceDayEvidence } from '../certification/device-chain.js';
import { deviceConnections, devices, heartbeats, workstationMappings } from '../db/schema/index.js';
import { DEVICE_KINDS } from '@edgenet/proto';
import { DEVICE_COLUMNS, DEVICE_SORTS, listDevices, type DeviceListQuery } from '../dashboard/device-list.js';
import { calendarOf } from '../domain/calendar.js';
import { ERR_NOT_FOUND } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { ALL_ROLES, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

const device = {
  type: 'object',
  required: ['id', 'enterpriseId', 'projectId', 'kind', 'online'],
  properties: {
    id: uuidString,
    enterpriseId: uuidString,
    projectId: uuidString,
    kind: { type: 'string' },
    fingerprint: { type: 'string' },
    keyId: { type: 'string' },
    agentVersion: { type: 'string' },
    heartbeatIntervalMs: { type: 'integer' },
    online: { type: 'boolean' },
    lastSeq: { type: 'integer' },
    enrolledAt: isoTime,
    firstSeenAt: nullableTime,
    lastSeenAt: nullableTime,
    // In listings (issue 6): where the device is and how many workstations it serves now.
    enterpriseName: { type: 'string' },
    projectName: { type: 'string' },
    town: { type: 'string' },
    workstationsServed: { type: 'integer' },
  },
} as const;

const deviceDetail = {
  ...device,
  properties: {
    ...device.properties,
    inventory: { type: 'object', additionalProperties: true },
    workstations: { type: 'array', items: { type: 'string' } },
    // The agent's store-and-forward queue as its newest heartbeat reported it: its backlog, and
    // what its bounded queue has discarded (a gap in seq is explained by `dropped`). Null before the
    // first heartbeat that carried it.
    queue: {
      type: ['object', 'null'],
      required: ['depth', 'dropped', 'seq', 'receivedAt'],
      properties: { depth: { type: 'integer' }, dropped: { type: 'integer' }, seq: { type: 'integer' }, receivedAt: isoTime },
    },
  },
} as const;

const heartbeat = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    receivedAt: isoTime,
    deviceTime: isoTime,
    clockUntrusted: { type: 'boolean' },
    uptimeS: { type: 'integer' },
    cpuPercent: { type: 'number' },
    memoryUsedBytes: { type: 'integer' },
    memoryTotalBytes: { type: 'integer' },
    diskUsedBytes: { type: 'integer' },
    diskTotalBytes: { type: 'integer' },
    temperatureC: { type: ['number', 'null'] },
    inferenceTotal: { type: 'integer' },
    inferenceErrors: { type: 'integer' },
    // Per model and workstation: name, count, errors, p50Ms, p99Ms, workstationCode, loaded, … (proto ModelCounters).
    inferenceModels: { type: ['array', 'null'], items: { type: 'object', additionalProperties: true } },
    queueDepth: { type: ['integer', 'null'] },
    queueDropped: { type: ['integer', 'null'] },
  },
} as const;

const connection = {
  type: 'object',
  required: ['at', 'event', 'cause'],
  properties: {
    at: isoTime,
    event: { type: 'string', enum: ['online', 'offline'] },
    cause: { type: 'string' },
    remoteAddress: { type: ['string', 'null'] },
  },
} as const;


interface ListQuery extends PageQuery, Pick<DeviceListQuery, 'town' | 'kind' | 'q' | 'sort' | 'order'> {
  enterpriseId?: string;
  projectId?: string;
  online?: boolean;
}

export async function deviceRoutes(app: FastifyInstance, { db, policy }: PlatformContext): Promise<void> {
  const calendar = calendarOf(policy);
  app.get<{ Querystring: ListQuery }>('/devices', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['devices'],
      summary: 'List devices with online state and last-seen time',
      description:
        'Filtered, searched and sorted server-side (issue 6). `q`: a device id, fingerprint or key id prefix, part of an ' +
        'enterprise or project name, or a town. Default order: newest enrollment first.',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...pageQueryProps, enterpriseId: uuidString, projectId: uuidString, online: { type: 'boolean' },
          town: { type: 'string', minLength: 1, maxLength: 100 },
          kind: { type: 'string', enum: [...DEVICE_KINDS] },
          q: { type: 'string', minLength: 1, maxLength: 100 },
          sort: { type: 'string', enum: [...DEVICE_SORTS], default: 'enrolledAt' },
          order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
        },
      },
      response: { 200: pageOf(device) },
    },
    handler: async (request) => {
      const { limit, offset } = request.query;
      const { items, total } = await listDevices(db, { ...request.query, scope: enterpriseScope(principalOf(request)) });
      return { items, total, limit, offset };
    },
  });

  /** Loads a device the caller may see, or throws 404 (another enterprise's device is not disclosed). */
  async function visibleDevice(id: string, scope: string | null) {
    const [row] = await db.select({ ...DEVICE_COLUMNS, inventory: devices.inventory }).from(devices).where(eq(devices.id, id));
    if (!row || (scope && scope !== row.enterpriseId)) throw new ERR_NOT_FOUND('device');
    return row;
  }

  app.get<{ Params: { id: string } }>('/devices/:id', {
    config: { roles: ALL_ROLES },
    schema: { tags: ['devices'], params: idParams, response: { 200: deviceDetail, 404: errorResponse } },
    handler: async (request) => {
      const row = await visibleDevice(request.params.id, enterpriseScope(principalOf(request)));
      const mapped = await db
        .select({ code: workstationMappings.code })
        .from(workstationMappings)
        .where(and(eq(workstationMappings.deviceId, row.id), isNull(workstationMappings.validTo)))
        .orderBy(workstationMappings.code);
      // The newest heartbeat through the primary key (device_id, seq): one index probe.
      const [latest] = await db
        .select({ depth: heartbeats.queueDepth, dropped: heartbeats.queueDropped, seq: heartbeats.seq, receivedAt: heartbeats.receivedAt })
        .from(heartbeats)
        .where(eq(heartbeats.deviceId, row.id))
        .orderBy(desc(heartbeats.seq))
        .limit(1);
      const queue = latest && latest.depth !== null && latest.dropped !== null ? latest : null;
      return { ...row, workstations: mapped.map((m) => m.code), queue };
    },
  });

  app.get<{ Params: { id: string; day: string } }>('/devices/:id/chain/:day', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['devices'],
      summary: "One device-day of device-signed evidence: the signed anchor, the day's heartbeat bodies and the device's keys",
      description: 'Check it offline with verifyDeviceDay (docs/evidence.md).',
      params: { type: 'object', required: ['id', 'day'], properties: { id: uuidString, day: { type: 'string', format: 'date' } } },
    },
    handler: async (request) => {
      const row = await visibleDevice(request.params.id, enterpriseScope(principalOf(request)));
      return deviceDayEvidence(db, calendar, row.id, request.params.day);
    },
  });

  app.get<{ Params: { id: string }; Querystring: PageQuery }>('/devices/:id/connections', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['devices'],
      summary: "One device's connection history (online/offline transitions with cause and address), newest first",
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: pageQueryProps },
      response: { 200: pageOf(connection), 404: errorResponse },
    },
    handler: async (request) => {
      const row = await visibleDevice(request.params.id, enterpriseScope(principalOf(request)));
      const { limit, offset } = request.query;
      const where = eq(deviceConnections.deviceId, row.id);
      const [items, total] = await Promise.all([
        db.select({ at: deviceConnections.at, event: deviceConnections.event, cause: deviceConnections.cause, remoteAddress: deviceConnections.remoteAddress })
          .from(deviceConnections).where(where).orderBy(desc(deviceConnections.at), desc(deviceConnections.id)).limit(limit).offset(offset),
        db.$count(deviceConnections, where),
      ]);
      return { items, total, limit, offset };
    },
  });

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>('/devices/:id/heartbeats', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['devices'],
      summary: "One device's most recent heartbeats, newest first",
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: { limit: pageQueryProps.limit } },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: heartbeat } } }, 404: errorResponse },
    },
    handler: async (request) => {
      const row = await visibleDevice(request.params.id, enterpriseScope(principalOf(request)));
      const items = await db
        .select()
        .from(heartbeats)
        .where(eq(heartbeats.deviceId, row.id))
        .orderBy(desc(heartbeats.seq))
        .limit(request.query.limit);
      return { items };
    },
  });
}
