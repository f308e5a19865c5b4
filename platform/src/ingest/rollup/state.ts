// What a rollup fold writes, accumulated in memory from stored heartbeats: per device and filed day
// the online buckets and sums (device_days), the day's last signed heartbeat (chain_anchors), and per
// device its newest seq and first/last receive time (devices). Every part merges by OR, sum, max or
// min, so folding batches one by one or all at once gives the same rows, and two states merge.
import type { Calendar } from '../../domain/calendar.js';
import { UNCOUNTED_FILINGS } from '../filing.js';

/** The stored columns of a heartbeat that a fold reads (rows in memory or read back). */
export interface FoldRow {
  deviceId: string;
  seq: number;
  receivedAt: Date;
  filedAt: Date;
  filing: string;
  inferenceDelta: number;
  body?: Buffer | null;
}

/** What the row does not hold: the device's signature over its body, and the TPM verdict. */
export interface FoldSigned {
  signature: Buffer;
  keyId: string;
  tpmSealed?: boolean;
}

export interface DayRollup {
  deviceId: string;
  day: string;
  buckets: string;
  heartbeats: number;
  lateHeartbeats: number;
  inferences: number;
  tpmSeals: number;
}

export interface DayAnchor {
  deviceId: string;
  day: string;
  seq: number;
  body: Buffer;
  signature: Buffer;
  keyId: string;
}

export interface DeviceSeen {
  id: string;
  lastSeq: number;
  lastSeenAt: Date;
  firstSeenAt: Date;
}

interface DayAcc {
  deviceId: string;
  day: string;
  bits: Uint8Array;
  heartbeats: number;
  lateHeartbeats: number;
  inferences: number;
  tpmSeals: number;
}

export class RollupState {
  readonly #calendar: Calendar;
  readonly #days = new Map<string, DayAcc>();
  readonly #anchors = new Map<string, DayAnchor>();
  readonly #seen = new Map<string, { lastSeq: number; lastSeenMs: number; firstSeenMs: number }>();
  /** The heartbeat_batches ids whose rows are in this state. */
  readonly batches: number[] = [];
  /** Heartbeats added (a state with none and no batch has nothing to fold). */
  rows = 0;

  constructor(calendar: Calendar) {
    this.#calendar = calendar;
  }

  get empty(): boolean {
    return this.batches.length === 0 && this.rows === 0;
  }

  /** Adds stored heartbeats; `signed` is undefined for a row whose signature is unknown (no anchor). */
  add(row: FoldRow, signed: FoldSigned | undefined): void {
    this.rows += 1;
    const { day, bucket } = this.#calendar.dayAndBucket(row.filedAt);
    const key = `${row.deviceId}/${day}`;
    // Stored as evidence but counted nowhere (filing.ts), as before the rollup was deferred.
    if (!UNCOUNTED_FILINGS.has(row.filing)) {
      let acc = this.#days.get(key);
      if (!acc) {
        acc = { deviceId: row.deviceId, day, bits: new Uint8Array(this.#calendar.bucketsPerDay), heartbeats: 0, lateHeartbeats: 0, inferences: 0, tpmSeals: 0 };
        this.#days.set(key, acc);
      }
      acc.bits[bucket] = 1;
      acc.heartbeats += 1;
      if (row.filing === 'device_time') acc.lateHeartbeats += 1;
      acc.inferences += row.inferenceDelta;
      if (signed?.tpmSealed) acc.tpmSeals += 1;
    }
    if (row.body && signed) {
      const prev = this.#anchors.get(key);
      if (!prev || row.seq > prev.seq) {
        this.#anchors.set(key, { deviceId: row.deviceId, day, seq: row.seq, body: row.body, signature: signed.signature, keyId: signed.keyId });
      }
    }
    const t = row.receivedAt.getTime();
    const s = this.#seen.get(row.deviceId);
    if (!s) this.#seen.set(row.deviceId, { lastSeq: row.seq, lastSeenMs: t, firstSeenMs: t });
    else {
      s.lastSeq = Math.max(s.lastSeq, row.seq);
      s.lastSeenMs = Math.max(s.lastSeenMs, t);
      s.firstSeenMs = Math.min(s.firstSeenMs, t);
    }
  }

  /** Takes everything `other` holds (a fold that failed gives its state back). */
  merge(other: RollupState): void {
    this.batches.push(...other.batches);
    this.rows += other.rows;
    for (const [key, o] of other.#days) {
      const acc = this.#days.get(key);
      if (!acc) {
        this.#days.set(key, o);
        continue;
      }
      for (let i = 0; i < acc.bits.length; i++) acc.bits[i] = acc.bits[i]! | o.bits[i]!;
      acc.heartbeats += o.heartbeats;
      acc.lateHeartbeats += o.lateHeartbeats;
      acc.inferences += o.inferences;
      acc.tpmSeals += o.tpmSeals;
    }
    for (const [key, o] of other.#anchors) {
      const prev = this.#anchors.get(key);
      if (!prev || o.seq > prev.seq) this.#anchors.set(key, o);
    }
    for (const [id, o] of other.#seen) {
      const s = this.#seen.get(id);
      if (!s) this.#seen.set(id, o);
      else {
        s.lastSeq = Math.max(s.lastSeq, o.lastSeq);
        s.lastSeenMs = Math.max(s.lastSeenMs, o.lastSeenMs);
        s.firstSeenMs = Math.min(s.firstSeenMs, o.firstSeenMs);
      }
    }
  }

  days(): DayRollup[] {
    return [...this.#days.values()].map(({ bits, ...r }) => ({ ...r, buckets: bits.join('') }));
  }

  anchors(): DayAnchor[] {
    return [...this.#anchors.values()];
  }

  /** In device id order: the order every writer of devices locks rows in (presence.ts). */
  seen(): DeviceSeen[] {
    return [...this.#seen.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, s]) => ({ id, lastSeq: s.lastSeq, lastSeenAt: new Date(s.lastSeenMs), firstSeenAt: new Date(s.firstSeenMs) }));
  }
}
