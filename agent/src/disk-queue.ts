// The store-and-forward queue: an append-only log on disk, cut into segment files, read from a
// persisted cursor. It holds what the agent could not deliver yet (heartbeats while the broker is
// away) and gives it back in append order. Design (agent/README.md "Store-and-forward"):
//
//   <dir>/00000000000000000001.seg   records with ids 1..k, appended in order
//   <dir>/0000000000000000000k+1.seg next segment, started when the current one reaches segmentBytes
//   <dir>/cursor.json                {"nextId": first id not yet acknowledged, "dropped": n,
//                                     "lost": [[from, to), …] ids not yet sent that damage took}
//
// Record: u32 LE payload length | u32 LE CRC-32 of the 16 bytes after it and the payload |
//         u64 LE id | i64 LE appended-at (ms since epoch) | payload.
// A record is one write(2) at an explicit offset, then fdatasync (fsync 'always', the default), so
// once append() returns the record survives a power cut. A crash or power cut while writing leaves a
// torn tail: on open, the last segment is cut back to its last record whose length, id and CRC all
// check, so the queue loses at most the record being written and never serves a damaged one.
// Damage inside a segment (a flipped bit, a bad sector) costs only the records it touches: the scan
// resynchronises on the next record whose header, id and CRC check, and the ids skipped are counted
// as dropped, so the platform can tell a gap in the seqs from a loss it was not told of. The same
// holds for a record that fails its CRC when read later.
// cursor.json is replaced atomically (temp file, fsync, rename, fsync of the directory); a crash before
// a commit only re-sends records, which the platform drops by their heartbeat seq.
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from './crc32.js';
import { AgentError } from './errors.js';
import { fsyncDirectory, readJsonFile, writeJsonFile } from './durable-file.js';

export type FsyncPolicy = 'always' | 'never';

export interface DiskQueueOptions {
  dir: string;
  /** Bound on all segment files together; the oldest segment is dropped to stay under it. */
  maxBytes: number;
  /** Records older than this (by their appended-at time) are dropped unread. */
  maxAgeMs: number;
  /** Size at which a new segment is started; default maxBytes / 16, between 64 KiB and 4 MiB. */
  segmentBytes?: number;
  /** 'always': fdatasync after every append (default). 'never': leave it to the kernel (tests, tmpfs). */
  fsync?: FsyncPolicy;
  /**
   * Appended-at times below this are not trusted for the age bound (a clock reset to 1970 after a
   * power cut would otherwise make every record look decades old once NTP fixes the clock).
   */
  trustedTimeFloorMs?: number;
  now?: () => number;
}

export interface QueueRecord {
  id: number;
  appendedAtMs: number;
  payload: Buffer;
}

export interface QueueStats {
  /** Records appended and not yet acknowledged. */
  depth: number;
  /** Bytes of all segment files. */
  bytes: number;
  oldestAppendedAtMs: number | null;
  /** Records discarded unsent (size or age bound, or damage on disk), over the queue's life. */
  dropped: number;
  /** Bytes cut from a torn tail when the queue was opened. */
  recoveredTornBytes: number;
}

export const HEADER_BYTES = 24;
export const MAX_RECORD_BYTES = 1024 * 1024; // 1 MiB: far above any message; a larger length is damage
const SEGMENT_SUFFIX = '.seg';
const CURSOR_FILE = 'cursor.json';
const DEFAULT_TRUSTED_FLOOR_MS = Date.UTC(2024, 0, 1);
// Resynchronising after damage accepts a record whose id is at most this far past the last good
// one: far more than a segment holds, and it keeps a random byte run from passing for a record.
const MAX_ID_SKIP = 1_000_000;

interface Segment {
  baseId: number;
  path: string;
  /** Id, byte offset, length and appended-at of each record, in id order; ids skip where damage was. */
  ids: number[];
  offsets: number[];
  lengths: number[];
  appendedAt: number[];
  /** End of the last good record: where the next append goes. */
  bytes: number;
}

/** Index of the first record of seg with an id at or above `id` (seg.ids.length when none). */
function indexFrom(seg: Segment, id: number): number {
  let lo = 0;
  let hi = seg.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seg.ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const lastId = (seg: Segment): number => (seg.ids.length > 0 ? seg.ids.at(-1)! : seg.baseId - 1);

export class DiskQueue {
  readonly dir: string;
  readonly #o: Required<Omit<DiskQueueOptions, 'segmentBytes'>> & { segmentBytes: number };
  readonly #segments: Segment[] = [];
  #writeFd: number | undefined;
  #nextAppendId = 1;
  #cursor = 1;
  #committedCursor = 1;
  #dropped = 0;
  #committedDropped = 0;
  /** Id ranges [from, to) at or after the cursor that damage took: counted in #dropped once. */
  #lost: [number, number][] = [];
  #committedLost = 0;
  #recoveredTornBytes = 0;
  #lastExpiryMs = Number.NEGATIVE_INFINITY;
  #closed = false;

  private constructor(options: DiskQueueOptions) {
    this.dir = options.dir;
    const segmentBytes = options.segmentBytes ?? Math.min(4 * 1024 * 1024, Math.max(64 * 1024, Math.floor(options.maxBytes / 16)));
    this.#o = {
      dir: options.dir,
      maxBytes: options.maxBytes,
      maxAgeMs: options.maxAgeMs,
      segmentBytes,
      fsync: options.fsync ?? 'always',
      trustedTimeFloorMs: options.trustedTimeFloorMs ?? DEFAULT_TRUSTED_FLOOR_MS,
      now: options.now ?? Date.now,
    };
    if (!(segmentBytes > HEADER_BYTES) || !(options.maxBytes >= 2 * segmentBytes)) {
      throw new RangeError(`queue needs maxBytes >= 2 * segmentBytes > ${HEADER_BYTES}, got ${options.maxBytes} and ${segmentBytes}`);
    }
  }

  /** Opens (creating if needed) the queue in `dir`, recovering from whatever a crash left there. */
  static open(options: DiskQueueOptions): DiskQueue {
    const q = new DiskQueue(options);
    try {
      mkdirSync(q.dir, { recursive: true, mode: 0o700 });
      q.#recover();
    } catch (err) {
      q.close();
      if (err instanceof AgentError) throw err;
      throw new AgentError('EDGE_AGENT_ERR_QUEUE_IO', `cannot open the queue in ${q.dir}: ${(err as Error).message}`, { cause: err });
    }
    return q;
  }

  /** Appends one record; on return it is on disk (fsync 'always'). Returns its id. */
  append(payload: Uint8Array): number {
    this.#assertOpen();
    const length = HEADER_BYTES + payload.length;
    if (length > MAX_RECORD_BYTES) throw new RangeError(`record of ${length} bytes exceeds ${MAX_RECORD_BYTES}`);
    let seg = this.#segments.at(-1);
    if (!seg || (seg.bytes > 0 && seg.bytes + length > this.#o.segmentBytes)) seg = this.#startSegment();
    const id = this.#nextAppendId;
    const at = this.#o.now();
    const record = encodeRecord(id, at, payload);
    const fd = this.#writeFd!;
    try {
      let written = 0;
      while (written < record.length) written += writeSync(fd, record, written, record.length - written, seg.bytes + written);
      if (this.#o.fsync === 'always') fdatasyncSync(fd);
    } catch (err) {
      // Leave no partial record behind (ENOSPC part-way); best effort, recovery would cut it anyway.
      try {
        ftruncateSync(fd, seg.bytes);
      } catch {
        // recovery handles it
      }
      throw new AgentError('EDGE_AGENT_ERR_QUEUE_IO', `cannot append to the queue in ${this.dir}: ${(err as Error).message}`, { cause: err });
    }
    seg.ids.push(id);
    seg.offsets.push(seg.bytes);
    seg.lengths.push(record.length);
    seg.appendedAt.push(at);
    seg.bytes += record.length;
    this.#nextAppendId = id + 1;
    this.#enforceSizeBound();
    return id;
  }

  /**
   * Up to `max` records not yet acknowledged with ids from `fromId` on (default: the oldest not
   * acknowledged), oldest first. Expired records are dropped first; a record that fails its CRC is
   * counted as dropped and skipped.
   */
  peek(max = 1, fromId = this.#cursor): QueueRecord[] {
    this.#assertOpen();
    this.#expire();
    const from = Math.max(fromId, this.#cursor);
    const out: QueueRecord[] = [];
    for (const seg of this.#segments) {
      if (lastId(seg) < from) continue;
      for (let i = indexFrom(seg, from); i < seg.ids.length && out.length < max; i++) {
        const record = this.#read(seg, i);
        if (record) out.push(record);
      }
      if (out.length >= max) break;
    }
    return out;
  }

  /** Marks every record up to and including `id` as delivered (in memory; see commit()). */
  ack(id: number): void {
    this.#assertOpen();
    if (id + 1 > this.#cursor) this.#cursor = Math.min(id + 1, this.#nextAppendId);
    this.#deleteConsumedSegments();
  }

  /** Persists the cursor and drop count if they moved. Cheap when nothing changed. */
  commit(): void {
    if (this.#closed) return;
    this.#lost = this.#lost.filter(([, to]) => to > this.#cursor);
    if (this.#cursor === this.#committedCursor && this.#dropped === this.#committedDropped && this.#lost.length === this.#committedLost) return;
    writeJsonFile(join(this.dir, CURSOR_FILE), { nextId: this.#cursor, dropped: this.#dropped, lost: this.#lost });
    this.#committedCursor = this.#cursor;
    this.#committedDropped = this.#dropped;
    this.#committedLost = this.#lost.length;
  }

  stats(): QueueStats {
    let depth = 0;
    let bytes = 0;
    let oldest: number | null = null;
    for (const seg of this.#segments) {
      bytes += seg.bytes;
      const from = indexFrom(seg, this.#cursor);
      if (from < seg.ids.length) {
        depth += seg.ids.length - from;
        oldest ??= seg.appendedAt[from]!;
      }
    }
    return { depth, bytes, oldestAppendedAtMs: oldest, dropped: this.#dropped, recoveredTornBytes: this.#recoveredTornBytes };
  }

  /** Commits the cursor and closes the file; further calls throw. */
  close(): void {
    if (this.#closed) return;
    try {
      if (this.#segments.length > 0) this.commit();
    } finally {
      this.#closed = true;
      if (this.#writeFd !== undefined) closeSync(this.#writeFd);
      this.#writeFd = undefined;
    }
  }

  // --- recovery

  #recover(): void {
    for (const name of readdirSync(this.dir)) {
      // Leftovers of an interrupted atomic cursor write (durable-file.ts temp files).
      if (name.startsWith(`.${CURSOR_FILE}.`) && name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
    }
    const names = readdirSync(this.dir)
      .filter((n) => /^\d{20}\.seg$/.test(n))
      .sort();
    for (const [index, name] of names.entries()) {
      const seg = this.#scan(join(this.dir, name), Number(name.slice(0, 20)), index === names.length - 1);
      if (seg.ids.length === 0 && index !== names.length - 1) {
        rmSync(seg.path, { force: true });
        continue;
      }
      this.#segments.push(seg);
    }
    const last = this.#segments.at(-1);
    this.#nextAppendId = last ? Math.max(last.baseId, lastId(last) + 1) : 1;
    const cursor = readCursor(join(this.dir, CURSOR_FILE));
    if (this.#segments.length === 0) {
      // No segment yet (or all deleted by hand): ids keep growing from the cursor.
      this.#nextAppendId = cursor.nextId;
      this.#cursor = cursor.nextId;
    } else {
      // A cursor below the first segment means those records were dropped or delivered; one past the
      // last record can only follow a lost tail (fsync 'never' and a power cut): nothing is left to send.
      this.#cursor = Math.min(Math.max(cursor.nextId, this.#segments[0]!.baseId), this.#nextAppendId);
    }
    this.#dropped = cursor.dropped;
    this.#committedCursor = cursor.nextId;
    this.#committedDropped = cursor.dropped;
    this.#lost = cursor.lost;
    this.#committedLost = cursor.lost.length;
    // Ids missing between records not yet sent were lost to damage: each is counted once, ever.
    for (const run of this.#missingRuns()) {
      for (let id = run[0]; id < run[1]; id++) if (!this.#isLost(id)) this.#markLost(id);
    }
    if (last) this.#writeFd = openSync(last.path, 'r+');
    this.#deleteConsumedSegments();
    this.#expire();
    if (this.#dropped !== this.#committedDropped) this.commit();
  }

  /**
   * Reads a segment's valid records. Damage is skipped by resynchronising on the next record that
   * checks; in the last segment a damaged tail (a torn write) is cut off the file so appends follow
   * the last good record.
   */
  #scan(path: string, baseId: number, isLast: boolean): Segment {
    const seg: Segment = { baseId, path, ids: [], offsets: [], lengths: [], appendedAt: [], bytes: 0 };
    const fd = openSync(path, 'r+');
    try {
      const size = fstatSync(fd).size;
      const data = Buffer.alloc(size);
      if (size > 0) readFully(fd, data, 0);
      let offset = 0;
      let resyncing = false;
      while (offset + HEADER_BYTES <= size) {
        const minId = seg.ids.length > 0 ? seg.ids.at(-1)! + 1 : baseId;
        // Right after a good record the next one must carry the next id; after damage, any later id.
        const length = recordAt(data, offset, minId, resyncing ? undefined : minId);
        if (length === 0) {
          resyncing = true;
          offset += 1; // resynchronise: the next offset where a whole record checks
          continue;
        }
        resyncing = false;
        seg.ids.push(Number(data.readBigUInt64LE(offset + 8)));
        seg.offsets.push(offset);
        seg.lengths.push(length);
        seg.appendedAt.push(Number(data.readBigInt64LE(offset + 16)));
        offset += length;
        seg.bytes = offset;
      }
      // [torn tail or damage] bytes that are not part of any good record.
      this.#recoveredTornBytes += size - seg.lengths.reduce((n, l) => n + l, 0);
      if (isLast && seg.bytes < size) {
        ftruncateSync(fd, seg.bytes);
        fdatasyncSync(fd);
      }
    } finally {
      closeSync(fd);
    }
    return seg;
  }

  // --- bounds

  #startSegment(): Segment {
    if (this.#writeFd !== undefined) {
      if (this.#o.fsync === 'always') fdatasyncSync(this.#writeFd);
      closeSync(this.#writeFd);
      this.#writeFd = undefined;
    }
    const baseId = this.#nextAppendId;
    const path = join(this.dir, `${String(baseId).padStart(20, '0')}${SEGMENT_SUFFIX}`);
    this.#writeFd = openSync(path, 'wx', 0o600);
    fsyncDirectory(this.dir); // the new file's name must survive a power cut with its records
    const seg: Segment = { baseId, path, ids: [], offsets: [], lengths: [], appendedAt: [], bytes: 0 };
    this.#segments.push(seg);
    return seg;
  }

  #enforceSizeBound(): void {
    let total = this.#segments.reduce((n, s) => n + s.bytes, 0);
    // Never the segment being written: the bound is kept to within one segment (segmentBytes).
    while (total > this.#o.maxBytes && this.#segments.length > 1) {
      const oldest = this.#segments.shift()!;
      total -= oldest.bytes;
      this.#dropSegment(oldest);
    }
  }

  #expire(): void {
    const now = this.#o.now();
    // A clock reading below the floor cannot say how old anything is. Otherwise at most once a
    // minute: the scan can cover the whole queue when its head was stamped by a reset clock.
    if (now < this.#o.trustedTimeFloorMs || now - this.#lastExpiryMs < 60_000) return;
    this.#lastExpiryMs = now;
    const floor = this.#o.trustedTimeFloorMs;
    // Records are in append order, so a trustworthy stamp that is too old makes every record before
    // it too old as well, including ones stamped by a reset clock (whose own stamp says nothing).
    let expireBefore = this.#cursor;
    scan: for (const seg of this.#segments) {
      for (let i = indexFrom(seg, this.#cursor); i < seg.ids.length; i++) {
        const at = seg.appendedAt[i]!;
        if (at < floor) continue;
        if (now - at <= this.#o.maxAgeMs) break scan; // fresh: everything after it is fresher
        expireBefore = seg.ids[i]! + 1;
      }
    }
    if (expireBefore > this.#cursor) {
      this.#dropped += this.#countBetween(this.#cursor, expireBefore);
      this.#cursor = expireBefore;
      this.#deleteConsumedSegments();
    }
  }

  /** Records present (and not already counted as lost) with ids in [from, to). */
  #countBetween(from: number, to: number, segments: readonly Segment[] = this.#segments): number {
    let n = 0;
    for (const seg of segments) {
      for (let i = indexFrom(seg, from); i < seg.ids.length && seg.ids[i]! < to; i++) {
        if (!this.#isLost(seg.ids[i]!)) n += 1;
      }
    }
    return n;
  }

  /** Runs [from, to) of ids from the cursor on that no record holds. */
  #missingRuns(): [number, number][] {
    const runs: [number, number][] = [];
    let expected = this.#cursor;
    for (const seg of this.#segments) {
      for (let i = indexFrom(seg, this.#cursor); i < seg.ids.length; i++) {
        if (seg.ids[i]! > expected) runs.push([expected, seg.ids[i]!]);
        expected = seg.ids[i]! + 1;
      }
    }
    return runs;
  }

  #isLost(id: number): boolean {
    return this.#lost.some(([from, to]) => id >= from && id < to);
  }

  /** Counts one id as dropped to damage and remembers it, so no later open counts it again. */
  #markLost(id: number): void {
    this.#dropped += 1;
    const tail = this.#lost.at(-1);
    if (tail && tail[1] === id) tail[1] = id + 1;
    else {
      this.#lost.push([id, id + 1]);
      this.#lost.sort((a, b) => a[0] - b[0]);
    }
  }

  #dropSegment(seg: Segment): void {
    const last = lastId(seg);
    if (last >= this.#cursor) {
      this.#dropped += this.#countBetween(this.#cursor, last + 1, [seg]);
      this.#cursor = last + 1;
    }
    rmSync(seg.path, { force: true });
  }

  #deleteConsumedSegments(): void {
    // Fully delivered segments other than the one being written are deleted; the cursor keeps the ids.
    while (this.#segments.length > 1) {
      const seg = this.#segments[0]!;
      if (lastId(seg) >= this.#cursor) break;
      this.#segments.shift();
      rmSync(seg.path, { force: true });
    }
  }

  /** The record, or undefined when it fails its CRC now (counted as dropped once, then skipped). */
  #read(seg: Segment, index: number): QueueRecord | undefined {
    const id = seg.ids[index]!;
    if (this.#isLost(id)) return undefined;
    const buf = Buffer.alloc(seg.lengths[index]!);
    const fd = openSync(seg.path, 'r');
    try {
      readFully(fd, buf, seg.offsets[index]!);
    } finally {
      closeSync(fd);
    }
    // Checked again on read: a sector that went bad after the scan must not be sent as a message.
    if (crc32(buf.subarray(8)) !== buf.readUInt32LE(4)) {
      this.#markLost(id);
      return undefined;
    }
    return { id, appendedAtMs: Number(buf.readBigInt64LE(16)), payload: buf.subarray(HEADER_BYTES) };
  }

  #assertOpen(): void {
    if (this.#closed) throw new AgentError('EDGE_AGENT_ERR_QUEUE_IO', `the queue in ${this.dir} is closed`);
  }
}

export function encodeRecord(id: number, appendedAtMs: number, payload: Uint8Array): Buffer {
  const record = Buffer.alloc(HEADER_BYTES + payload.length);
  record.writeUInt32LE(payload.length, 0);
  record.writeBigUInt64LE(BigInt(id), 8);
  record.writeBigInt64LE(BigInt(Math.trunc(appendedAtMs)), 16);
  record.set(payload, HEADER_BYTES);
  record.writeUInt32LE(crc32(record.subarray(8)), 4);
  return record;
}

function readCursor(path: string): { nextId: number; dropped: number; lost: [number, number][] } {
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch {
    raw = undefined; // damaged: re-send from the oldest record rather than skip any
  }
  const c = (raw ?? {}) as { nextId?: unknown; dropped?: unknown; lost?: unknown };
  const id = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
  const lost = Array.isArray(c.lost)
    ? c.lost.filter((r): r is [number, number] => Array.isArray(r) && r.length === 2 && id(r[0]) && id(r[1]) && r[0] < r[1])
    : [];
  return {
    nextId: id(c.nextId) ? c.nextId : 1,
    dropped: Number.isSafeInteger(c.dropped) && (c.dropped as number) >= 0 ? (c.dropped as number) : 0,
    lost: lost.sort((a, b) => a[0] - b[0]),
  };
}

/**
 * The length of the whole record at `offset` when its header and CRC check and its id is at least
 * minId (exactly `exactId` when given), else 0.
 */
function recordAt(data: Buffer, offset: number, minId: number, exactId?: number): number {
  const length = data.readUInt32LE(offset);
  const end = offset + HEADER_BYTES + length;
  if (HEADER_BYTES + length > MAX_RECORD_BYTES || end > data.length) return 0;
  const id = Number(data.readBigUInt64LE(offset + 8));
  if (exactId !== undefined ? id !== exactId : id < minId || id > minId + MAX_ID_SKIP) return 0;
  if (crc32(data.subarray(offset + 8, end)) !== data.readUInt32LE(offset + 4)) return 0;
  return HEADER_BYTES + length;
}

function readFully(fd: number, buf: Buffer, position: number): void {
  let read = 0;
  while (read < buf.length) {
    const n = readSync(fd, buf, read, buf.length - read, position + read);
    if (n === 0) throw new Error(`unexpected end of file at ${position + read}`);
    read += n;
  }
}
