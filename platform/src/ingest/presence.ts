// Presence: a device is online while its heartbeats arrive; it goes offline when none has arrived
// for `offlineAfterIntervals` heartbeat intervals, or at once when its connection drops (MQTT will
// message [MQTT-3.1.2-8] or the broker's disconnect event). This module is the one writer of
// devices.online and devices.came_online_at (the owners are listed at db/schema/devices.ts).
//
// State lives in memory for speed. Transitions are written in batches through one ordered chain:
// each flush sets devices.online to every changed device's latest state (one UPDATE per state, not
// one per device — a restarted platform sees thousands of devices come back in seconds), and
// appends every transition to device_connections (the connection history), so the database never
// shows an older state after a newer one and no transition is left out of the history.
//
// Shared mode (external broker, several platform instances): no instance sees all of a device's
// messages nor its connection, so memory decides nothing. Every transition is a conditional UPDATE
// of devices.online (… where not online / where online … returning id): whichever instance flips
// the row records the transition, exactly once, and the timeout sweep reads last_seen_at, which
// every instance's heartbeat writer advances, and came_online_at. Losing an instance loses no
// presence state.
import { and, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { deviceConnections, devices } from '../db/schema/index.js';

interface Transition {
  deviceId: string;
  online: boolean;
  cause: string;
  atMs: number;
  remoteAddress: string | null;
}

interface Entry {
  lastSeenMs: number;
  intervalMs: number;
  online: boolean;
}

export class Presence {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #offlineAfterIntervals: number;
  readonly #entries = new Map<string, Entry>();
  /** Remote address of each device's current MQTT connection, told by the broker on connect. */
  readonly #addresses = new Map<string, string>();
  #chain: Promise<unknown> = Promise.resolve();
  #flushScheduled = false;
  /** Latest state of each device changed since the last flush. */
  #pendingState = new Map<string, boolean>();
  #pendingHistory: Transition[] = [];
  #sweeper: NodeJS.Timeout | undefined;
  #flushTimer: NodeJS.Timeout | undefined;
  readonly #shared: boolean;
  /** Shared mode: devices seen since the last flush, to be marked online where they are not. */
  #sharedSeen = new Set<string>();

  constructor(db: Database, log: Logger, offlineAfterIntervals: number, shared = false) {
    this.#db = db;
    this.#log = log;
    this.#offlineAfterIntervals = offlineAfterIntervals;
    this.#shared = shared;
  }

  /**
   * After a restart nobody is connected to this process yet: whatever the database says, every
   * device starts offline. Not in shared mode: devices are connected to the broker, not to us, and
   * other instances are serving them (with several workers, the cluster's primary does it once
   * before any worker starts: cluster/primary.ts).
   */
  /** `sweeps` false: another process of the cluster runs the shared timeout sweep (one is enough). */
  async start(sweepMs: number, sweeps = true): Promise<void> {
    if (sweeps) {
      this.#sweeper = setInterval(() => (this.#shared ? this.#sharedSweep() : this.sweep()), sweepMs);
      this.#sweeper.unref();
    }
    if (!this.#shared) await markAllOffline(this.#db, 'platform restart');
  }

  seen(deviceId: string, intervalMs: number, nowMs = Date.now()): void {
    if (this.#shared) {
      this.#sharedSeen.add(deviceId);
      return this.#schedule();
    }
    const entry = this.#entries.get(deviceId);
    if (entry) {
      entry.lastSeenMs = Math.max(entry.lastSeenMs, nowMs);
      entry.intervalMs = intervalMs;
      if (entry.online) return;
      entry.online = true;
    } else {
      this.#entries.set(deviceId, { lastSeenMs: nowMs, intervalMs, online: true });
    }
    this.#write([deviceId], true, 'heartbeat', nowMs);
  }

  /** The broker accepted a connection for this device (aedes 'client' event); kept for the history. */
  connected(deviceId: string, remoteAddress: string | undefined): void {
    if (remoteAddress) this.#addresses.set(deviceId, remoteAddress);
    else this.#addresses.delete(deviceId);
  }

  disconnected(deviceId: string, cause: string): void {
    if (this.#shared) return this.#enqueue(() => this.#sharedSet(false, cause, new Date(), eq(devices.id, deviceId)));
    const entry = this.#entries.get(deviceId);
    if (!entry?.online) return;
    entry.online = false;
    this.#write([deviceId], false, cause, Date.now());
  }

  sweep(nowMs = Date.now()): void {
    const expired: string[] = [];
    for (const [id, e] of this.#entries) {
      if (e.online && nowMs - e.lastSeenMs > e.intervalMs * this.#offlineAfterIntervals) {
        e.online = false;
        expired.push(id);
      }
    }
    if (expired.length > 0) this.#write(expired, false, 'heartbeat timeout', nowMs);
  }

  /** Resolves when every transition so far is in the database. */
  settled(): Promise<unknown> {
    return this.#chain;
  }

  stop(): Promise<unknown> {
    clearInterval(this.#sweeper);
    if (this.#flushScheduled && this.#flushTimer) {
      clearTimeout(this.#flushTimer);
      this.#flushScheduled = false;
      this.#enqueue(() => this.#flush());
    }
    return this.#chain;
  }

  #write(ids: string[], online: boolean, cause: string, atMs: number): void {
    this.#log.info({ devices: ids.length <= 10 ? ids : ids.length, online, cause }, online ? 'device online' : 'device offline');
    for (const deviceId of ids) {
      this.#pendingState.set(deviceId, online);
      this.#pendingHistory.push({ deviceId, online, cause, atMs, remoteAddress: this.#addresses.get(deviceId) ?? null });
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    const flush = () =>
      this.#enqueue(() => {
        this.#flushScheduled = false;
        return this.#flush();
      });
    // Shared mode hears of every heartbeat: gathered for a moment, they make one UPDATE, not one each.
    if (this.#shared) this.#flushTimer = setTimeout(flush, SHARED_FLUSH_MS);
    else flush();
  }

  #enqueue(step: () => Promise<void>): void {
    this.#chain = this.#chain.then(step).catch((err: unknown) => this.#log.error({ err }, 'presence write failed'));
  }

  /** Shared mode: offline every device whose last heartbeat, by any instance, is too old. */
  #sharedSweep(): void {
    this.#enqueue(() => {
      const now = new Date();
      const timeout = sql`${now.toISOString()}::timestamptz - ${devices.heartbeatIntervalMs} * ${this.#offlineAfterIntervals} * interval '1 millisecond'`;
      // Silent since its last stored heartbeat and since it came online (greatest() skips a null;
      // both null: never heard of).
      const heard = sql`greatest(${devices.lastSeenAt}, ${devices.cameOnlineAt})`;
      return this.#sharedSet(false, 'heartbeat timeout', now, or(isNull(heard), lt(heard, timeout)));
    });
  }

  /** Shared mode: online every device seen since the last flush that the database has offline. */
  async #sharedFlush(): Promise<void> {
    const ids = [...this.#sharedSeen];
    this.#sharedSeen = new Set();
    const now = new Date();
    try {
      for (let i = 0; i < ids.length; i += CHUNK) await this.#sharedSet(true, 'heartbeat', now, inArray(devices.id, ids.slice(i, i + CHUNK)));
    } catch (err) {
      for (const id of ids) this.#sharedSeen.add(id);
      this.#retryLater();
      throw err;
    }
  }

  /** A failed write (a deadlock victim, a database restart) is tried again, not lost. */
  #retryLater(): void {
    setTimeout(() => this.#schedule(), RETRY_MS).unref();
  }

  /**
   * Shared mode: sets devices.online where it differs and `where` holds, and records a transition
   * for exactly the rows this statement flipped. Coming online also sets came_online_at, which the
   * sweep reads beside last_seen_at: it must not take the device offline again before the writer's
   * batch with its heartbeat commits, nor when it has said hello and sent no heartbeat yet.
   */
  async #sharedSet(online: boolean, cause: string, now: Date, where: SQL | undefined): Promise<void> {
    const was = await this.#db
      .update(devices)
      .set(online ? { online, cameOnlineAt: now } : { online })
      .where(lockedInIdOrder(and(where, online ? sql`not ${devices.online}` : sql`${devices.online}`)))
      .returning({ id: devices.id });
    if (was.length === 0) return;
    this.#log.info({ devices: was.length <= 10 ? was.map((d) => d.id) : was.length, online, cause }, online ? 'device online' : 'device offline');
    await appendHistory(this.#db, was.map((d) => ({ deviceId: d.id, online, cause, atMs: now.getTime(), remoteAddress: this.#addresses.get(d.id) ?? null })));
  }

  async #flush(): Promise<void> {
    if (this.#shared) return this.#sharedFlush();
    const state = this.#pendingState;
    const history = this.#pendingHistory;
    this.#pendingState = new Map();
    this.#pendingHistory = [];
    const now = new Date();
    try {
      for (const online of [true, false]) {
        const ids = [...state].filter(([, s]) => s === online).map(([id]) => id);
        for (let i = 0; i < ids.length; i += CHUNK) {
          await this.#db.update(devices).set(online ? { online, cameOnlineAt: now } : { online }).where(lockedInIdOrder(inArray(devices.id, ids.slice(i, i + CHUNK))));
        }
      }
      await appendHistory(this.#db, history);
    } catch (err) {
      // Back in the queue behind anything newer: setting a state twice does no harm.
      for (const [id, online] of state) if (!this.#pendingState.has(id)) this.#pendingState.set(id, online);
      this.#pendingHistory = [...history, ...this.#pendingHistory];
      this.#retryLater();
      throw err;
    }
  }
}

const CHUNK = 5_000;
const RETRY_MS = 1_000;
const SHARED_FLUSH_MS = 250;

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
export async function markAllOffline(db: Database, cause: string): Promise<void> {
  const was = await db.update(devices).set({ online: false }).where(sql`${devices.online}`).returning({ id: devices.id });
  const now = Date.now();
  await appendHistory(db, was.map((d) => ({ deviceId: d.id, online: false, cause, atMs: now, remoteAddress: null })));
}

async function appendHistory(db: Database, transitions: readonly Transition[]): Promise<void> {
  // Chunks keep one statement's parameters well under PostgreSQL's 65,535 (5 per row).
  for (let i = 0; i < transitions.length; i += CHUNK) {
    const rows = transitions.slice(i, i + CHUNK).map((t) => ({
      deviceId: t.deviceId, at: new Date(t.atMs), event: t.online ? ('online' as const) : ('offline' as const), cause: t.cause, remoteAddress: t.remoteAddress,
    }));
    await db.insert(deviceConnections).values(rows);
  }
}
