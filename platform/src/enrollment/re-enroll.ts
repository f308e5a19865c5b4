// Hardware already enrolled in the token's enterprise enrolls again (a reinstalled box, a wiped
// state dir): the same device, its history kept, with new credentials. A new key is recorded in
// device_keys beside the old ones, never hidden (docs/protocol.md §1).
import { and, eq, sql } from 'drizzle-orm';
import { keyIdOf } from '@edgenet/proto';
import type { Database } from '../db/index.js';
import { ERR_DEVICE_STATUS } from '../errors.js';
import { deviceKeys, devices, enrollmentTokenUses, heartbeats } from '../db/schema/index.js';
import { appendDeviceEvents } from '../services/device-log.js';
import { recordProfile } from '../ingest/device-profile.js';
import { attestationColumns, type NewDevice } from './insert-devices.js';
import type { ClaimedToken } from './token.js';
import { closeMappings, openMappings } from './workstations.js';

export interface KnownHardware {
  id: string;
  keyId: string;
  /** Kept by re-enrolling (written beside it in the devices log); a decommissioned one is refused. */
  status: 'active' | 'disabled' | 'decommissioned';
  /** The highest seq stored for the device: the re-enrolled agent continues above it. */
  lastSeq: number;
}

/** The device this enterprise already has for the hardware, or undefined when it is new here. */
export async function knownHardware(tx: Database, enterpriseId: string, fingerprint: string): Promise<KnownHardware | undefined> {
  const [existing] = await tx
    // devices.last_seq trails the newest stored heartbeat until the rollup fold (ingest/rollup/): the
    // newer of the two, or the re-enrolled agent would resend seqs already stored.
    .select({
      id: devices.id,
      keyId: devices.keyId,
      status: devices.status,
      lastSeq:
        sql<number>`greatest(${devices.lastSeq}, (select max(${heartbeats.seq}) from ${heartbeats} where ${heartbeats.deviceId} = ${devices.id}))`.mapWith(
          Number,
        ),
    })
    .from(devices)
    .where(and(eq(devices.enterpriseId, enterpriseId), eq(devices.fingerprint, fingerprint)))
    .limit(1);
  return existing;
}

/** Gives the known device its new credentials and declarations; true when its key changed. */
export async function reenroll(
  tx: Database,
  existing: KnownHardware,
  token: ClaimedToken,
  device: NewDevice,
  heartbeatIntervalMs: number,
  at: Date,
  remoteAddress: string,
): Promise<{ keyChanged: boolean }> {
  // Decommissioned is for good (docs/devices.md): the box would get credentials it can never use and
  // take its workstations back from whoever serves them now. A disabled one re-enrolls and stays
  // disabled until the operator enables it.
  if (existing.status === 'decommissioned') throw new ERR_DEVICE_STATUS({ reason: 'reenroll_decommissioned', deviceId: existing.id });
  const keyId = keyIdOf(device.publicKey);
  // The profile columns have one writer (db/schema/devices.ts); this statement sets the credentials.
  // The attestation is what the device proved this time: a box re-enrolled without its TPM is software.
  const proved = attestationColumns(device.tpm);
  await tx
    .update(devices)
    .set({
      projectId: token.projectId,
      publicKey: device.publicKey,
      keyId,
      mqttPasswordHash: device.passwordHash,
      attestationLevel: proved.attestationLevel,
      ekIssuer: proved.ekIssuer,
      ekSerial: proved.ekSerial,
      ekPublicSha256: proved.ekPublicSha256,
      akPublic: proved.akPublic,
      ekCertificate: proved.ekCertificate,
    })
    .where(eq(devices.id, existing.id));
  await recordProfile(tx, existing.id, {
    kind: device.kind,
    inventory: device.inventory,
    agentVersion: device.agentVersion,
    heartbeatIntervalMs,
    declaredSha256: null,
  });
  const keyChanged = existing.keyId !== keyId;
  if (keyChanged) await tx.insert(deviceKeys).values({ deviceId: existing.id, publicKey: device.publicKey, keyId });
  await tx.insert(enrollmentTokenUses).values({ tokenId: token.id, deviceId: existing.id, remoteAddress });
  // The witnessed devices log: the new key and project, the status as it stands.
  await appendDeviceEvents(tx, [
    {
      deviceId: existing.id,
      event: 're-enroll',
      status: existing.status,
      enterpriseId: token.enterpriseId,
      projectId: token.projectId,
      publicKey: device.publicKey,
      at,
    },
  ]);
  // A re-enrolled device declares its workstations anew (at enrollment or in its first mapping
  // message), possibly from a wiped state dir whose revision counter restarted.
  await closeMappings(tx, existing.id, at);
  await openMappings(
    tx,
    token.enterpriseId,
    (device.workstations ?? []).map((code) => ({ deviceId: existing.id, code })),
    at,
  );
  return { keyChanged };
}
