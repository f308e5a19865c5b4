// Device-signed evidence for one device and one day (docs/evidence.md). The platform keeps every
// heartbeat body and, per device and day, one signed anchor: the day's last heartbeat with the
// device's Ed25519 signature. Each body names the hash of the one before (prev_hash), so the anchor's
// signature vouches for the whole chain behind it. `verifyDeviceDay` needs no platform: given the
// device's public keys it says which of the day's heartbeats — and so which online buckets — are
// backed by the device's own signature.
import { verify } from 'node:crypto';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { edge, linksTo, publicKeyFromRaw } from '@edgenet/proto';
import type { Database } from '../db/index.js';
import { chainAnchors, deviceKeys, heartbeats } from '../db/schema/index.js';
import type { Calendar } from '../domain/calendar.js';

export interface DeviceDayEvidence {
  format: 'edgenet-device-day-v1';
  deviceId: string;
  day: string;
  keys: { keyId: string; publicKey: string }[];
  anchor: { seq: number; body: string; signature: string; keyId: string } | null;
  heartbeats: { seq: number; receivedAt: string; filedAt: string; filing: string; body: string | null }[];
}

/** `calendar` is the counting policy's: it says when `day` starts and ends. */
export async function deviceDayEvidence(db: Database, calendar: Calendar, deviceId: string, day: string): Promise<DeviceDayEvidence> {
  const from = new Date(calendar.dayStartUtc(day));
  const to = new Date(from.getTime() + 86_400_000);
  const [keys, [anchor], rows] = await Promise.all([
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
      .select({ seq: heartbeats.seq, receivedAt: heartbeats.receivedAt, filedAt: heartbeats.filedAt, filing: heartbeats.filing, body: heartbeats.body })
      .from(heartbeats)
      .where(and(eq(heartbeats.deviceId, deviceId), gte(heartbeats.filedAt, from), lt(heartbeats.filedAt, to)))
      .orderBy(asc(heartbeats.seq)),
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
    })),
  };
}

export interface DeviceDayVerdict {
  ok: boolean;
  problems: string[];
  /** Heartbeats of the day covered by the anchor's signature through the hash chain. */
  backedHeartbeats: number;
  /** Online buckets (by filed time) that rest on backed heartbeats only. */
  backedOnlineBuckets: number;
  unbackedHeartbeats: number;
}

/** `calendar` is that of the policy the day is counted under: its buckets are the online buckets. */
export function verifyDeviceDay(e: DeviceDayEvidence, calendar: Calendar): DeviceDayVerdict {
  const problems: string[] = [];
  const verdict = (backed: typeof e.heartbeats): DeviceDayVerdict => ({
    ok: problems.length === 0,
    problems,
    backedHeartbeats: backed.length,
    backedOnlineBuckets: new Set(backed.map((h) => calendar.dayAndBucket(Date.parse(h.filedAt)).bucket)).size,
    unbackedHeartbeats: e.heartbeats.length - backed.length,
  });
  if (!e.anchor) {
    problems.push(`no signed anchor for ${e.day}`);
    return verdict([]);
  }
  // Step 1: the anchor is signed by a key the device enrolled with.
  const key = e.keys.find((k) => k.keyId === e.anchor!.keyId);
  const anchorBody = Buffer.from(e.anchor.body, 'base64');
  if (!key) problems.push(`anchor key ${e.anchor.keyId} is not one of the device's keys`);
  else if (!verify(null, anchorBody, publicKeyFromRaw(key.publicKey), Buffer.from(e.anchor.signature, 'base64'))) {
    problems.push('anchor signature does not verify with the device key');
  }
  // Step 2: walk back from the anchor; each body must hash to the prev_hash of the one after it.
  const bySeq = [...e.heartbeats].sort((a, b) => a.seq - b.seq);
  let i = bySeq.findIndex((h) => h.seq === e.anchor!.seq);
  if (i < 0 || bySeq[i]!.body !== e.anchor.body) {
    problems.push(`anchor seq ${e.anchor.seq} is not among the day's stored heartbeats with the same bytes`);
    return verdict([]);
  }
  const backed = [bySeq[i]!];
  for (; i > 0; i--) {
    const current = edge.v1.Heartbeat.decode(Buffer.from(bySeq[i]!.body!, 'base64'));
    if (current.seq !== bySeq[i]!.seq) problems.push(`heartbeat ${bySeq[i]!.seq}: its signed body says seq ${current.seq}`);
    const previous = bySeq[i - 1]!;
    if (!previous.body || current.prevHash.length === 0) break;
    if (!linksTo(current.prevHash, Buffer.from(previous.body, 'base64'))) break; // the chain ends here; earlier ones are not backed
    backed.push(previous);
  }
  return verdict(backed);
}
