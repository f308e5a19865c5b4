// The one insert path of enrollment, for one device (/enroll) or a thousand (/enroll/bulk): the
// device rows, the first key of each in device_keys, the token use of each, and the workstations
// each declares. One statement per table whatever the number of devices, inside the caller's
// transaction; the caller has claimed the token uses and decided that the hardware is new.
import { keyIdOf, type EnrollingDevice } from '@edgenet/proto';
import type { Database } from '../db/index.js';
import { deviceKeys, devices, enrollmentTokenUses } from '../db/schema/index.js';
import { appendDeviceEvents } from '../services/device-log.js';
import type { ClaimedToken } from './token.js';
import type { TpmEvidence } from './tpm-challenge.js';
import { openMappings } from './workstations.js';

/** A device to insert: what it presented, and the hash of the MQTT password made for it. */
export interface NewDevice extends EnrollingDevice {
  passwordHash: string;
  /** What its TPM proved (POST /enroll only); absent: the device enrolls as software. */
  tpm?: TpmEvidence;
}

/** The attestation columns of a device row (db/schema/devices.ts). */
export function attestationColumns(tpm: TpmEvidence | undefined) {
  return {
    attestationLevel: tpm ? ('tpm' as const) : ('software' as const),
    ekIssuer: tpm?.ekIssuer ?? null,
    ekSerial: tpm?.ekSerial ?? null,
    ekPublicSha256: tpm?.ekPublicSha256 ?? null,
    akPublic: tpm?.akPublic ?? null,
    ekCertificate: tpm?.ekCertificate ?? null,
  };
}

export interface Inserted {
  id: string;
  fingerprint: string;
}

export async function insertDevices(
  tx: Database,
  token: ClaimedToken,
  batch: readonly NewDevice[],
  heartbeatIntervalMs: number,
  at: Date,
  remoteAddress: string,
): Promise<Inserted[]> {
  const created = await tx
    .insert(devices)
    .values(
      batch.map((d) => ({
        enterpriseId: token.enterpriseId,
        projectId: token.projectId,
        kind: d.kind,
        fingerprint: d.fingerprint,
        publicKey: d.publicKey,
        keyId: keyIdOf(d.publicKey),
        mqttPasswordHash: d.passwordHash,
        inventory: d.inventory,
        agentVersion: d.agentVersion,
        heartbeatIntervalMs,
        enrolledAt: at, // the same instant as its devices log entry
        ...attestationColumns(d.tpm),
      })),
    )
    .returning({ id: devices.id, fingerprint: devices.fingerprint, publicKey: devices.publicKey, keyId: devices.keyId });
  await tx.insert(deviceKeys).values(created.map((c) => ({ deviceId: c.id, publicKey: c.publicKey, keyId: c.keyId })));
  await tx.insert(enrollmentTokenUses).values(created.map((c) => ({ tokenId: token.id, deviceId: c.id, remoteAddress })));
  // The witnessed devices log (docs/witness.md): the enrollment, with the key, in this transaction.
  await appendDeviceEvents(
    tx,
    created.map((c) => ({
      deviceId: c.id,
      event: 'enroll',
      status: 'active',
      enterpriseId: token.enterpriseId,
      projectId: token.projectId,
      publicKey: c.publicKey,
      at,
    })),
  );
  const idByFingerprint = new Map(created.map((c) => [c.fingerprint, c.id]));
  await openMappings(
    tx,
    token.enterpriseId,
    batch.flatMap((d) => (d.workstations ?? []).map((code) => ({ deviceId: idByFingerprint.get(d.fingerprint)!, code }))),
    at,
  );
  return created.map((c) => ({ id: c.id, fingerprint: c.fingerprint }));
}
