// Fraud and integrity flags as the API lists and resolves them. Raising them is ingest's and
// enrollment's (ingest/flags.ts); resolving is an operator act, kept beside the flag with who and why.
import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { deviceFlags, deviceHardwareIds, devices } from '../db/schema/index.js';
import { idKind } from '../enrollment/hardware-ids.js';
import { ERR_CONFLICT, ERR_NOT_FOUND } from '../errors.js';
import type { FlagRecorder } from '../ingest/flags.js';
import { flagReason } from '../ingest/flag-reasons.js';
import type { Actor } from './actor.js';
import { listPage, scoped, type PageQuery } from './page.js';

const COLUMNS = {
  id: deviceFlags.id,
  deviceId: deviceFlags.deviceId,
  enterpriseId: devices.enterpriseId,
  kind: deviceFlags.kind,
  reason: deviceFlags.reason,
  reasonCode: deviceFlags.reasonCode,
  reasonParams: deviceFlags.reasonParams,
  evidence: deviceFlags.evidence,
  createdAt: deviceFlags.createdAt,
  resolvedAt: deviceFlags.resolvedAt,
  resolvedBy: deviceFlags.resolvedBy,
  resolvedByName: deviceFlags.resolvedByName,
  resolution: deviceFlags.resolution,
};

export interface FlagFilter {
  /** true: open flags only; false: resolved ones only; undefined: both. */
  open?: boolean | undefined;
  deviceId?: string | undefined;
}

/** Flags of the devices the caller may see, newest first. */
export function listFlags(db: Database, scope: string | null, filter: FlagFilter, page: PageQuery) {
  const where = scoped(
    devices.enterpriseId,
    scope,
    filter.deviceId ? eq(deviceFlags.deviceId, filter.deviceId) : undefined,
    filter.open === undefined ? undefined : filter.open ? isNull(deviceFlags.resolvedAt) : isNotNull(deviceFlags.resolvedAt),
  );
  return listPage(db, page, () => db.select(COLUMNS).from(deviceFlags).innerJoin(devices, eq(devices.id, deviceFlags.deviceId)).where(where).$dynamic(), [
    desc(deviceFlags.createdAt),
    deviceFlags.id,
  ]);
}

/** Resolves an open flag: 404 when there is no such flag, 409 when it is resolved already. */
export async function resolveFlag(db: Database, recorder: FlagRecorder, id: string, by: Actor, resolution: string) {
  const [updated] = await db
    .update(deviceFlags)
    .set({ resolvedAt: new Date(), resolvedBy: by.id, resolvedByName: by.name, resolution })
    .where(and(eq(deviceFlags.id, id), isNull(deviceFlags.resolvedAt)))
    .returning();
  if (!updated) {
    const [exists] = await db.select({ id: deviceFlags.id }).from(deviceFlags).where(eq(deviceFlags.id, id));
    throw exists ? new ERR_CONFLICT({ reason: 'flag_resolved' }) : new ERR_NOT_FOUND({ what: 'flag' });
  }
  // The recorder remembers open flags so ingest does not query for each; this one is open no more.
  recorder.resolved(updated.deviceId, updated.kind);
  const [row] = await db.select(COLUMNS).from(deviceFlags).innerJoin(devices, eq(devices.id, deviceFlags.deviceId)).where(eq(deviceFlags.id, updated.id));
  return row!;
}

/**
 * Moves an open duplicate_hardware flag to the other device claiming the same hardware, after the
 * operator has found (on site) which one is the real box (docs/threat-model.md "Serials claimed
 * first"). Enrollment flags the newcomer, so a box whose serials another enterprise claimed first is
 * flagged itself; this puts the flag where it belongs in one transaction: the original is resolved,
 * the other device flagged. Neither flag names the other enterprise's device (the audit log does):
 * each is shown to its own enterprise. 404 for no such flag or device; 409 when the flag is resolved,
 * is not duplicate_hardware, or the two devices claim no fingerprint or serial in common.
 */
export async function moveDuplicateFlag(db: Database, recorder: FlagRecorder, id: string, toDeviceId: string, by: Actor, reason: string) {
  const moved = await db.transaction(async (tx) => {
    const [flag] = await tx.select().from(deviceFlags).where(eq(deviceFlags.id, id)).for('update');
    if (!flag) throw new ERR_NOT_FOUND({ what: 'flag' });
    if (flag.resolvedAt) throw new ERR_CONFLICT({ reason: 'flag_resolved' });
    if (flag.kind !== 'duplicate_hardware') throw new ERR_CONFLICT({ reason: 'flag_not_movable', kind: flag.kind });
    if (flag.deviceId === toDeviceId) throw new ERR_CONFLICT({ reason: 'flag_same_device' });
    const pair = await tx
      .select({ id: devices.id, fingerprint: devices.fingerprint })
      .from(devices)
      .where(inArray(devices.id, [flag.deviceId, toDeviceId]));
    if (!pair.some((d) => d.id === toDeviceId)) throw new ERR_NOT_FOUND({ what: 'device' });
    const shared = await sharedHardware(tx, flag.deviceId, toDeviceId, pair[0]!.fingerprint === pair[1]?.fingerprint);
    if (shared.length === 0) throw new ERR_CONFLICT({ reason: 'flag_nothing_shared' });
    const now = new Date();
    await tx
      .update(deviceFlags)
      .set({ resolvedAt: now, resolvedBy: by.id, resolvedByName: by.name, resolution: `moved to the other device claiming this hardware: ${reason}` })
      .where(eq(deviceFlags.id, id));
    await recorder.raise(
      toDeviceId,
      'duplicate_hardware',
      flagReason('moved_here', { shared: shared.join(', '), note: reason }),
      { shared, movedAt: now.toISOString() },
      tx,
    );
    return flag;
  });
  recorder.resolved(moved.deviceId, moved.kind);
  const [row] = await db
    .select(COLUMNS)
    .from(deviceFlags)
    .innerJoin(devices, eq(devices.id, deviceFlags.deviceId))
    .where(and(eq(deviceFlags.deviceId, toDeviceId), eq(deviceFlags.kind, 'duplicate_hardware'), isNull(deviceFlags.resolvedAt)));
  return row!;
}

/** What two devices claim in common: `fingerprint` when equal, and the kinds of the hardware identifiers both hold. */
async function sharedHardware(db: Database, a: string, b: string, sameFingerprint: boolean): Promise<string[]> {
  const ids = await db
    .select({ hardwareId: deviceHardwareIds.hardwareId, deviceId: deviceHardwareIds.deviceId })
    .from(deviceHardwareIds)
    .where(inArray(deviceHardwareIds.deviceId, [a, b]));
  const ofA = new Set(ids.filter((i) => i.deviceId === a).map((i) => i.hardwareId));
  const common = ids.filter((i) => i.deviceId === b && ofA.has(i.hardwareId)).map((i) => idKind(i.hardwareId));
  return [...new Set([...(sameFingerprint ? ['fingerprint'] : []), ...common])].sort();
}
