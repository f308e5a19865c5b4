// The device's profile as the device declares it: kind, hardware inventory, agent version,
// heartbeat interval, and its clock's offset at the latest hello. The row's insert at enrollment
// carries the first declaration; re-enrollment and every hello declare it again, and this module is
// the one that updates these columns (the owner of each devices column: db/schema/devices.ts).
import { createHash } from 'node:crypto';
import { edge } from '@edgenet/proto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { devices } from '../db/schema/index.js';

type DeviceRow = typeof devices.$inferInsert;

export interface DeclaredProfile {
  /** Undefined: the message named no kind this platform knows, and the stored one stands. */
  kind: DeviceRow['kind'] | undefined;
  inventory: unknown;
  agentVersion: string;
  heartbeatIntervalMs: number;
  /** Device clock minus platform clock at a hello (ms); a re-enrollment leaves the stored one. */
  helloOffsetMs?: number;
  /** declarationHash() of the hello; null at re-enrollment, which declares through another message. */
  declaredSha256: string | null;
}

// A stored clock offset within this of the new one needs no write: far below any skew bound the
// policy sets (minutes), and wide enough for the milliseconds of network delay between two hellos.
const OFFSET_WRITE_TOLERANCE_MS = 1_000; // 1 s

/** What a hello declared and was stored: the hash of its declaring part, and the clock offset. */
export interface StoredDeclaration {
  profileSha256: string;
  helloOffsetMs: number;
}

/** SHA-256 (hex) of the declaring part of a hello: everything in it but the device's clock reading. */
export function declarationHash(hello: edge.v1.IHello): string {
  return createHash('sha256')
    .update(edge.v1.Hello.encode({ ...hello, deviceTimeMs: 0 }).finish())
    .digest('hex');
}

/**
 * Whether a hello must be written: its profile differs from the one stored, or its clock offset moved
 * more than the tolerance, or across the skew bound that decides filing (filing.ts), so the stored
 * offset another instance or a restarted one reads leads to the same decision as the new one.
 */
export function mustRecord(stored: StoredDeclaration | null, next: StoredDeclaration, maxSkewMs: number): boolean {
  if (stored?.profileSha256 !== next.profileSha256) return true;
  const trusted = (offset: number) => Math.abs(offset) <= maxSkewMs;
  return Math.abs(stored.helloOffsetMs - next.helloOffsetMs) > OFFSET_WRITE_TOLERANCE_MS || trusted(stored.helloOffsetMs) !== trusted(next.helloOffsetMs);
}

/**
 * The declaration stored on the device's row. An instance that shares the devices with others
 * (external broker, a cluster's workers) compares a hello with it, not with its memory: another
 * instance may have written a different one since, and a hello that repeats what this instance
 * last wrote would otherwise leave the other's standing.
 */
export async function storedDeclaration(db: Pick<Database, 'select'>, deviceId: string): Promise<StoredDeclaration | null> {
  const [row] = await db.select({ profileSha256: devices.declaredSha256, helloOffsetMs: devices.helloOffsetMs }).from(devices).where(eq(devices.id, deviceId));
  if (row?.profileSha256 == null || row.helloOffsetMs === null) return null;
  return { profileSha256: row.profileSha256, helloOffsetMs: row.helloOffsetMs };
}

/** Stores a declaration; `db` may be a transaction (re-enrollment writes it with the new credentials). */
export async function recordProfile(db: Pick<Database, 'update'>, deviceId: string, p: DeclaredProfile): Promise<void> {
  // drizzle leaves a column whose value is undefined out of the SET list.
  await db
    .update(devices)
    .set({
      kind: p.kind,
      inventory: p.inventory,
      agentVersion: p.agentVersion,
      heartbeatIntervalMs: p.heartbeatIntervalMs,
      helloOffsetMs: p.helloOffsetMs,
      declaredSha256: p.declaredSha256,
    })
    .where(eq(devices.id, deviceId));
}
