// Recent inference latencies for p50/p99. A ring of the last N durations, not a histogram over the
// agent's life: an operator asks "how fast is it now", and a model that slowed down an hour ago must
// show it within the next heartbeat. Percentiles by the nearest-rank method (NIST/SEMATECH §7.2.5.2).

export const LATENCY_WINDOW = 1024; // runs: about 100 s at 10 inferences per second

export class LatencyWindow {
  readonly #values: Float64Array;
  #count = 0;
  #next = 0;

  constructor(size = LATENCY_WINDOW) {
    this.#values = new Float64Array(size);
  }

  record(ms: number): void {
    this.#values[this.#next] = ms;
    this.#next = (this.#next + 1) % this.#values.length;
    this.#count = Math.min(this.#count + 1, this.#values.length);
  }

  /** [p50, p99] in ms, 0 when nothing was recorded. */
  percentiles(): [number, number] {
    if (this.#count === 0) return [0, 0];
    const sorted = Array.from(this.#values.subarray(0, this.#count)).sort((a, b) => a - b);
    const rank = (p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
    return [rank(50), rank(99)];
  }
}
