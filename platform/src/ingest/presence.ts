// Presence: a device is online while its heartbeats arrive; it goes offline when none has arrived
// for `offlineAfterIntervals` heartbeat intervals, or at once when its connection drops (MQTT will
// message [MQTT-3.1.2-8] or the broker's disconnect event). This module is the one writer of
// devices.online and devices.came_online_at (the owners are listed at db/schema/devices.ts): the
// statements are here; which decides when to run them is chosen once, at composition (platform.ts):
//   presence/local.ts   this process holds every connection of its devices: memory decides
//   presence/shared.ts  several processes split the traffic: the database decides
import { and, sql, type SQL } from 'drizzle-orm';
import { executeNamed, type Database } from '../db/index.js';
import { deviceConnections, devices } from '../db/schema/index.js';
import { unnestRows } from '../db/unnest.js';

// What began or ended a device's time online, as device_connections.cause stores it: a fixed set,
// so that the dashboard words each in its user's language (platform/test/server-texts.test.ts).
export const CONNECTION_CAUSES = [
  'heartbeat',
  'heartbeat timeout',
  'connection closed',
  'device status offline',
  'platform restart',
  'device disabled',
  'device decommissioned',
] as const;
export type ConnectionCause = (typeof CONNECTION_CAUSES)[number];

export interface Presence {
  /** Starts the timeout sweep every `sweepMs` unless `sweeps` is false (another process runs it). */
  start(sweepMs: number, sweeps?: boolean): Promise<void>;
  /** A hello or heartbeat of the device arrived. */
  seen(deviceId: string, intervalMs: number, nowMs?: number): void;
  /** The broker accepted a connection for this device (aedes 'client' event); kept for the history. */
  connected(deviceId: string, remoteAddress: string | undefined): void;
  disconnected(deviceId: string, cause: ConnectionCause): void;
  /** Resolves when every transition so far is in the database. */
  settled(): Promise<unknown>;
  /** Stops the sweep and writes what is pending. */
  stop(): Promise<unknown>;
}

export interface Transition {
  deviceId: string;
  online: boolean;
  cause: ConnectionCause;
  atMs: number;
  remoteAddress: string | null;
}

/** Rows per statement: keeps one statement's parameters well under PostgreSQL's 65,535 (5 per row). */
export const CHUNK = 5_000;

/**
 * Sets each device's state, whatever it was (memory decided): one statement for every device of a
 * flush, online and offline alike. Its text is the same whatever the number of devices (they are
 * two array parameters), so it is prepared once per database connection; building a statement of
 * thousands of parameters cost the platform more CPU than a reconnect's every other step
 * (docs/capacity.md "Connections").
 */
export async function setStates(db: Database, states: ReadonlyMap<string, boolean>, now: Date): Promise<void> {
  const entries = [...states];
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const ids = chunk.map(([id]) => id);
    await executeNamed(
      db,
      'presence_set_states',
      sql`update "devices" set "online" = s.online, "came_online_at" = case when s.online then ${now.toISOString()}::timestamptz else "devices"."came_online_at" end
            from unnest(${sql.param(ids)}::uuid[], ${sql.param(chunk.map(([, online]) => online))}::boolean[]) as s(id, online)
           where "devices"."id" = s.id and ${lockedInIdOrder(sql`${devices.id} = any(${sql.param(ids)}::uuid[])`)}`,
    );
  }
}

/**
 * Sets devices.online where it differs and `where` holds, and answers which rows this statement
 * flipped: exactly those get a transition. Coming online also sets came_online_at, which the shared
 * sweep reads beside last_seen_at: it must not take the device offline again before the writer's
 * batch with its heartbeat commits, nor when it has said hello and sent no heartbeat yet.
 */
export async function flipOnline(db: Database, online: boolean, now: Date, where: SQL | undefined): Promise<string[]> {
  const was = await db
    .update(devices)
    .set(online ? { online, cameOnlineAt: now } : { online })
    .where(lockedInIdOrder(and(where, online ? sql`not ${devices.online}` : sql`${devices.online}`)))
    .returning({ id: devices.id });
  return was.map((d) => d.id);
}

/**
 * The devices matching `where`, locked in id order before the UPDATE touches them. The heartbeat
 * writer locks the devices of its batch in the same order (heartbeat-writer.ts); two statements
 * updating overlapping sets of device rows in different orders deadlock, and PostgreSQL then
 * aborts one of them (seen in the fleet benchmark when 10,000 devices went offline at shutdown
 * while the writer flushed). A condition is checked again once its row is locked [READ COMMITTED].
 */
function lockedInIdOrder(where: SQL | undefined): SQL {
  return sql`${devices.id} in (select id from devices where ${where ?? sql`true`} order by id for no key update)`;
}

/** Sets every online device offline, with a transition each: nobody is connected after a restart. */
export async function markAllOffline(db: Database, cause: ConnectionCause): Promise<void> {
  const was = await db.update(devices).set({ online: false }).where(sql`${devices.online}`).returning({ id: devices.id });
  const now = Date.now();
  await appendHistory(
    db,
    was.map((d) => ({ deviceId: d.id, online: false, cause, atMs: now, remoteAddress: null })),
  );
}

/** Appends transitions to device_connections, the connection history: one statement of five arrays per chunk (db/unnest.ts). */
export async function appendHistory(db: Pick<Database, '_'>, transitions: readonly Transition[]): Promise<void> {
  for (let i = 0; i < transitions.length; i += CHUNK) {
    const rows = transitions.slice(i, i + CHUNK).map((t) => ({
      deviceId: t.deviceId,
      at: new Date(t.atMs),
      event: t.online ? ('online' as const) : ('offline' as const),
      cause: t.cause,
      remoteAddress: t.remoteAddress,
    }));
    const { columns, unnest } = unnestRows(deviceConnections, ['deviceId', 'at', 'event', 'cause', 'remoteAddress'], rows);
    await executeNamed(db, 'presence_append_history', sql`insert into ${deviceConnections} (${columns}) select * from ${unnest}`);
  }
}
