// Presence when several processes split the devices' traffic (external broker with several
// instances, or a cluster's workers): no process sees all of a device's messages nor its
// connection, so memory decides nothing. Every transition is a conditional UPDATE of
// devices.online (… where not online / where online … returning id): whichever process flips the
// row records the transition, exactly once, and the timeout sweep reads last_seen_at, which every
// process's heartbeat writer advances, and came_online_at. Losing a process loses no presence state.
import { eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/index.js';
import { devices } from '../../db/schema/index.js';
import { appendHistory, CHUNK, flipOnline, type ConnectionCause, type Presence } from '../presence.js';
import { WriteQueue } from './write-queue.js';

// Every heartbeat is heard of: gathered for a moment, they make one UPDATE, not one each.
const GATHER_MS = 250; // 0.25 s

export class SharedPresence implements Presence {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #offlineAfterIntervals: number;
  readonly #lagMs: number;
  /** Remote address of each device's current MQTT connection, told by the broker on connect. */
  readonly #addresses = new Map<string, string>();
  /** Devices seen since the last flush, to be marked online where they are not. */
  #seen = new Set<string>();
  #sweeper: NodeJS.Timeout | undefined;
  readonly #writes: WriteQueue;

  /**
   * `lagMs`: how far devices.last_seen_at may trail the newest stored heartbeat, the writers'
   * rollup period (EDGENET_ROLLUP_FLUSH_MS, ingest/rollup/flusher.ts). The sweep waits that much
   * longer, or a device heard every interval would be swept offline between two folds.
   */
  constructor(db: Database, log: Logger, offlineAfterIntervals: number, lagMs = 0) {
    this.#db = db;
    this.#log = log;
    this.#offlineAfterIntervals = offlineAfterIntervals;
    this.#lagMs = lagMs;
    this.#writes = new WriteQueue(log, () => this.#flush(), GATHER_MS);
  }

  /**
   * Devices are connected to the broker, not to this process, and others are serving them: their
   * state is left as it is (a cluster's primary offlines every device once before any worker
   * starts: cluster/primary.ts). `sweeps` false: another process runs the sweep (one is enough).
   */
  async start(sweepMs: number, sweeps = true): Promise<void> {
    if (!sweeps) return;
    this.#sweeper = setInterval(() => this.#sweep(), sweepMs);
    this.#sweeper.unref();
  }

  /** The interval is not needed: the sweep reads each device's from the database. */
  seen(deviceId: string, _intervalMs?: number): void {
    this.#seen.add(deviceId);
    this.#writes.schedule();
  }

  connected(deviceId: string, remoteAddress: string | undefined): void {
    if (remoteAddress) this.#addresses.set(deviceId, remoteAddress);
    else this.#addresses.delete(deviceId);
  }

  disconnected(deviceId: string, cause: ConnectionCause): void {
    this.#writes.enqueue(() => this.#set(false, cause, new Date(), eq(devices.id, deviceId)));
  }

  settled(): Promise<unknown> {
    return this.#writes.settled();
  }

  stop(): Promise<unknown> {
    clearInterval(this.#sweeper);
    return this.#writes.stop();
  }

  /** Offline every device whose last heartbeat, by any process, is too old. */
  #sweep(): void {
    this.#writes.enqueue(() => {
      const now = new Date();
      const timeout = sql`${now.toISOString()}::timestamptz - (${devices.heartbeatIntervalMs} * ${this.#offlineAfterIntervals} + ${this.#lagMs}) * interval '1 millisecond'`;
      // Silent since its last stored heartbeat and since it came online (greatest() skips a null;
      // both null: never heard of).
      const heard = sql`greatest(${devices.lastSeenAt}, ${devices.cameOnlineAt})`;
      return this.#set(false, 'heartbeat timeout', now, or(isNull(heard), lt(heard, timeout)));
    });
  }

  /** Online every device seen since the last flush that the database has offline. */
  async #flush(): Promise<void> {
    const ids = [...this.#seen];
    this.#seen = new Set();
    const now = new Date();
    try {
      for (let i = 0; i < ids.length; i += CHUNK) await this.#set(true, 'heartbeat', now, inArray(devices.id, ids.slice(i, i + CHUNK)));
    } catch (err) {
      for (const id of ids) this.#seen.add(id);
      this.#writes.retryLater();
      throw err;
    }
  }

  /** Flips the rows matching `where` and records a transition for exactly those. */
  async #set(online: boolean, cause: ConnectionCause, now: Date, where: SQL | undefined): Promise<void> {
    // One transaction: a flip without its history row (a crash between the two, or a reader
    // between them) would break "each transition recorded exactly once".
    const was = await this.#db.transaction(async (tx) => {
      const flipped = await flipOnline(tx, online, now, where);
      await appendHistory(
        tx,
        flipped.map((deviceId) => ({ deviceId, online, cause, atMs: now.getTime(), remoteAddress: this.#addresses.get(deviceId) ?? null })),
      );
      return flipped;
    });
    if (was.length === 0) return;
    this.#log.info({ devices: was.length <= 10 ? was : was.length, online, cause }, online ? 'device online' : 'device offline');
  }
}
