// Heartbeats are written in batches, one multi-row INSERT per flush, not one per message: at 100,000 devices every 30 s that is ~3,300 rows/s, which row-at-a-time inserts on
// a 2-core server cannot sustain. A flush also advances each device's last_seen_at and last_seq:
// this module is the one writer of devices.last_seq, first_seen_at and last_seen_at.
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { executeNamed, type Database } from '../db/index.js';
import type { Calendar } from '../domain/calendar.js';
import { PlatformError } from '../errors.js';
import { chainAnchors, deviceDays, devices, heartbeatKeys, heartbeats } from '../db/schema/index.js';
import { DEVICE_DAY_BUCKETS } from '../db/schema/device-days.js';
import { allColumns, unnestRows } from '../db/unnest.js';
import { LatencyHistogram } from './latency-histogram.js';
import { UNCOUNTED_FILINGS } from './filing.js';

// The row, and the device time its commit latency is measured from (in the signed body, not a column).
export type HeartbeatRow = typeof heartbeats.$inferInsert & { deviceTime: Date };
const HEARTBEAT_COLUMNS = allColumns(heartbeats);
/** What only the day's anchor keeps: the device's signature over the row's body. */
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
}

// After a failed batch the writer retries at 0.5 s, 1 s, then every 2 s. A retry is one INSERT of
// rows already in memory, cheap next to the devices' acknowledgements it holds up: with the old
// 30 s cap a database back from an outage waited up to 30 s for its first write, and every device
// waited that long for its PUBACKs.
export const RETRY_START_MS = 500; // 0.5 s
export const RETRY_CAP_MS = 2_000; // 2 s

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
  readonly commitLatency = new LatencyHistogram();

  constructor(db: Database, log: Logger, opts: HeartbeatWriterOptions) {
    this.#db = db;
    this.#log = log;
    this.#opts = { highWater: opts.batchSize * 20, ...opts };
    // Refused at start, not at the first batch: a rollup the column cannot hold would fail every
    // batch, and the writer would hold every device's acknowledgement while it retried.
    if (opts.calendar.bucketsPerDay !== DEVICE_DAY_BUCKETS) {
      throw new PlatformError(
        'EDGENET_ERR_STARTUP',
        `the counting calendar has ${opts.calendar.bucketsPerDay} buckets a day; device_days.buckets holds ${DEVICE_DAY_BUCKETS}`,
      );
    }
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
    const latest = new Map<string, { id: string; lastSeq: number; lastSeenAt: Date }>();
    for (const { row } of queued) {
      const prev = latest.get(row.deviceId);
      if (!prev || row.seq > prev.lastSeq) latest.set(row.deviceId, { id: row.deviceId, lastSeq: row.seq, lastSeenAt: row.receivedAt });
    }
    await this.#db.transaction(async (tx) => {
      // A redelivered QoS 1 message is not an error: its key is in heartbeat_keys already, and only
      // the heartbeats whose key this statement inserted are stored and feed the daily rollup and
      // the anchors. The key table, not heartbeats' own primary key, decides: as a TimescaleDB
      // hypertable heartbeats is keyed (device_id, seq, received_at) and a redelivery has a new
      // receive time. Another instance inserting the same key at once waits for this transaction,
      // then inserts nothing. Keys go in sorted, so two overlapping batches lock them in one order.
      const sorted = [...byKey.values()].map((q) => q.row).sort((x, y) => (x.deviceId < y.deviceId ? -1 : x.deviceId > y.deviceId ? 1 : x.seq - y.seq));
      const k = unnestRows(heartbeatKeys, ['deviceId', 'seq'], sorted);
      // Each statement has a name: its text never changes (one array per column), so PostgreSQL
      // parses and plans it once per connection instead of once per batch (db/index.ts).
      const won = await executeNamed<{ device_id: string; seq: string | number }>(
        tx,
        'heartbeat_keys_insert',
        sql`
        insert into heartbeat_keys (${k.columns}) select * from ${k.unnest}
        on conflict do nothing returning device_id, seq`,
      );
      const inserted = won.map((w) => byKey.get(`${w.device_id}/${Number(w.seq)}`)!);
      if (inserted.length > 0) {
        const rows = unnestRows(
          heartbeats,
          HEARTBEAT_COLUMNS,
          inserted.map((q) => q.row),
        );
        await executeNamed(tx, 'heartbeats_insert', sql`insert into heartbeats (${rows.columns}) select * from ${rows.unnest}`);
      }
      const rollup = rollupDays(
        this.#opts.calendar,
        inserted.map((q) => (q.signed.tpmSealed ? { ...q.row, tpmSealed: true } : q.row)),
      );
      if (rollup.length > 0) {
        const days = unnestRows(deviceDays, ['deviceId', 'day', 'buckets', 'heartbeats', 'lateHeartbeats', 'inferences', 'tpmSeals'], rollup);
        await executeNamed(
          tx,
          'device_days_upsert',
          sql`
          insert into device_days (${days.columns}) select * from ${days.unnest}
          on conflict (device_id, day) do update
             set buckets = device_days.buckets | excluded.buckets,
                 heartbeats = device_days.heartbeats + excluded.heartbeats,
                 late_heartbeats = device_days.late_heartbeats + excluded.late_heartbeats,
                 inferences = device_days.inferences + excluded.inferences,
                 tpm_seals = device_days.tpm_seals + excluded.tpm_seals`,
        );
      }
      const anchors = dayAnchors(this.#opts.calendar, inserted);
      if (anchors.length > 0) {
        // Keep the day's highest seq: a late batch for an earlier part of the day must not replace it.
        const a = unnestRows(chainAnchors, ['deviceId', 'day', 'seq', 'body', 'signature', 'keyId'], anchors);
        await executeNamed(
          tx,
          'chain_anchors_upsert',
          sql`
          insert into chain_anchors (${a.columns}) select * from ${a.unnest}
          on conflict (device_id, day) do update
             set seq = excluded.seq, body = excluded.body, signature = excluded.signature, key_id = excluded.key_id
           where excluded.seq > chain_anchors.seq`,
        );
      }
      // Locked in id order first, as presence.ts locks them: no deadlock between the two.
      const ids = [...latest.keys()].sort();
      await executeNamed(tx, 'devices_lock_seen', sql`select id from devices where id = any(${sql.param(ids)}::uuid[]) order by id for no key update`);
      const seen = unnestRows(
        devices,
        ['id', 'lastSeq', 'lastSeenAt'],
        ids.map((id) => latest.get(id)!),
      );
      await executeNamed(
        tx,
        'devices_update_seen',
        sql`
        update devices d
           set last_seq = greatest(d.last_seq, v.last_seq),
               last_seen_at = greatest(d.last_seen_at, v.last_seen_at),
               first_seen_at = coalesce(d.first_seen_at, v.last_seen_at)
          from ${seen.unnest} as v(id, last_seq, last_seen_at)
         where d.id = v.id`,
      );
    });
  }

  async close(): Promise<void> {
    await this.flush();
    clearTimeout(this.#timer);
  }
}

interface Queued {
  row: HeartbeatRow;
  signed: Signed;
  onCommitted?: () => void;
  /** Resends of this heartbeat waiting for its commit (committed()). */
  waiters?: (() => void)[];
}

interface DayRollup {
  deviceId: string;
  day: string;
  buckets: string;
  heartbeats: number;
  lateHeartbeats: number;
  inferences: number;
  tpmSeals: number;
}

/** Folds inserted heartbeats into per-device, per-day bitmaps and sums, by the calendar's days and buckets. */
export function rollupDays(
  calendar: Calendar,
  rows: readonly { deviceId: string; filedAt: Date; filing: string; inferenceDelta: number; tpmSealed?: boolean }[],
): DayRollup[] {
  const byKey = new Map<string, DayRollup & { bits: Uint8Array }>();
  for (const r of rows) {
    if (UNCOUNTED_FILINGS.has(r.filing)) continue; // stored as evidence, counted nowhere
    const { day, bucket } = calendar.dayAndBucket(r.filedAt);
    const key = `${r.deviceId}/${day}`;
    let acc = byKey.get(key);
    if (!acc) {
      acc = {
        deviceId: r.deviceId,
        day,
        buckets: '',
        heartbeats: 0,
        lateHeartbeats: 0,
        inferences: 0,
        tpmSeals: 0,
        bits: new Uint8Array(calendar.bucketsPerDay),
      };
      byKey.set(key, acc);
    }
    acc.bits[bucket] = 1;
    acc.heartbeats += 1;
    if (r.filing === 'device_time') acc.lateHeartbeats += 1;
    acc.inferences += r.inferenceDelta;
    if (r.tpmSealed) acc.tpmSeals += 1;
  }
  return [...byKey.values()].map(({ bits, ...r }) => ({ ...r, buckets: bits.join('') }));
}

/** The last heartbeat of each device and filed day in a batch, with its signature: candidate anchors. */
function dayAnchors(calendar: Calendar, inserted: readonly Queued[]) {
  const best = new Map<string, { deviceId: string; day: string; seq: number; body: Buffer; signature: Buffer; keyId: string }>();
  for (const { row: r, signed: s } of inserted) {
    if (!r.body) continue;
    const { day } = calendar.dayAndBucket(r.filedAt);
    const key = `${r.deviceId}/${day}`;
    const prev = best.get(key);
    if (!prev || r.seq > prev.seq) best.set(key, { deviceId: r.deviceId, day, seq: r.seq, body: r.body, signature: s.signature, keyId: s.keyId });
  }
  return [...best.values()];
}
