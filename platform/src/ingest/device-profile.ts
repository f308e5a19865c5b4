// The device's profile as the device declares it: kind, hardware inventory, agent version,
// heartbeat interval, and its clock's offset at the latest hello. The row's insert at enrollment
// carries the first declaration; re-enrollment and every hello declare it again, and this module is
// the one that updates these columns (the owner of each devices column: db/schema/devices.ts).
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
}

/** Stores a declaration; `db` may be a transaction (re-enrollment writes it with the new credentials). */
export async function recordProfile(db: Pick<Database, 'update'>, deviceId: string, p: DeclaredProfile): Promise<void> {
  // drizzle leaves a column whose value is undefined out of the SET list.
  await db
    .update(devices)
    .set({ kind: p.kind, inventory: p.inventory, agentVersion: p.agentVersion, heartbeatIntervalMs: p.heartbeatIntervalMs, helloOffsetMs: p.helloOffsetMs })
    .where(eq(devices.id, deviceId));
}
