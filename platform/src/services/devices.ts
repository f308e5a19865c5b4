// One device as the API shows it: only to callers who may see it (another enterprise's device is
// "not found", so its existence is not disclosed), with its open workstations, its queue as the
// newest heartbeat reported it, its connection history and its recent heartbeats.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { DEVICE_COLUMNS } from '../dashboard/device-list.js';
import { hardwareLabel } from '../dashboard/hardware-label.js';
import type { Database } from '../db/index.js';
import { deviceConnections, devices, heartbeats, workstationMappings } from '../db/schema/index.js';
import { ERR_NOT_FOUND } from '../errors.js';
import { listPage, type PageQuery } from './page.js';

/** The device's row and inventory, or 404. */
export async function visibleDevice(db: Database, id: string, scope: string | null) {
  const [row] = await db
    .select({
      ...DEVICE_COLUMNS,
      inventory: devices.inventory,
      attestationLevel: devices.attestationLevel,
      ekIssuer: devices.ekIssuer,
      ekSerial: devices.ekSerial,
    })
    .from(devices)
    .where(eq(devices.id, id));
  if (!row || (scope && scope !== row.enterpriseId)) throw new ERR_NOT_FOUND({ what: 'device' });
  return row;
}

/** The device with the codes it serves now and its store-and-forward queue (null before a heartbeat carried it). */
export async function deviceDetail(db: Database, id: string, scope: string | null) {
  const row = await visibleDevice(db, id, scope);
  const mapped = await db
    .select({ code: workstationMappings.code })
    .from(workstationMappings)
    .where(and(eq(workstationMappings.deviceId, row.id), isNull(workstationMappings.validTo)))
    .orderBy(workstationMappings.code);
  // The newest heartbeat through the primary key (device_id, seq): one index probe.
  const [latest] = await db
    .select({ depth: heartbeats.queueDepth, dropped: heartbeats.queueDropped, seq: heartbeats.seq, receivedAt: heartbeats.receivedAt })
    .from(heartbeats)
    .where(eq(heartbeats.deviceId, row.id))
    .orderBy(desc(heartbeats.seq))
    .limit(1);
  const queue = latest && latest.depth !== null && latest.dropped !== null ? latest : null;
  // The row's last seq and last seen trail the stored heartbeats by up to the rollup period
  // (ingest/rollup/); the newest heartbeat, read here anyway, is the current one.
  const seen = latest
    ? {
        lastSeq: Math.max(row.lastSeq, latest.seq),
        lastSeenAt: row.lastSeenAt && row.lastSeenAt > latest.receivedAt ? row.lastSeenAt : latest.receivedAt,
      }
    : {};
  return { ...row, ...seen, ...hardwareLabel(row.inventory as Record<string, unknown>), workstations: mapped.map((m) => m.code), queue };
}

/** Online/offline transitions, newest first. */
export function deviceConnectionHistory(db: Database, deviceId: string, page: PageQuery) {
  return listPage(
    db,
    page,
    () =>
      db
        .select({ at: deviceConnections.at, event: deviceConnections.event, cause: deviceConnections.cause, remoteAddress: deviceConnections.remoteAddress })
        .from(deviceConnections)
        .where(eq(deviceConnections.deviceId, deviceId))
        .$dynamic(),
    [desc(deviceConnections.at), desc(deviceConnections.id)],
  );
}

export function recentHeartbeats(db: Database, deviceId: string, limit: number) {
  return db.select().from(heartbeats).where(eq(heartbeats.deviceId, deviceId)).orderBy(desc(heartbeats.seq)).limit(limit);
}
