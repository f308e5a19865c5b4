// Heartbeats are written in batches, one multi-row INSERT per flush, not one per message: at 100,000
// devices every 30 s that is ~3,300 rows/s, which row-at-a-time inserts on a 2-core server cannot
// sustain. The batch's statement stores only what "acknowledged means stored" needs: the rows and
// the batch's own record. Its rollups (device_days, chain_anchors, the devices' last_seq,
// first_seen_at and last_seen_at, of which this module's RollupFlusher is the one writer) are
// folded from memory on a period, and from the stored rows after a crash (rollup/).
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { executeNamed, type Database } from '../db/index.js';
import type { Calendar } from '../domain/calendar.js';
import { PlatformError } from '../errors.js';
import { heartbeats } from '../db/schema/index.js';
import { DEVICE_DAY_BUCKETS } from '../db/schema/device-days.js';
import type { HeartbeatStorage } from '../db/migrate.js';
import { allColumns, unnestRows } from '../db/unnest.js';
import { LatencyHistogram } from './latency-histogram.js';
import { RollupFlusher } from './rollup/flusher.js';
import { encodeSealed } from './rollup/sealed-blob.js';
import { RollupState, type DayRollup } from './rollup/state.js';

// The row without its batch marker, which the statement sets from the batch's own id, and the device
// time its commit latency is measured from (in the signed body, not a column).
export type HeartbeatRow = Omit<typeof heartbeats.$inferInsert, 'batchId'> & { deviceTime: Date };
const HEARTBEAT_COLUMNS = allColumns(heartbeats).filter((c): c is Exclude<typeof c, 'batchId'> => c !== 'batchId');
/** The device's signature over the row's body (on the row too) for the day's anchor, and its TPM verdict. */
export interface Signed {
  signature: Buffer;
  keyId: string;
  /** Its TPM seal verified at ingest (ingest.ts): counted in the day's device_days.tpm_seals. */
  tpmSealed?: boolean;
}

export interface HeartbeatWriterOptions {
  batchSize: number;
  flushMs: number;
  /** Above this many queued rows, enqueue() waits for a flush: back-pressure instead of growth. */
  highWater?: number;
  /** The counting policy's calendar: which day and bucket each heartbeat is rolled up under. */
  calendar: Calendar;
  /** How heartbeats are keyed (db/migrate.ts): a hypertable needs heartbeat_keys to dedupe. */
  storage?: HeartbeatStorage;
  /** Names this instance's heartbeat_batches rows (EDGENET_INSTANCE_ID). */
  instanceId?: string;
  /** How long rollups wait in memory before they are folded (EDGENET_ROLLUP_FLUSH_MS). */
  rollupFlushMs?: number;
}

// After a failed batch the writer retries at 0.5 s, 1 s, then every 2 s. A retry is one INSERT of
// rows already in memory, cheap next to the devices' acknowledgements it holds up: with the old
// 30 s cap a database back from an outage waited up to 30 s for its first write, and every device
// waited that long for its PUBACKs.
export const RETRY_START_MS = 500; // 0.5 s
export const RETRY_CAP_MS = 2_000; // 2 s
export const DEFAULT_ROLLUP_FLUSH_MS = 30_000; // 30 s, as config.ts

/** The wait before retry number `failures` (1 = after the first failure). */
export function retryDelayMs(failures: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_START_MS * 2 ** Math.min(Math.max(failures, 1) - 1, 16));
}

export class HeartbeatWriter {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #opts: Required<HeartbeatWriterOptions>;
  #queue: Queued[] = [];
  /** The batch being written now: still not committed, so still "held" (holds()). */
  #writing: Queued[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #failures = 0;
  /** Failed batch writes in a row (0 once one commits), and the wait scheduled after the last. */
  get failures(): number {
    return this.#failures;
  }
  retryInMs: number | null = null;
  written = 0;
  /** device_days, chain_anchors and the devices' last seen, folded on a period (rollup/flusher.ts). */
  readonly rollups: RollupFlusher;
  readonly commitLatency = new LatencyHistogram();

  constructor(db: Database, log: Logger, opts: HeartbeatWriterOptions) {
    this.#db = db;
    this.#log = log;
    this.#opts = { highWater: opts.batchSize * 20, storage: 'table', instanceId: 'edgenet', rollupFlushMs: DEFAULT_ROLLUP_FLUSH_MS, ...opts };
    // Refused at start, not at the first batch: a rollup the column cannot hold would fail every
    // batch, and the writer would hold every device's acknowledgement while it retried.
    if (opts.calendar.bucketsPerDay !== DEVICE_DAY_BUCKETS) {
      throw new PlatformError(
        'EDGENET_ERR_STARTUP',
        `the counting calendar has ${opts.calendar.bucketsPerDay} buckets a day; device_days.buckets holds ${DEVICE_DAY_BUCKETS}`,
      );
    }
    this.rollups = new RollupFlusher(db, log, { calendar: opts.calendar, instanceId: this.#opts.instanceId, periodMs: this.#opts.rollupFlushMs });
  }

  get pending(): number {
    return this.#queue.length;
  }

  /**
   * Queues a row; resolves once it is queued (or, above the high-water mark, once a flush made
   * room). `onCommitted` runs when the row's batch is committed — or found already stored.
   */
  async enqueue(row: HeartbeatRow, signed: Signed, onCommitted?: () => void): Promise<void> {
    this.#queue.push(onCommitted ? { row, signed, onCommitted } : { row, signed });
    if (this.#queue.length >= this.#opts.batchSize) this.#kick();
    else this.#timer ??= setTimeout(() => this.#kick(), this.#opts.flushMs);
    if (this.#queue.length >= this.#opts.highWater) await this.#flushing;
  }

  /** True while this device's heartbeat with this seq is queued or being written. */
  holds(deviceId: string, seq: number): boolean {
    return this.#find(deviceId, seq) !== undefined;
  }

  /**
   * While this device's heartbeat with this seq is queued or being written: a promise of its
   * commit. A resend of it (a duplicate) may be acknowledged only then, or a platform killed before
   * the commit would have acknowledged a heartbeat it never stored. Undefined when not held.
   */
  committed(deviceId: string, seq: number): Promise<void> | undefined {
    const q = this.#find(deviceId, seq);
    if (!q) return undefined;
    q.waiters ??= [];
    const waiters = q.waiters;
    return new Promise((resolve) => {
      waiters.push(resolve);
    });
  }

  #find(deviceId: string, seq: number): Queued | undefined {
    const match = (q: Queued) => q.row.deviceId === deviceId && q.row.seq === seq;
    return this.#writing.find(match) ?? this.#queue.find(match);
  }

  /** Writes everything queued so far; resolves when it is committed. */
  flush(): Promise<void> {
    this.#kick();
    return this.#flushing;
  }

  #kick(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // Flushes are chained so batches commit in arrival order.
    this.#flushing = this.#flushing.then(() => this.#writeQueued());
  }

  async #writeQueued(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#opts.batchSize);
      this.#writing = batch;
      try {
        await this.#write(batch);
        this.#writing = [];
        this.written += batch.length;
        const committedAt = Date.now();
        for (const { row, onCommitted, waiters } of batch) {
          this.commitLatency.record(committedAt - row.deviceTime.getTime());
          onCommitted?.();
          if (waiters) for (const w of waiters) w();
        }
        this.#failures = 0;
        this.retryInMs = null;
      } catch (err) {
        this.#writing = [];
        // Keep the rows and retry later: a database restart must not lose heartbeats.
        this.#queue.unshift(...batch);
        this.#failures += 1;
        const delay = retryDelayMs(this.#failures);
        this.retryInMs = delay;
        this.#log.error({ err, rows: batch.length, retryInMs: delay }, 'heartbeat batch write failed');
        this.#timer ??= setTimeout(() => this.#kick(), delay);
        return;
      }
    }
  }

  async #write(queued: Queued[]): Promise<void> {
    const byKey = new Map(queued.map((q) => [`${q.row.deviceId}/${q.row.seq}`, q]));
    // Sorted by key: two instances' overlapping batches take the key locks in one order.
    const sorted = [...byKey.values()].sort((x, y) => (x.row.deviceId < y.row.deviceId ? -1 : x.row.deviceId > y.row.deviceId ? 1 : x.row.seq - y.row.seq));
    const sealed = encodeSealed(sorted.filter((q) => q.signed.tpmSealed === true).map((q) => q.row));
    const rows = unnestRows(
      heartbeats,
      HEARTBEAT_COLUMNS,
      sorted.map((q) => q.row),
    );
    // One statement, so no BEGIN and COMMIT: the heartbeats and the batch's own row (what a fold
    // after a crash needs, rollup/) commit together. A redelivered QoS 1 message is not an error:
    // its row is stored already, ON CONFLICT DO NOTHING skips it, and only the rows returned feed the
    // rollups. As a TimescaleDB hypertable heartbeats is keyed (device_id, seq, received_at) and a
    // redelivery has a new receive time, so there heartbeat_keys decides (heartbeat-keys.ts). A
    // batch of duplicates only writes no batch row. The statement's text never changes: it is
    // parsed and planned once per connection (db/index.ts executeNamed).
    const won = await executeNamed<{ device_id: string; seq: string | number; batch_id: string | number }>(
      this.#db,
      this.#opts.storage === 'hypertable' ? 'heartbeats_insert_keyed' : 'heartbeats_insert',
      this.#opts.storage === 'hypertable'
        ? sql`
        with b as (select nextval('heartbeat_batches_id_seq') as id),
        u as (select * from ${rows.unnest} as u(${rows.columns})),
        k as (insert into heartbeat_keys (device_id, seq) select device_id, seq from u on conflict do nothing returning device_id, seq),
        ins as (
          insert into heartbeats (${rows.columns}, batch_id)
          select u.*, b.id from u join k on k.device_id = u.device_id and k.seq = u.seq cross join b
          returning device_id, seq),
        mark as (
          insert into heartbeat_batches (id, instance_id, sealed) overriding system value
          select b.id, ${this.#opts.instanceId}, ${sealed} from b where exists (select 1 from ins))
        select ins.device_id, ins.seq, b.id as batch_id from ins cross join b`
        : sql`
        with b as (select nextval('heartbeat_batches_id_seq') as id),
        ins as (
          insert into heartbeats (${rows.columns}, batch_id)
          select u.*, b.id from ${rows.unnest} as u cross join b
          on conflict do nothing
          returning device_id, seq),
        mark as (
          insert into heartbeat_batches (id, instance_id, sealed) overriding system value
          select b.id, ${this.#opts.instanceId}, ${sealed} from b where exists (select 1 from ins))
        select ins.device_id, ins.seq, b.id as batch_id from ins cross join b`,
    );
    if (won.length === 0) return;
    this.rollups.add(
      Number(won[0]!.batch_id),
      won.map((w) => byKey.get(`${w.device_id}/${Number(w.seq)}`)!),
    );
  }

  /** Folds the rollups of every batch committed so far (rollup/flusher.ts). */
  flushRollups(): Promise<void> {
    return this.rollups.flush();
  }

  /** Folds what earlier lives of this instance (or lost peers) left unfolded; then folds on a period. */
  start(): Promise<void> {
    return this.rollups.start();
  }

  async close(): Promise<void> {
    await this.flush();
    clearTimeout(this.#timer);
    await this.rollups.close();
  }
}

interface Queued {
  row: HeartbeatRow;
  signed: Signed;
  onCommitted?: () => void;
  /** Resends of this heartbeat waiting for its commit (committed()). */
  waiters?: (() => void)[];
}

/** Folds heartbeats into per-device, per-day bitmaps and sums, by the calendar's days and buckets. */
export function rollupDays(
  calendar: Calendar,
  rows: readonly { deviceId: string; filedAt: Date; filing: string; inferenceDelta: number; tpmSealed?: boolean }[],
): DayRollup[] {
  const state = new RollupState(calendar);
  for (const [i, r] of rows.entries()) {
    state.add({ ...r, seq: i, receivedAt: r.filedAt }, r.tpmSealed ? { signature: Buffer.alloc(0), keyId: '', tpmSealed: true } : undefined);
  }
  return state.days();
}
