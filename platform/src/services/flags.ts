// Fraud and integrity flags as the API lists and resolves them. Raising them is ingest's and
// enrollment's (ingest/flags.ts); resolving is an operator act, kept beside the flag with who and why.
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { deviceFlags, devices } from '../db/schema/index.js';
import { ERR_CONFLICT, ERR_NOT_FOUND } from '../errors.js';
import type { FlagRecorder } from '../ingest/flags.js';
import { listPage, scoped, type PageQuery } from './page.js';

const COLUMNS = {
  id: deviceFlags.id,
  deviceId: deviceFlags.deviceId,
  enterpriseId: devices.enterpriseId,
  kind: deviceFlags.kind,
  reason: deviceFlags.reason,
  evidence: deviceFlags.evidence,
  createdAt: deviceFlags.createdAt,
  resolvedAt: deviceFlags.resolvedAt,
  resolvedBy: deviceFlags.resolvedBy,
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
export async function resolveFlag(db: Database, recorder: FlagRecorder, id: string, resolvedBy: string | null, resolution: string) {
  const [updated] = await db
    .update(deviceFlags)
    .set({ resolvedAt: new Date(), resolvedBy, resolution })
    .where(and(eq(deviceFlags.id, id), isNull(deviceFlags.resolvedAt)))
    .returning();
  if (!updated) {
    const [exists] = await db.select({ id: deviceFlags.id }).from(deviceFlags).where(eq(deviceFlags.id, id));
    throw exists ? new ERR_CONFLICT('the flag is already resolved') : new ERR_NOT_FOUND('flag');
  }
  // The recorder remembers open flags so ingest does not query for each; this one is open no more.
  recorder.resolved(updated.deviceId, updated.kind);
  const [row] = await db.select(COLUMNS).from(deviceFlags).innerJoin(devices, eq(devices.id, deviceFlags.deviceId)).where(eq(deviceFlags.id, updated.id));
  return row!;
}
