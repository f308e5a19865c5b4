// Presence (issue #2): a device is online while its heartbeats arrive; it goes offline when none
// has arrived for `offlineAfterIntervals` heartbeat intervals, or at once when its connection drops
// (MQTT will message [MQTT-3.1.2-8] or the broker's disconnect event).
//
// State lives in memory for speed. Transitions are written in batches through one ordered chain:
// each flush sets devices.online to every changed device's latest state (one UPDATE per state, not
// one per device — a restarted platform sees thousands of devices come back in seconds, issue 7),
// and appends every transition to device_connections (issue 6: connection history), so the database
// never shows an older state after a newer one and no transition is left out of the history.
import { inArray, sql } from 'drizzle-orm';
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

  constructor(db: Database, log: Logger, offlineAfterIntervals: number) {
    this.#db = db;
    this.#log = log;
    this.#offlineAfterIntervals = offlineAfterIntervals;
  }

  /** After a restart nobody is connected yet: whatever the database says, every device starts offline. */
  async start(sweepMs: number): Promise<void> {
    const was = await this.#db.update(devices).set({ online: false }).where(sql`${devices.online}`).returning({ id: devices.id });
    const now = Date.now();
    await this.#history(was.map((d) => ({ deviceId: d.id, online: false, cause: 'platform restart', atMs: now, remoteAddress: null })));
    this.#sweeper = setInterval(() => this.sweep(), sweepMs);
    this.#sweeper.unref();
  }

  seen(deviceId: string, intervalMs: number, nowMs = Date.now()): void {
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

  isOnline(deviceId: string): boolean {
    return this.#entries.get(deviceId)?.online ?? false;
  }

  /** Resolves when every transition so far is in the database. */
  settled(): Promise<unknown> {
    return this.#chain;
  }

  stop(): Promise<unknown> {
    clearInterval(this.#sweeper);
    return this.#chain;
  }

  #write(ids: string[], online: boolean, cause: string, atMs: number): void {
    this.#log.info({ devices: ids.length <= 10 ? ids : ids.length, online, cause }, online ? 'device online' : 'device offline');
    for (const deviceId of ids) {
      this.#pendingState.set(deviceId, online);
      this.#pendingHistory.push({ deviceId, online, cause, atMs, remoteAddress: this.#addresses.get(deviceId) ?? null });
    }
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    this.#chain = this.#chain
      .then(() => {
        this.#flushScheduled = false;
        return this.#flush();
      })
      .catch((err: unknown) => this.#log.error({ err }, 'presence write failed'));
  }

  async #flush(): Promise<void> {
    const state = this.#pendingState;
    const history = this.#pendingHistory;
    this.#pendingState = new Map();
    this.#pendingHistory = [];
    for (const online of [true, false]) {
      const ids = [...state].filter(([, s]) => s === online).map(([id]) => id);
      for (let i = 0; i < ids.length; i += CHUNK) {
        await this.#db.update(devices).set({ online }).where(inArray(devices.id, ids.slice(i, i + CHUNK)));
      }
    }
    await this.#history(history);
  }

  async #history(transitions: readonly Transition[]): Promise<void> {
    // Chunks keep one statement's parameters well under PostgreSQL's 65,535 (5 per row).
    for (let i = 0; i < transitions.length; i += CHUNK) {
      const rows = transitions.slice(i, i + CHUNK).map((t) => ({
        deviceId: t.deviceId, at: new Date(t.atMs), event: t.online ? ('online' as const) : ('offline' as const), cause: t.cause, remoteAddress: t.remoteAddress,
      }));
      await this.#db.insert(deviceConnections).values(rows);
    }
  }
}

const CHUNK = 5_000;
