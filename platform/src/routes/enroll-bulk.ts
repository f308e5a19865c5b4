// POST /api/v1/enroll/bulk: up to 1,000 new devices in one request and one transaction, for
// integrators who image many boxes at once and for the fleet simulator (enrollment fast enough
// for 100,000 devices). Same rules as /enroll — a token use per device, keys made by the
// devices, duplicate hardware flagged — except that re-enrollment of known hardware is refused here:
// it goes through /enroll, which keeps the device's history. A body over 256 KiB needs a token in
// the Authorization header (the enrollment token, or an API token) before it is read.
import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEVICE_KINDS, FINGERPRINT_PATTERN, WORKSTATION_CODE_PATTERN, type DeviceKindName } from '@edgenet/proto';
import { keyIdOf, publicKeyFromRaw } from '../auth/ed25519.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { principalForToken } from '../auth/principal.js';
import type { Database } from '../db/index.js';
import { deviceKeys, devices, enrollmentTokens, enrollmentTokenUses, workstationMappings, workstations } from '../db/schema/index.js';
import { ERR_CONFLICT, ERR_INVALID, ERR_UNAUTHENTICATED } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { brokerAddress, claimToken } from './enroll.js';
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
  const [live] = await db
    .select({ id: enrollmentTokens.id })
    .from(enrollmentTokens)
    .where(and(eq(enrollmentTokens.tokenHash, hashSecret(token)), gt(enrollmentTokens.expiresAt, new Date()), lt(enrollmentTokens.uses, enrollmentTokens.maxUses)))
    .limit(1);
  return live !== undefined || (token.length >= 16 && (await principalForToken(db, token)) !== null);
}

interface BulkDevice {
  kind: DeviceKindName;
  fingerprint: string;
  publicKey: string;
  agentVersion: string;
  inventory: Record<string, unknown>;
  workstations?: string[];
}

export async function enrollBulkRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db, config, log } = ctx;

  app.post<{ Body: { token: string; heartbeatIntervalMs?: number; devices: BulkDevice[] } }>('/enroll/bulk', {
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
          token: { type: 'string', minLength: 10, maxLength: 200 },
          heartbeatIntervalMs: { type: 'integer', minimum: 1_000, maximum: 3_600_000 },
          devices: {
            type: 'array',
            minItems: 1,
            maxItems: MAX_BATCH,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['kind', 'fingerprint', 'publicKey', 'agentVersion', 'inventory'],
              properties: {
                kind: { type: 'string', enum: [...DEVICE_KINDS] },
                fingerprint: { type: 'string', pattern: FINGERPRINT_PATTERN.source },
                publicKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
                agentVersion: { type: 'string', minLength: 1, maxLength: 64 },
                inventory: { type: 'object', maxProperties: 64 },
                workstations: { type: 'array', maxItems: 256, uniqueItems: true, items: { type: 'string', pattern: WORKSTATION_CODE_PATTERN.source } },
              },
            },
          },
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
      const { token, devices: batch } = request.body;
      const fingerprints = batch.map((d) => d.fingerprint);
      if (new Set(fingerprints).size !== fingerprints.length) throw new ERR_INVALID('body/devices holds the same fingerprint twice');
      for (const [i, d] of batch.entries()) {
        try {
          publicKeyFromRaw(d.publicKey);
        } catch {
          throw new ERR_INVALID(`body/devices/${i}/publicKey is not an Ed25519 public key`);
        }
      }
      const heartbeatIntervalMs = request.body.heartbeatIntervalMs ?? config.defaultHeartbeatIntervalMs;
      const passwords = batch.map(() => newSecret('mq'));
      const now = new Date();

      const result = await db.transaction(async (tx) => {
        const claimed = await claimToken(tx, token, now, request.ip, (id) => {
          request.auditActor = { kind: 'enrollment_token', id };
        }, batch.length);
        const known = await tx.select({ fingerprint: devices.fingerprint }).from(devices).where(inArray(devices.fingerprint, fingerprints));
        if (known.length > 0) {
          throw new ERR_CONFLICT(`${known.length} fingerprint(s) already enrolled (re-enroll those one by one with /enroll): ${known.slice(0, 5).map((k) => k.fingerprint.slice(0, 16)).join(', ')}`);
        }
        const created = await tx
          .insert(devices)
          .values(batch.map((d, i) => ({
            enterpriseId: claimed.enterpriseId, projectId: claimed.projectId, kind: d.kind, fingerprint: d.fingerprint, publicKey: d.publicKey,
            keyId: keyIdOf(d.publicKey), mqttPasswordHash: hashSecret(passwords[i]!), inventory: d.inventory, agentVersion: d.agentVersion, heartbeatIntervalMs,
          })))
          .returning({ id: devices.id, fingerprint: devices.fingerprint, publicKey: devices.publicKey, keyId: devices.keyId });
        await tx.insert(deviceKeys).values(created.map((c) => ({ deviceId: c.id, publicKey: c.publicKey, keyId: c.keyId })));
        await tx.insert(enrollmentTokenUses).values(created.map((c) => ({ tokenId: claimed.id, deviceId: c.id, remoteAddress: request.ip })));
        const idByFingerprint = new Map(created.map((c) => [c.fingerprint, c.id]));
        const claims = batch.flatMap((d) => (d.workstations ?? []).map((code) => ({ deviceId: idByFingerprint.get(d.fingerprint)!, code })));
        if (claims.length > 0) {
          const registered = await tx
            .select({ id: workstations.id, code: workstations.code })
            .from(workstations)
            .where(and(eq(workstations.enterpriseId, claimed.enterpriseId), inArray(workstations.code, [...new Set(claims.map((c) => c.code))])));
          const wsByCode = new Map(registered.map((w) => [w.code, w.id]));
          await tx.insert(workstationMappings).values(claims.map((c) => ({
            deviceId: c.deviceId, enterpriseId: claimed.enterpriseId, code: c.code, workstationId: wsByCode.get(c.code) ?? null, revision: 0, validFrom: now,
          })));
        }
        return { claimed, idByFingerprint };
      });

      log.info({ projectId: result.claimed.projectId, devices: batch.length }, 'devices enrolled in bulk');
      return reply.code(201).send({
        enterpriseId: result.claimed.enterpriseId,
        projectId: result.claimed.projectId,
        heartbeatIntervalMs,
        mqtt: brokerAddress(ctx, request.hostname),
        devices: batch.map((d, i) => ({ deviceId: result.idByFingerprint.get(d.fingerprint)!, fingerprint: d.fingerprint, password: passwords[i]! })),
      });
    },
  });
}
