// POST /api/v1/enroll: a device presents an enrollment token and its public key and gets MQTT
// credentials (docs/protocol.md §1). The flow, in named steps:
//   claimToken → checkKey → upsertDevice (new, or re-enrollment of the same hardware) → mapWorkstations
// Everything that changes the database happens in one transaction, so a refused enrollment leaves
// no partial device behind.
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DEVICE_KINDS, FINGERPRINT_PATTERN, WORKSTATION_CODE_PATTERN, type DeviceKindName } from '@edgenet/proto';
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { Database } from '../db/index.js';
import { deviceKeys, devices, enrollmentTokenUses, enrollmentTokens, projects, workstationMappings } from '../db/schema/index.js';
import { ERR_ENROLL_TOKEN, ERR_INVALID } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { keyIdOf, publicKeyFromRaw } from '../auth/ed25519.js';
import { replaceWorkstationMapping } from '../ingest/workstation-mapping.js';
import { errorResponse, uuidString } from './schemas.js';

interface EnrollBody {
  token: string;
  kind: DeviceKindName;
  fingerprint: string;
  publicKey: string;
  agentVersion: string;
  inventory: Record<string, unknown>;
  workstations?: string[];
  heartbeatIntervalMs?: number;
}

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export async function enrollRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db, registry, config, log } = ctx;

  app.post<{ Body: EnrollBody }>('/enroll', {
    bodyLimit: 64 * 1024, // 64 KiB: an inventory is a few KiB
    schema: {
      tags: ['enrollment'],
      summary: 'Enroll a device with an enrollment token (no bearer token needed)',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['token', 'kind', 'fingerprint', 'publicKey', 'agentVersion', 'inventory'],
        properties: {
          token: { type: 'string', minLength: 10, maxLength: 200 },
          kind: { type: 'string', enum: [...DEVICE_KINDS] },
          fingerprint: { type: 'string', pattern: FINGERPRINT_PATTERN.source },
          publicKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$', description: 'raw Ed25519 public key, base64url' },
          agentVersion: { type: 'string', minLength: 1, maxLength: 64 },
          inventory: { type: 'object', maxProperties: 64 },
          workstations: {
            type: 'array',
            maxItems: 256,
            uniqueItems: true,
            items: { type: 'string', pattern: WORKSTATION_CODE_PATTERN.source },
          },
          heartbeatIntervalMs: { type: 'integer', minimum: 1_000, maximum: 3_600_000 },
        },
      },
      response: {
        201: {
          type: 'object',
          required: ['deviceId', 'enterpriseId', 'projectId', 'reenrolled', 'heartbeatIntervalMs', 'mqtt'],
          properties: {
            deviceId: uuidString,
            enterpriseId: uuidString,
            projectId: uuidString,
            reenrolled: { type: 'boolean' },
            keyChanged: { type: 'boolean' },
            heartbeatIntervalMs: { type: 'integer' },
            nextSeq: { type: 'integer', description: 'lowest heartbeat seq the platform will accept from this device' },
            mqtt: {
              type: 'object',
              properties: {
                url: { type: 'string', description: 'plain mqtt:// when EDGENET_MQTT_PLAIN=true, else the same as tlsUrl' },
                tlsUrl: { type: 'string', description: 'mqtts://host:port' },
                caFingerprint: { type: 'string', description: "SHA-256 of the platform CA's DER, colon-separated hex: pin it" },
                caCertificate: { type: 'string', description: 'the platform CA (PEM); accept it only if its fingerprint matches' },
                clientId: { type: 'string' },
                username: { type: 'string' },
                password: { type: 'string' },
              },
            },
          },
        },
        400: errorResponse,
        403: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const body = request.body;
      checkKey(body.publicKey);
      const password = newSecret('mq');
      const heartbeatIntervalMs = body.heartbeatIntervalMs ?? config.defaultHeartbeatIntervalMs;
      const now = new Date();

      const result = await db.transaction(async (tx) => {
        const token = await claimToken(tx, body.token, now, request.ip, (id) => {
          request.auditActor = { kind: 'enrollment_token', id }; // a refused use is audited with its token
        });
        const device = await upsertDevice(tx, token, body, hashSecret(password), heartbeatIntervalMs);
        await flagDuplicates(tx, ctx, device, body.fingerprint, now);
        await tx.insert(enrollmentTokenUses).values({ tokenId: token.id, deviceId: device.id, remoteAddress: request.ip });
        if (body.workstations) {
          await replaceWorkstationMapping(tx, { id: device.id, enterpriseId: token.enterpriseId }, body.workstations, 0, now);
        }
        return { ...device, projectId: token.projectId, enterpriseId: token.enterpriseId };
      });

      registry.forget(result.id);
      log.info({ deviceId: result.id, projectId: result.projectId, reenrolled: result.reenrolled, keyChanged: result.keyChanged }, 'device enrolled');
      return reply.code(201).send({
        deviceId: result.id,
        enterpriseId: result.enterpriseId,
        projectId: result.projectId,
        reenrolled: result.reenrolled,
        keyChanged: result.keyChanged,
        heartbeatIntervalMs,
        nextSeq: result.lastSeq + 1,
        mqtt: { ...brokerAddress(ctx, request.hostname), clientId: result.id, username: result.id, password },
      });
    },
  });
}

/** Where and how a newly enrolled device reaches the broker. */
export function brokerAddress(ctx: PlatformContext, requestHost: string) {
  // The host the device reached the API on is the best guess of how it reaches the broker.
  const host = requestHost.replace(/:\d+$/, '');
  const mqttPort = ctx.mqttPort();
  const tlsUrl = ctx.config.mqttsPublicUrl ?? `mqtts://${host}:${ctx.mqttsPort()}`;
  const plainUrl = ctx.config.mqttPublicUrl ?? (mqttPort === null ? null : `mqtt://${host}:${mqttPort}`);
  return { url: plainUrl ?? tlsUrl, tlsUrl, caFingerprint: ctx.tls.caFingerprint, caCertificate: ctx.tls.ca };
}

/**
 * Duplicate hardware (issue #4): the same fingerprint on a device of another enterprise, or a new
 * key for this hardware while the device enrolled with the old key is still connected (a clone).
 * Every device involved is flagged, and none counts until the operator resolves it.
 */
async function flagDuplicates(
  tx: Tx,
  { flags }: PlatformContext,
  device: { id: string; keyChanged: boolean },
  fingerprint: string,
  now: Date,
): Promise<void> {
  const twins = await tx.select({ id: devices.id, enterpriseId: devices.enterpriseId }).from(devices).where(eq(devices.fingerprint, fingerprint));
  if (twins.length > 1) {
    const evidence = { fingerprint, devices: twins.map((t) => t.id).sort(), detectedAt: now.toISOString() };
    for (const twin of twins) {
      await flags.raise(twin.id, 'duplicate_hardware', `${twins.length} enrolled devices share hardware fingerprint ${fingerprint.slice(0, 16)}…`, evidence, tx);
    }
  }
  // devices.online, not this process's memory: another platform instance may hold the connection.
  const [current] = device.keyChanged ? await tx.select({ online: devices.online }).from(devices).where(eq(devices.id, device.id)) : [];
  if (current?.online) {
    await flags.raise(device.id, 'duplicate_hardware', 'the hardware re-enrolled with a new key while the device was connected with its old key', {
      fingerprint, detectedAt: now.toISOString(),
    }, tx);
  }
}

function checkKey(publicKey: string): void {
  try {
    publicKeyFromRaw(publicKey);
  } catch {
    throw new ERR_INVALID('body/publicKey is not an Ed25519 public key');
  }
}

export interface ClaimedToken {
  id: string;
  projectId: string;
  enterpriseId: string;
}

/** Takes one use of the token, atomically: two devices racing for the last use cannot both win. */
export async function claimToken(tx: Tx, token: string, now: Date, ip: string, seen: (tokenId: string) => void, count = 1): Promise<ClaimedToken> {
  const [row] = await tx
    .select({ id: enrollmentTokens.id, projectId: enrollmentTokens.projectId, enterpriseId: projects.enterpriseId,
      uses: enrollmentTokens.uses, maxUses: enrollmentTokens.maxUses, expiresAt: enrollmentTokens.expiresAt })
    .from(enrollmentTokens)
    .innerJoin(projects, eq(projects.id, enrollmentTokens.projectId))
    .where(eq(enrollmentTokens.tokenHash, hashSecret(token)));
  if (!row) throw new ERR_ENROLL_TOKEN('unknown token');
  seen(row.id);
  if (row.expiresAt <= now) throw new ERR_ENROLL_TOKEN(`expired at ${row.expiresAt.toISOString()}`);
  const [claimed] = await tx
    .update(enrollmentTokens)
    .set({ uses: sql`${enrollmentTokens.uses} + ${count}` })
    .where(and(eq(enrollmentTokens.id, row.id), gte(enrollmentTokens.maxUses, sql`${enrollmentTokens.uses} + ${count}`)))
    .returning({ id: enrollmentTokens.id });
  if (!claimed) {
    throw new ERR_ENROLL_TOKEN(`already used ${row.uses} of ${row.maxUses} times (from ${ip})${count > 1 ? `; ${count} more asked` : ''}`);
  }
  return { id: row.id, projectId: row.projectId, enterpriseId: row.enterpriseId };
}

/**
 * Same hardware (fingerprint) already enrolled in this enterprise → the same device, history kept,
 * new credentials; a new key on it is recorded in device_keys. Otherwise a new device.
 */
async function upsertDevice(tx: Tx, token: ClaimedToken, body: EnrollBody, passwordHash: string, heartbeatIntervalMs: number) {
  const keyId = keyIdOf(body.publicKey);
  const fields = {
    projectId: token.projectId,
    kind: body.kind,
    publicKey: body.publicKey,
    keyId,
    mqttPasswordHash: passwordHash,
    inventory: body.inventory,
    agentVersion: body.agentVersion,
    heartbeatIntervalMs,
  };
  const [existing] = await tx
    .select({ id: devices.id, keyId: devices.keyId, lastSeq: devices.lastSeq })
    .from(devices)
    .where(and(eq(devices.enterpriseId, token.enterpriseId), eq(devices.fingerprint, body.fingerprint)))
    .limit(1);
  if (existing) {
    await tx.update(devices).set(fields).where(eq(devices.id, existing.id));
    const keyChanged = existing.keyId !== keyId;
    if (keyChanged) await tx.insert(deviceKeys).values({ deviceId: existing.id, publicKey: body.publicKey, keyId });
    // A re-enrolled device declares its workstations anew (at enrollment or in its first mapping
    // message), possibly from a wiped state dir whose revision counter restarted.
    await tx.update(workstationMappings).set({ validTo: new Date() }).where(and(eq(workstationMappings.deviceId, existing.id), isNull(workstationMappings.validTo)));
    return { id: existing.id, reenrolled: true, keyChanged, lastSeq: existing.lastSeq };
  }
  const [created] = await tx
    .insert(devices)
    .values({ ...fields, enterpriseId: token.enterpriseId, fingerprint: body.fingerprint })
    .returning({ id: devices.id });
  await tx.insert(deviceKeys).values({ deviceId: created!.id, publicKey: body.publicKey, keyId });
  return { id: created!.id, reenrolled: false, keyChanged: false, lastSeq: 0 };
}
