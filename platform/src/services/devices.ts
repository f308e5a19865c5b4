// One device as the API shows it: only to callers who may see it (another enterprise's device is
// "not found", so its existence is not disclosed), with its open workstations, its queue as the
// newest heartbeat reported it, its connection history and its recent heartbeats.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { DEVICE_COLUMNS } from '../dashboard/device-list.js';
import { hardwareLabel } from '../dashboard/hardware-label.js';
import type { Database } from '../db/index.js';
import { deviceConnections, devices, heartbeats, heartbeatsPrechain, workstationMappings } from '../db/schema/index.js';
import { ERR_NOT_FOUND } from '../errors.js';
import { heartbeatView, type HeartbeatView } from './heartbeat-view.js';
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
  // The newest heartbeat through the primary key (device_id, seq): one index probe. Its queue is
  // read from its signed body (heartbeat-view.ts).
  const [latest] = await storedHeartbeats(db, row.id, 1);
  const view = latest ? heartbeatView(latest.h, latest.p) : null;
  const queue =
    latest && view && view.queueDepth !== null && view.queueDropped !== null
      ? { depth: view.queueDepth, dropped: view.queueDropped, seq: latest.h.seq, receivedAt: latest.h.receivedAt }
      : null;
  // The row's last seq and last seen trail the stored heartbeats by up to the rollup period
  // (ingest/rollup/); the newest heartbeat, read here anyway, is the current one.
  const seen = latest
    ? {
        lastSeq: Math.max(row.lastSeq, latest.h.seq),
        lastSeenAt: row.lastSeenAt && row.lastSeenAt > latest.h.receivedAt ? row.lastSeenAt : latest.h.receivedAt,
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

/** Newest first, decoded from their signed bodies into the figures the API shows. */
export async function recentHeartbeats(db: Database, deviceId: string, limit: number): Promise<HeartbeatView[]> {
  const rows = await storedHeartbeats(db, deviceId, limit);
  return rows.map((r) => heartbeatView(r.h, r.p)).filter((v): v is HeartbeatView => v !== null);
}

/** The device's newest rows, each with its pre-chain record when it has no body (an empty join else). */
function storedHeartbeats(db: Database, deviceId: string, limit: number) {
  return db
    .select({
      h: { seq: heartbeats.seq, receivedAt: heartbeats.receivedAt, filedAt: heartbeats.filedAt, filing: heartbeats.filing, body: heartbeats.body },
      p: heartbeatsPrechain,
    })
    .from(heartbeats)
    .leftJoin(
      heartbeatsPrechain,
      and(isNull(heartbeats.body), eq(heartbeatsPrechain.deviceId, heartbeats.deviceId), eq(heartbeatsPrechain.seq, heartbeats.seq)),
    )
    .where(eq(heartbeats.deviceId, deviceId))
    .orderBy(desc(heartbeats.seq))
    .limit(limit);
}
