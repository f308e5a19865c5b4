// Contract suite for the store-and-forward queue (HOUSE_STYLE: one suite per interface, run against
// every implementation, as MQTT.js test/node/abstract_store.ts). The queue has one implementation
// and two behaviours that matter to it, so the same suite runs on each: fsync after every append with
// default segments, and no fsync with segments small enough that every few records rotate.
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/crc32.js';
import { DiskQueue, HEADER_BYTES, type DiskQueueOptions } from '../src/disk-queue.js';
import { tempDir } from './helpers/state-dir.js';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

const variants: [string, Partial<DiskQueueOptions>][] = [
  ['fsync always, default segments', { fsync: 'always', maxBytes: 16 * 1024 * 1024 }],
  ['fsync never, 200-byte segments', { fsync: 'never', segmentBytes: 200, maxBytes: 64 * 1024 }],
];

const payload = (n: number, size = 20): Buffer => {
  const b = Buffer.alloc(size, n & 0xff);
  b.writeUInt32LE(n, 0);
  return b;
};
const numbers = (records: { payload: Buffer }[]): number[] => records.map((r) => r.payload.readUInt32LE(0));

describe.each(variants)('disk queue contract: %s', (_name, variant) => {
  const open = (dir: string, extra: Partial<DiskQueueOptions> = {}): DiskQueue =>
    DiskQueue.open({ dir, maxAgeMs: 7 * DAY_MS, now: () => NOW, maxBytes: 1 << 20, ...variant, ...extra });

  it('gives records back in append order, with their append time, until acknowledged', () => {
    const q = open(tempDir());
    for (let i = 1; i <= 10; i++) q.append(payload(i));
    const first = q.peek(4);
    expect(numbers(first)).toEqual([1, 2, 3, 4]);
    expect(first.every((r) => r.appendedAtMs === NOW)).toBe(true);
    expect(numbers(q.peek(4))).toEqual([1, 2, 3, 4]); // peek does not consume
    q.ack(first[3]!.id);
    expect(numbers(q.peek(100))).toEqual([5, 6, 7, 8, 9, 10]);
    expect(q.stats().depth).toBe(6);
    q.close();
  });

  it('keeps unacknowledged records and the committed cursor across a reopen', () => {
    const dir = tempDir();
    const q = open(dir);
    for (let i = 1; i <= 12; i++) q.append(payload(i));
    q.ack(q.peek(5).at(-1)!.id);
    q.commit();
    q.ack(q.peek(1)[0]!.id); // acknowledged but not committed: comes back (at-least-once)
    // No close(): the process dies here.
    const reopened = open(dir);
    expect(numbers(reopened.peek(100))).toEqual([6, 7, 8, 9, 10, 11, 12]);
    reopened.append(payload(13));
    expect(numbers(reopened.peek(100)).at(-1)).toBe(13);
    const ids = reopened.peek(100).map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    reopened.close();
  });

  it('deletes delivered segments and reports an empty queue when drained', () => {
    const dir = tempDir();
    const q = open(dir);
    for (let i = 1; i <= 40; i++) q.append(payload(i));
    for (;;) {
      const batch = q.peek(7);
      if (batch.length === 0) break;
      q.ack(batch.at(-1)!.id);
    }
    q.commit();
    expect(q.stats()).toMatchObject({ depth: 0, oldestAppendedAtMs: null });
    expect(readdirSync(dir).filter((n) => n.endsWith('.seg'))).toHaveLength(1); // the one being written
    q.close();
    expect(open(dir).peek(10)).toEqual([]);
  });

  it('cuts a torn tail at every possible byte and keeps every record before it', () => {
    const dir = tempDir();
    const q = open(dir);
    for (let i = 1; i <= 3; i++) q.append(payload(i, 30));
    q.close();
    const seg = join(
      dir,
      readdirSync(dir)
        .filter((n) => n.endsWith('.seg'))
        .sort()
        .at(-1)!,
    );
    const full = readFileSync(seg);
    const lastLength = HEADER_BYTES + 30;
    for (let cut = 1; cut < lastLength; cut++) {
      writeFileSync(seg, full.subarray(0, full.length - cut));
      const r = open(dir);
      expect(numbers(r.peek(10)), `cut ${cut} bytes`).toEqual([1, 2]);
      expect(r.stats().recoveredTornBytes).toBe(lastLength - cut);
      r.close();
    }
  });

  it('drops a tail record whose bytes were damaged, and garbage appended after the last record', () => {
    const dir = tempDir();
    const q = open(dir, { segmentBytes: 4096, maxBytes: 64 * 1024 });
    for (let i = 1; i <= 5; i++) q.append(payload(i, 40));
    q.close();
    const seg = join(dir, readdirSync(dir).filter((n) => n.endsWith('.seg'))[0]!);
    const bytes = readFileSync(seg);
    bytes[bytes.length - 3]! ^= 0xff; // a flipped bit in the last record's payload
    writeFileSync(seg, bytes);
    appendFileSync(seg, Buffer.from([1, 2, 3, 4, 5, 6, 7])); // and a half-written header after it
    const r = open(dir, { segmentBytes: 4096, maxBytes: 64 * 1024 });
    expect(numbers(r.peek(10))).toEqual([1, 2, 3, 4]);
    r.append(payload(6, 40));
    expect(numbers(r.peek(10))).toEqual([1, 2, 3, 4, 6]);
    r.close();
    expect(numbers(open(dir, { segmentBytes: 4096, maxBytes: 64 * 1024 }).peek(10))).toEqual([1, 2, 3, 4, 6]);
  });

  it('loses only the damaged record to a flipped bit mid-segment, counts it once, and serves the rest', () => {
    const dir = tempDir();
    const options = { segmentBytes: 8192, maxBytes: 64 * 1024 };
    const q = open(dir, options);
    for (let i = 1; i <= 40; i++) q.append(payload(i, 40));
    q.ack(q.peek(3).at(-1)!.id); // 1-3 delivered
    q.close();
    const seg = join(dir, readdirSync(dir).filter((n) => n.endsWith('.seg'))[0]!);
    const bytes = readFileSync(seg);
    const recordBytes = HEADER_BYTES + 40;
    bytes[15 * recordBytes + HEADER_BYTES + 7]! ^= 0x10; // one bit of record 16's payload
    writeFileSync(seg, bytes);
    const r = open(dir, options);
    const left = numbers(r.peek(100));
    expect(left).toEqual([...Array.from({ length: 12 }, (_, i) => i + 4), ...Array.from({ length: 24 }, (_, i) => i + 17)]);
    expect(r.stats()).toMatchObject({ depth: 36, dropped: 1 });
    r.append(payload(41, 40));
    expect(numbers(r.peek(100)).at(-1)).toBe(41);
    r.close();
    // Counted once, not again at every open.
    const again = open(dir, options);
    expect(again.stats()).toMatchObject({ depth: 37, dropped: 1 });
    again.close();
  });

  it('skips and counts a record that fails its CRC when read after the queue was opened', () => {
    const dir = tempDir();
    const options = { segmentBytes: 8192, maxBytes: 64 * 1024 };
    const q = open(dir, options);
    for (let i = 1; i <= 6; i++) q.append(payload(i, 40));
    const seg = join(dir, readdirSync(dir).filter((n) => n.endsWith('.seg'))[0]!);
    const bytes = readFileSync(seg);
    bytes[2 * (HEADER_BYTES + 40) + HEADER_BYTES]! ^= 0x01; // record 3 goes bad on disk
    writeFileSync(seg, bytes);
    expect(numbers(q.peek(10))).toEqual([1, 2, 4, 5, 6]);
    expect(numbers(q.peek(10))).toEqual([1, 2, 4, 5, 6]);
    expect(q.stats().dropped).toBe(1);
    // Reading from a later id, as a sender with messages in flight does.
    expect(numbers(q.peek(2, q.peek(2)[1]!.id + 1))).toEqual([4, 5]);
    q.ack(q.peek(10).at(-1)!.id);
    expect(q.stats()).toMatchObject({ depth: 0, dropped: 1 });
    q.close();
  });

  it('stays within its size bound by dropping the oldest records, and counts them', () => {
    const dir = tempDir();
    const q = open(dir, { segmentBytes: 1024, maxBytes: 4096 });
    for (let i = 1; i <= 200; i++) q.append(payload(i, 100));
    const total = readdirSync(dir)
      .filter((n) => n.endsWith('.seg'))
      .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(total).toBeLessThanOrEqual(4096);
    const left = numbers(q.peek(1000));
    expect(left.at(-1)).toBe(200);
    expect(left).toEqual(Array.from({ length: left.length }, (_, i) => left[0]! + i)); // still contiguous
    expect(q.stats().dropped).toBe(200 - left.length);
    q.close();
    expect(open(dir, { segmentBytes: 1024, maxBytes: 4096 }).stats().dropped).toBe(200 - left.length);
  });

  it('drops records older than its age bound, and everything queued before them', () => {
    let now = Date.UTC(1970, 0, 1, 0, 5); // booted without an RTC battery
    const q = open(tempDir(), { now: () => now, maxAgeMs: DAY_MS });
    q.append(payload(1));
    now = NOW - 3 * DAY_MS; // NTP fixed the clock
    q.append(payload(2));
    now = NOW - DAY_MS / 2;
    q.append(payload(3));
    now = NOW;
    // 2 is three days old; 1 was queued before it, so it is older still, whatever its stamp says.
    expect(numbers(q.peek(10))).toEqual([3]);
    expect(q.stats().dropped).toBe(2);
    q.close();
  });

  it('does not judge the age of records stamped by a clock that was reset', () => {
    let now = Date.UTC(1970, 0, 1, 0, 5);
    const q = open(tempDir(), { now: () => now, maxAgeMs: DAY_MS });
    q.append(payload(1));
    q.append(payload(2));
    now = NOW; // once NTP sets the clock these look 56 years old; their age is unknown, so they stay
    expect(numbers(q.peek(10))).toEqual([1, 2]);
    expect(q.stats().dropped).toBe(0);
    q.close();
  });

  it('keeps ids growing when every segment was deleted by hand', () => {
    const dir = tempDir();
    const q = open(dir);
    for (let i = 1; i <= 3; i++) q.append(payload(i));
    q.ack(q.peek(3).at(-1)!.id);
    q.close();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.seg'))) rmSync(join(dir, f));
    const r = open(dir);
    r.append(payload(9));
    expect(r.peek(10).map((x) => [x.id, x.payload.readUInt32LE(0)])).toEqual([[4, 9]]);
    r.close();
  });
});

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926); // the CRC-32/ISO-HDLC check value
    expect(crc32(Buffer.alloc(0))).toBe(0);
    const a = Buffer.from('edge-agent');
    expect(crc32(Buffer.from('agent'), crc32(Buffer.from('edge-')))).toBe(crc32(a));
  });
});
