// When a device did not count because an operator had disabled or decommissioned it
// (services/device-lifecycle.ts), and which online buckets of a day that leaves. Pure: gather.ts
// feeds it the status log and the day's bitmap, and count.ts receives the online buckets it leaves.
//
//   status log (oldest first)           spans
//   active → disabled at t1             [t1, …
//   disabled → active at t2             [t1, t2)
//   → decommissioned at t3              [t3, ∞)
//
// A bucket is dropped only when it lies wholly inside a span: the bucket the device was disabled in
// began while it still counted, and the one it was re-enabled in may hold its first heartbeats
// after. Heartbeats sent while disabled are refused (ingest), but a device's store-and-forward queue
// may deliver heartbeats dated inside the span after a re-enable: they are stored, not counted.

export interface StatusAt {
  toStatus: 'active' | 'disabled' | 'decommissioned';
  atMs: number;
}

export interface Span {
  fromMs: number;
  /** null: not active again (still disabled, or decommissioned). */
  toMs: number | null;
}

export function inactiveSpans(log: readonly StatusAt[]): Span[] {
  const spans: Span[] = [];
  let open: number | null = null;
  for (const e of log) {
    if (e.toStatus === 'active') {
      if (open !== null) spans.push({ fromMs: open, toMs: e.atMs });
      open = null;
    } else if (open === null) open = e.atMs;
  }
  if (open !== null) spans.push({ fromMs: open, toMs: null });
  return spans;
}

/** Whether any span overlaps [fromMs, toMs). */
export function overlaps(spans: readonly Span[], fromMs: number, toMs: number): boolean {
  return spans.some((s) => s.fromMs < toMs && (s.toMs === null || s.toMs > fromMs));
}

/**
 * The online buckets of one day (`bits`: '0'/'1' per bucket, leftmost first, as device_days.buckets)
 * that lie outside every span.
 */
export function countedBuckets(bits: string, dayStartMs: number, bucketMs: number, spans: readonly Span[]): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] !== '1') continue;
    const start = dayStartMs + i * bucketMs;
    const end = start + bucketMs;
    if (!spans.some((s) => start >= s.fromMs && (s.toMs === null || end <= s.toMs))) n += 1;
  }
  return n;
}
