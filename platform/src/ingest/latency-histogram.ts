// Device-to-commit latency of heartbeats: from the device time in the heartbeat to the moment its
// row was committed. Device clocks are not the platform's, so for a real fleet this is an operator's
// gauge; in the fleet benchmark devices and platform share one clock and it is the end-to-end figure
// (docs/capacity.md). Log-scale buckets (about 4% wide) keep it O(1) per heartbeat and a few KiB in all.
const BUCKETS = 400;
const GROWTH = Math.log(1.04);

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The histogram's state, to be added up with other processes' (cluster workers). */
export interface HistogramSnapshot {
  counts: number[];
  count: number;
  maxMs: number;
}

export class LatencyHistogram {
  #counts = new Uint32Array(BUCKETS);
  #count = 0;
  #max = 0;

  record(ms: number): void {
    const v = Math.max(0, ms);
    const i = v < 1 ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(v) / GROWTH));
    this.#counts[i]! += 1;
    this.#count += 1;
    if (v > this.#max) this.#max = v;
  }

  snapshot(): HistogramSnapshot {
    return { counts: Array.from(this.#counts), count: this.#count, maxMs: this.#max };
  }

  summary(): LatencySummary {
    return summarize([this.snapshot()]);
  }

  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#max = 0;
  }
}

/** The quantiles of several histograms taken together. */
export function summarize(snapshots: readonly HistogramSnapshot[]): LatencySummary {
  const counts = new Array<number>(BUCKETS).fill(0);
  let count = 0;
  let max = 0;
  for (const s of snapshots) {
    s.counts.forEach((n, i) => {
      counts[i]! += n;
    });
    count += s.count;
    max = Math.max(max, s.maxMs);
  }
  // Upper edge of the bucket holding quantile q (so a reported p99 is never too optimistic).
  const quantile = (q: number): number => {
    if (count === 0) return 0;
    const rank = Math.ceil(q * count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += counts[i]!;
      if (seen >= rank) return Math.min(max, i === 0 ? 1 : Math.exp(i * GROWTH));
    }
    return max;
  };
  return { count, p50Ms: Math.round(quantile(0.5)), p99Ms: Math.round(quantile(0.99)), maxMs: Math.round(max) };
}
