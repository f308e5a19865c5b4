// Device-signed evidence for one device and one day (docs/evidence.md). The platform keeps every
// heartbeat body and, per device and day, one signed anchor: the day's last heartbeat with the
// device's Ed25519 signature. Each body names the hash of the one before (prev_hash), so the anchor's
// signature vouches for the whole chain behind it. `verifyDeviceDay` needs no platform: given the
// device's public keys it says which of the day's heartbeats — and so which online buckets — are
// backed by the device's own signature.
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { chainAnchors, deviceKeys, devices, heartbeats } from '../db/schema/index.js';
import type { Calendar } from '../domain/calendar.js';
import type { DeviceDayEvidence } from './device-day.js';

export { verifyDeviceDay, type DeviceDayEvidence, type DeviceDayVerdict } from './device-day.js';

/** `calendar` is the counting policy's: it says when `day` starts and ends. */
export async function deviceDayEvidence(db: Database, calendar: Calendar, deviceId: string, day: string): Promise<DeviceDayEvidence> {
  const from = new Date(calendar.dayStartUtc(day));
  const to = new Date(from.getTime() + 86_400_000);
  const [keys, [anchor], rows, [device]] = await Promise.all([
    db
      .select({ keyId: deviceKeys.keyId, publicKey: deviceKeys.publicKey })
      .from(deviceKeys)
      .where(eq(deviceKeys.deviceId, deviceId))
      .orderBy(deviceKeys.createdAt),
    db
      .select()
      .from(chainAnchors)
      .where(and(eq(chainAnchors.deviceId, deviceId), eq(chainAnchors.day, day))),
    db
      .select({
        seq: heartbeats.seq,
        receivedAt: heartbeats.receivedAt,
        filedAt: heartbeats.filedAt,
        filing: heartbeats.filing,
        body: heartbeats.body,
        signature: heartbeats.signature,
        keyId: heartbeats.keyId,
      })
      .from(heartbeats)
      .where(and(eq(heartbeats.deviceId, deviceId), gte(heartbeats.filedAt, from), lt(heartbeats.filedAt, to)))
      .orderBy(asc(heartbeats.seq)),
    db
      .select({ attestation: devices.attestationLevel, akPublic: devices.akPublic, ekCertificate: devices.ekCertificate })
      .from(devices)
      .where(eq(devices.id, deviceId)),
  ]);
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  return {
    format: 'edgenet-device-day-v1',
    deviceId,
    day,
    keys,
    anchor: anchor ? { seq: anchor.seq, body: b64(anchor.body), signature: b64(anchor.signature), keyId: anchor.keyId } : null,
    heartbeats: rows.map((r) => ({
      seq: r.seq,
      receivedAt: r.receivedAt.toISOString(),
      filedAt: r.filedAt.toISOString(),
      filing: r.filing,
      body: r.body ? b64(r.body) : null,
      // Only where stored (since migration 0026): a row without them reads as it always did.
      ...(r.signature && r.keyId ? { signature: b64(r.signature), keyId: r.keyId } : {}),
    })),
    ...(device?.attestation === 'tpm' && device.akPublic ? { tpm: { akPublic: device.akPublic, ekCertificate: device.ekCertificate } } : {}),
  };
}
