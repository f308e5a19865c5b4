// Presence when this process holds every connection of its devices (one platform, embedded broker):
// memory decides. Each flush sets devices.online to every changed device's latest state (one
// UPDATE per state, not one per device — a restarted platform sees thousands of devices come back
// in seconds) and appends every transition to the connection history, so no transition is left out.
import type { Logger } from 'pino';
import type { Database } from '../../db/index.js';
import { appendHistory, markAllOffline, setStates, type ConnectionCause, type Presence, type Transition } from '../presence.js';
import { WriteQueue } from './write-queue.js';

// Transitions gathered for a moment make one flush: a device connecting costs its share of two
// statements, not two of its own. Nothing waits on the row but the dashboard (memory decides here),
// stop() writes what is gathering, and a crash loses no state: a restart offlines every device.
const GATHER_MS = 250; // 0.25 s

interface Entry {
  lastSeenMs: number;
  intervalMs: number;
  online: boolean;
}

export class LocalPresence implements Presence {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #offlineAfterIntervals: number;
  readonly #entries = new Map<string, Entry>();
  /** Remote address of each device's current MQTT connection, told by the broker on connect. */
  readonly #addresses = new Map<string, string>();
  /** Latest state of each device changed since the last flush. */
  #pendingState = new Map<string, boolean>();
  #pendingHistory: Transition[] = [];
  #sweeper: NodeJS.Timeout | undefined;
  readonly #writes: WriteQueue;

  constructor(db: Database, log: Logger, offlineAfterIntervals: number) {
    this.#db = db;
    this.#log = log;
    this.#offlineAfterIntervals = offlineAfterIntervals;
    this.#writes = new WriteQueue(log, () => this.#flush(), GATHER_MS);
  }

  /** After a restart nobody is connected to this process yet: whatever the database says, every device starts offline. */
  async start(sweepMs: number, sweeps = true): Promise<void> {
    if (sweeps) {
      this.#sweeper = setInterval(() => this.sweep(), sweepMs);
      this.#sweeper.unref();
    }
    await markAllOffline(this.#db, 'platform restart');
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

  connected(deviceId: string, remoteAddress: string | undefined): void {
    if (remoteAddress) this.#addresses.set(deviceId, remoteAddress);
    else this.#addresses.delete(deviceId);
  }

  disconnected(deviceId: string, cause: ConnectionCause): void {
    const entry = this.#entries.get(deviceId);
    if (!entry?.online) return;
    entry.online = false;
    this.#write([deviceId], false, cause, Date.now());
  }

  /** Offline every device silent for longer than its timeout. */
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

  settled(): Promise<unknown> {
    return this.#writes.settled();
  }

  stop(): Promise<unknown> {
    clearInterval(this.#sweeper);
    return this.#writes.stop();
  }

  #write(ids: string[], online: boolean, cause: ConnectionCause, atMs: number): void {
    this.#log.info({ devices: ids.length <= 10 ? ids : ids.length, online, cause }, online ? 'device online' : 'device offline');
    for (const deviceId of ids) {
      this.#pendingState.set(deviceId, online);
      this.#pendingHistory.push({ deviceId, online, cause, atMs, remoteAddress: this.#addresses.get(deviceId) ?? null });
    }
    this.#writes.schedule();
  }

  async #flush(): Promise<void> {
    const state = this.#pendingState;
    const history = this.#pendingHistory;
    this.#pendingState = new Map();
    this.#pendingHistory = [];
    const now = new Date();
    try {
      await setStates(this.#db, state, now);
      await appendHistory(this.#db, history);
    } catch (err) {
      // Back in the queue behind anything newer: setting a state twice does no harm.
      for (const [id, online] of state) if (!this.#pendingState.has(id)) this.#pendingState.set(id, online);
      this.#pendingHistory = [...history, ...this.#pendingHistory];
      this.#writes.retryLater();
      throw err;
    }
  }
}
