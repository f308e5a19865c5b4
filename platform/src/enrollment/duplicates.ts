// Duplicate hardware: the same box behind more than one device. Subsidies count devices, so the same
// box enrolled twice must never count twice (docs/threat-model.md, "stolen or cloned device").
// The same hardware is an equal self-reported fingerprint, or any one shared hardware identifier the
// platform derived itself from the reported serials (hardware-ids.ts): change one hashed field and
// the serials still match.
//   /enroll, hardware an earlier device already claims → enrolled, and the newcomer flagged
//     duplicate_hardware; the established device keeps counting until the operator decides (a
//     newcomer cannot take another enterprise's device out of the count by claiming its serials),
//     and the flag names no other enterprise's device;
//   /enroll, a new key while the device with the old key is connected → flagged (a clone);
//   /enroll/bulk, hardware enrolled anywhere → the whole batch refused (409): known hardware
//     goes device by device through /enroll, which keeps its history and raises these flags.
// Each check runs after lockFingerprints: a transaction sees only committed rows, so two enrollments
// of one box at the same moment would each see no twin, and neither would be flagged or refused.
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { deviceHardwareIds, devices } from '../db/schema/index.js';
import { ERR_CONFLICT } from '../errors.js';
import type { FlagRecorder } from '../ingest/flags.js';
import { flagReason } from '../ingest/flag-reasons.js';
import { idKind } from './hardware-ids.js';

/**
 * Serialises enrollments of the same hardware until this transaction ends (PostgreSQL advisory
 * transaction locks, keyed by a 64-bit hash of each fingerprint and hardware identifier given;
 * taken in key order so two batches
 * can never wait on each other). Fingerprints are not unique in `devices` on purpose: twins are
 * kept and flagged, so a unique index cannot do this.
 */
export async function lockFingerprints(tx: Database, fingerprints: readonly string[]): Promise<void> {
  await tx.execute(sql`
    select pg_advisory_xact_lock(k)
      from (select distinct hashtextextended(f, 0) as k from unnest(${sql.param([...fingerprints])}::text[]) as f order by k) as keys`);
}

/** Records the identifiers the platform derived for a device (kept for good: a claim stays claimed). */
export async function recordHardwareIds(tx: Database, deviceId: string, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .insert(deviceHardwareIds)
    .values(ids.map((hardwareId) => ({ hardwareId, deviceId, firstSeenAt: now })))
    .onConflictDoNothing();
}

/**
 * The devices enrolled before `deviceId` that claim the same hardware: an equal fingerprint or a
 * shared identifier. Later ones are newcomers that were (or will be) flagged themselves. For a new
 * device every twin it can see is earlier: it holds the hardware's lock, so they committed first
 * (enrolled_at is the transaction's start, which can precede a twin that committed while this one
 * waited, so it cannot order those two). A re-enrolled device is older than twins enrolled after it.
 */
async function establishedTwins(tx: Database, deviceId: string, reenrolled: boolean, fingerprint: string, ids: readonly string[]) {
  const [self] = await tx.select({ enrolledAt: devices.enrolledAt }).from(devices).where(eq(devices.id, deviceId));
  const sharing = ids.length
    ? await tx
        .selectDistinct({ deviceId: deviceHardwareIds.deviceId, hardwareId: deviceHardwareIds.hardwareId })
        .from(deviceHardwareIds)
        .where(and(inArray(deviceHardwareIds.hardwareId, [...ids]), ne(deviceHardwareIds.deviceId, deviceId)))
    : [];
  const candidates = await tx
    .select({ id: devices.id, enterpriseId: devices.enterpriseId, enrolledAt: devices.enrolledAt, fingerprint: devices.fingerprint })
    .from(devices)
    .where(
      and(
        ne(devices.id, deviceId),
        or(eq(devices.fingerprint, fingerprint), sharing.length ? inArray(devices.id, [...new Set(sharing.map((s) => s.deviceId))]) : sql`false`),
      ),
    );
  const earlier = reenrolled ? candidates.filter((c) => c.enrolledAt < self!.enrolledAt) : candidates;
  return earlier.map((c) => ({
    ...c,
    shared: [...(c.fingerprint === fingerprint ? ['fingerprint'] : []), ...sharing.filter((s) => s.deviceId === c.id).map((s) => idKind(s.hardwareId))],
  }));
}

export async function flagDuplicates(
  tx: Database,
  flags: FlagRecorder,
  device: { id: string; enterpriseId: string; keyChanged: boolean; reenrolled: boolean },
  fingerprint: string,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  await recordHardwareIds(tx, device.id, ids, now);
  const twins = await establishedTwins(tx, device.id, device.reenrolled, fingerprint, ids);
  if (twins.length > 0) {
    const shared = [...new Set(twins.flatMap((t) => t.shared))].sort();
    const ownTwins = twins.filter((t) => t.enterpriseId === device.enterpriseId).map((t) => t.id);
    await flags.raise(
      device.id,
      'duplicate_hardware',
      flagReason('hardware_claimed', { count: twins.length, shared: shared.join(', ') }),
      // Another enterprise's device ids and serials stay out: this flag is shown to this device's
      // enterprise. The operator finds the others through device_hardware_ids.
      { shared, earlierDevices: twins.length, earlierInThisEnterprise: ownTwins.sort(), hardwareIds: ids.length, detectedAt: now.toISOString() },
      tx,
    );
  }
  // devices.online, not this process's memory: another platform instance may hold the connection.
  const [current] = device.keyChanged ? await tx.select({ online: devices.online }).from(devices).where(eq(devices.id, device.id)) : [];
  if (current?.online) {
    await flags.raise(
      device.id,
      'duplicate_hardware',
      flagReason('rekeyed_while_connected'),
      {
        fingerprint,
        detectedAt: now.toISOString(),
      },
      tx,
    );
  }
}

/** Refuses a bulk batch (409) when any of its fingerprints or hardware identifiers is enrolled already, in any enterprise. */
export async function refuseKnownHardware(tx: Database, fingerprints: readonly string[], ids: readonly string[] = []): Promise<void> {
  const known = await tx
    .select({ fingerprint: devices.fingerprint })
    .from(devices)
    .where(inArray(devices.fingerprint, [...fingerprints]));
  const claimed = ids.length
    ? await tx
        .selectDistinct({ hardwareId: deviceHardwareIds.hardwareId })
        .from(deviceHardwareIds)
        .where(inArray(deviceHardwareIds.hardwareId, [...ids]))
    : [];
  if (claimed.length > 0) {
    // The kinds only: the batch's own serials, but which device holds them is not this caller's to know.
    throw new ERR_CONFLICT({
      reason: 'hardware_ids_enrolled',
      count: claimed.length,
      kinds: [...new Set(claimed.map((c) => idKind(c.hardwareId)))].join(', '),
    });
  }
  if (known.length > 0) {
    throw new ERR_CONFLICT({
      reason: 'fingerprints_enrolled',
      count: known.length,
      fingerprints: known
        .slice(0, 5)
        .map((k) => k.fingerprint.slice(0, 16))
        .join(', '),
    });
  }
}
