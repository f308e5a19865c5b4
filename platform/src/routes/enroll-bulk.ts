// POST /api/v1/enroll/bulk: up to 1,000 new devices in one request and one transaction, for
// integrators who image many boxes at once and for the fleet simulator (enrollment fast enough
// for 100,000 devices). Same rules as /enroll — a token use per device, keys made by the devices,
// the same insert path (enrollment/insert-devices.ts) — except for hardware already enrolled:
// a batch naming a fingerprint twice is refused (400), and one naming a fingerprint enrolled in
// any enterprise is refused whole (409); such hardware goes through /enroll, which re-enrolls it
// with its history kept or flags it duplicate_hardware (enrollment/duplicates.ts). A body over
// 256 KiB needs a token in the Authorization header (the enrollment token, or an API token)
// before it is read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ENROLLING_DEVICE_SCHEMA, ENROLLMENT_TOKEN_SCHEMA, HEARTBEAT_INTERVAL_SCHEMA, type EnrollingDevice } from '@edgenet/proto';
import { principalForToken } from '../auth/principal.js';
import type { Database } from '../db/index.js';
import { brokerAddress } from '../enrollment/broker-address.js';
import { enrollBatch } from '../enrollment/enroll-batch.js';
import { isLiveToken } from '../enrollment/token.js';
import { ERR_UNAUTHENTICATED } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { errorResponse, uuidString } from './schemas.js';

const MAX_BATCH = 1_000;
const BODY_LIMIT = 8 * 1024 * 1024; // 8 MiB: 1,000 devices with their inventories
// What a caller may send before showing a token: the body limit of every other route (app.ts), so
// an anonymous request costs no more here than anywhere else; a few hundred devices.
const ANONYMOUS_BODY_LIMIT = 256 * 1024; // 256 KiB

/**
 * Decided from the headers, before a byte of the body is read: a body larger than 256 KiB (or of
 * unknown length) is read only for a caller whose Authorization header carries a live enrollment
 * token or an API token. Otherwise anyone could make the platform read and parse 8 MiB per
 * request for free; the 401 closes the connection so the unread body is not drained either.
 */
async function mayReadLargeBody(db: Database, request: FastifyRequest): Promise<boolean> {
  const declared = request.headers['content-length'] === undefined ? NaN : Number(request.headers['content-length']);
  if (request.headers['transfer-encoding'] === undefined && declared <= ANONYMOUS_BODY_LIMIT) return true;
  const token = /^Bearer (\S{10,200})$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return false;
  return (await isLiveToken(db, token)) || (token.length >= 16 && (await principalForToken(db, token, new Date())) !== null);
}

interface BulkBody {
  token: string;
  heartbeatIntervalMs?: number;
  devices: EnrollingDevice[];
}

export async function enrollBulkRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db, config, log } = ctx;

  app.post<{ Body: BulkBody }>('/enroll/bulk', {
    bodyLimit: BODY_LIMIT,
    onRequest: async (request, reply) => {
      if (await mayReadLargeBody(db, request)) return;
      reply.header('connection', 'close');
      throw new ERR_UNAUTHENTICATED();
    },
    schema: {
      tags: ['enrollment'],
      summary: 'Enroll up to 1,000 new devices with one enrollment token (one use per device)',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['token', 'devices'],
        properties: {
          token: ENROLLMENT_TOKEN_SCHEMA,
          heartbeatIntervalMs: HEARTBEAT_INTERVAL_SCHEMA,
          devices: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: ENROLLING_DEVICE_SCHEMA },
        },
      },
      response: {
        201: {
          type: 'object',
          properties: {
            enterpriseId: uuidString,
            projectId: uuidString,
            heartbeatIntervalMs: { type: 'integer' },
            mqtt: { type: 'object', additionalProperties: { type: 'string' } },
            devices: {
              type: 'array',
              items: { type: 'object', properties: { deviceId: uuidString, fingerprint: { type: 'string' }, password: { type: 'string' } } },
            },
          },
        },
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        409: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const heartbeatIntervalMs = request.body.heartbeatIntervalMs ?? config.defaultHeartbeatIntervalMs;
      const enrolled = await enrollBatch(
        ctx,
        {
          token: request.body.token,
          remoteAddress: request.ip,
          at: new Date(),
          onTokenSeen: (id) => {
            request.auditActor = { kind: 'enrollment_token', id };
          },
        },
        request.body.devices,
        heartbeatIntervalMs,
      );
      log.info({ projectId: enrolled.token.projectId, devices: enrolled.devices.length }, 'devices enrolled in bulk');
      return reply.code(201).send({
        enterpriseId: enrolled.token.enterpriseId,
        projectId: enrolled.token.projectId,
        heartbeatIntervalMs,
        mqtt: brokerAddress(ctx, request.hostname),
        devices: enrolled.devices,
      });
    },
  });
}
