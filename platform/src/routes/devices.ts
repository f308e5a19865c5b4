import type { FastifyInstance } from 'fastify';
import { deviceDayEvidence } from '../certification/device-chain.js';
import { foldPending } from '../ingest/rollup/pending.js';
import { DEVICE_KINDS } from '@edgenet/proto';
import { DEVICE_SORTS, listDevices, type DeviceListQuery } from '../dashboard/device-list.js';
import { calendarOf } from '../domain/calendar.js';
import type { PlatformContext } from '../context.js';
import { deviceConnectionHistory, deviceDetail, recentHeartbeats, visibleDevice } from '../services/devices.js';
import { ALL_ROLES } from './access.js';
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
    // docs/devices.md: active, disabled (refused at CONNECT, not counted) or decommissioned.
    status: { type: 'string', enum: ['active', 'disabled', 'decommissioned'] },
    lastSeq: { type: 'integer' },
    enrolledAt: isoTime,
    firstSeenAt: nullableTime,
    lastSeenAt: nullableTime,
    // In listings: where the device is and how many workstations it serves now.
    enterpriseName: { type: 'string' },
    projectName: { type: 'string' },
    town: { type: 'string' },
    workstationsServed: { type: 'integer' },
    // What a person calls it (dashboard/hardware-label.ts): null where the inventory has no real value.
    model: { type: ['string', 'null'] },
    serial: { type: ['string', 'null'] },
  },
} as const;

const deviceDetailSchema = {
  ...device,
  properties: {
    ...device.properties,
    inventory: { type: 'object', additionalProperties: true },
    // How the device proved it is a distinct box (docs/tpm.md), and the EK certificate it proved it with.
    attestationLevel: { type: 'string', enum: ['tpm', 'software'] },
    ekIssuer: { type: ['string', 'null'] },
    ekSerial: { type: ['string', 'null'] },
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
    // The time the heartbeat counts under and why (ingest/filing.ts decides, once): a chart draws
    // filedAt, so a backlog sits where it happened and a wrong clock at its receive time.
    filedAt: isoTime,
    filing: { type: 'string', enum: ['received', 'device_time', 'untrusted_clock', 'before_enrollment'] },
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
        'Filtered, searched and sorted server-side. `q`: a device id, fingerprint or key id prefix, part of an ' +
        'enterprise or project name, or a town. Default order: newest enrollment first.',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...pageQueryProps,
          enterpriseId: uuidString,
          projectId: uuidString,
          online: { type: 'boolean' },
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
      const { items, total } = await listDevices(db, { ...request.query, scope: request.scope });
      return { items, total, limit, offset };
    },
  });

  app.get<{ Params: { id: string } }>('/devices/:id', {
    config: { roles: ALL_ROLES },
    schema: { tags: ['devices'], params: idParams, response: { 200: deviceDetailSchema, 404: errorResponse } },
    handler: (request) => deviceDetail(db, request.params.id, request.scope),
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
      const row = await visibleDevice(db, request.params.id, request.scope);
      // The anchor trails the stored heartbeats by the rollup period: fold what is pending first.
      await foldPending(db, calendar);
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
      const row = await visibleDevice(db, request.params.id, request.scope);
      return deviceConnectionHistory(db, row.id, request.query);
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
      const row = await visibleDevice(db, request.params.id, request.scope);
      return { items: await recentHeartbeats(db, row.id, request.query.limit) };
    },
  });
}
