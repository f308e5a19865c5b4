// The devices log's one writer and its reader (docs/witness.md): enrollment and the lifecycle
// append a row in the transaction that changes the device, so the log holds exactly what happened
// to devices, in order; the witness client and GET /api/v1/witness/logs/devices/leaves read it.
import { asc, gte } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { deviceLog } from '../db/schema/index.js';
import type { DeviceLogEntry } from '../certification/log-leaves.js';

export interface DeviceEvent {
  deviceId: string;
  event: DeviceLogEntry['event'];
  status: DeviceLogEntry['status'];
  enterpriseId: string;
  projectId: string;
  publicKey?: string;
  at: Date;
}

export async function appendDeviceEvents(tx: Database, events: readonly DeviceEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(deviceLog).values(events.map((e) => ({ ...e, publicKey: e.publicKey ?? null })));
}

/** Entries from `fromSeq` on, oldest first. */
export async function deviceLogEntries(db: Database, fromSeq = 1, limit = Number.MAX_SAFE_INTEGER): Promise<DeviceLogEntry[]> {
  const rows = await db.select().from(deviceLog).where(gte(deviceLog.seq, fromSeq)).orderBy(asc(deviceLog.seq)).limit(limit);
  return rows.map((r) => ({ ...r, event: r.event as DeviceLogEntry['event'], at: r.at.toISOString() }));
}
