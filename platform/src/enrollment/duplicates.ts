// Duplicate hardware: one fingerprint behind more than one device. Subsidies count devices, so the
// same box enrolled twice must never count twice (docs/threat-model.md, "stolen or cloned device").
//   /enroll, same fingerprint in another enterprise → enrolled, and every device sharing it flagged
//     duplicate_hardware (none counts until the operator resolves it);
//   /enroll, a new key while the device with the old key is connected → flagged (a clone);
//   /enroll/bulk, a fingerprint enrolled anywhere → the whole batch refused (409): known hardware
//     goes device by device through /enroll, which keeps its history and raises these flags.
// Each check runs after lockFingerprints: a transaction sees only committed rows, so two enrollments
// of one box at the same moment would each see no twin, and neither would be flagged or refused.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { devices } from '../db/schema/index.js';
import { ERR_CONFLICT } from '../errors.js';
import type { FlagRecorder } from '../ingest/flags.js';

/**
 * Serialises enrollments of the same hardware until this transaction ends (PostgreSQL advisory
 * transaction locks, keyed by a 64-bit hash of the fingerprint; taken in key order so two batches
 * can never wait on each other). Fingerprints are not unique in `devices` on purpose: twins are
 * kept and flagged, so a unique index cannot do this.
 */
export async function lockFingerprints(tx: Database, fingerprints: readonly string[]): Promise<void> {
  await tx.execute(sql`
    select pg_advisory_xact_lock(k)
      from (select distinct hashtextextended(f, 0) as k from unnest(${sql.param([...fingerprints])}::text[]) as f order by k) as keys`);
}

export async function flagDuplicates(
  tx: Database,
  flags: FlagRecorder,
  device: { id: string; keyChanged: boolean },
  fingerprint: string,
  now: Date,
): Promise<void> {
  const twins = await tx.select({ id: devices.id, enterpriseId: devices.enterpriseId }).from(devices).where(eq(devices.fingerprint, fingerprint));
  if (twins.length > 1) {
    const evidence = { fingerprint, devices: twins.map((t) => t.id).sort(), detectedAt: now.toISOString() };
    for (const twin of twins) {
      await flags.raise(
        twin.id,
        'duplicate_hardware',
        `${twins.length} enrolled devices share hardware fingerprint ${fingerprint.slice(0, 16)}…`,
        evidence,
        tx,
      );
    }
  }
  // devices.online, not this process's memory: another platform instance may hold the connection.
  const [current] = device.keyChanged ? await tx.select({ online: devices.online }).from(devices).where(eq(devices.id, device.id)) : [];
  if (current?.online) {
    await flags.raise(
      device.id,
      'duplicate_hardware',
      'the hardware re-enrolled with a new key while the device was connected with its old key',
      {
        fingerprint,
        detectedAt: now.toISOString(),
      },
      tx,
    );
  }
}

/** Refuses a bulk batch (409) when any of its fingerprints is enrolled already, in any enterprise. */
export async function refuseKnownHardware(tx: Database, fingerprints: readonly string[]): Promise<void> {
  const known = await tx
    .select({ fingerprint: devices.fingerprint })
    .from(devices)
    .where(inArray(devices.fingerprint, [...fingerprints]));
  if (known.length > 0) {
    throw new ERR_CONFLICT(
      `${known.length} fingerprint(s) already enrolled (re-enroll those one by one with /enroll): ${known
        .slice(0, 5)
        .map((k) => k.fingerprint.slice(0, 16))
        .join(', ')}`,
    );
  }
}
