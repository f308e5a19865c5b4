// Reconnect delays: exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential
// Backoff and Jitter", 2015): delay = random(0, min(cap, base * 2^attempt)). Spreading retries over the
// whole window keeps a fleet that lost its broker at the same moment from reconnecting in lockstep.

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** Uniform in [0, 1); injectable so tests can pin the extremes. */
  random?: () => number;
}

// A 10 s cap brings a device back within 10 s of its broker answering again (60 s took 42-66 s).
// A city's fleet reconnecting at once is spread by the jitter and held back by the broker's own
// connection-rate limit, which refuses the excess cheaply; a larger fleet can raise the cap.
export const DEFAULT_BACKOFF = Object.freeze({
  baseMs: 1_000, // 1 s
  capMs: 10_000, // 10 s
});

export class Backoff {
  readonly baseMs: number;
  readonly capMs: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
    this.capMs = options.capMs ?? DEFAULT_BACKOFF.capMs;
    this.#random = options.random ?? Math.random;
    if (!(this.baseMs > 0) || !(this.capMs >= this.baseMs)) {
      throw new RangeError(`backoff needs 0 < baseMs <= capMs, got ${this.baseMs} and ${this.capMs}`);
    }
  }

  /** Attempts since the last reset. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The upper bound of the window the next delay is drawn from. */
  ceiling(): number {
    // 2^attempt overflows to Infinity long after it passed the cap; min() handles both.
    return Math.min(this.capMs, this.baseMs * 2 ** this.#attempt);
  }

  /** The next delay in ms, in [0, ceiling()). */
  next(): number {
    const ceiling = this.ceiling();
    this.#attempt += 1;
    const r = this.#random();
    return Math.floor(Math.min(Math.max(r, 0), 1 - Number.EPSILON) * ceiling);
  }

  /** Call after a successful connect so the next outage starts from the base delay again. */
  reset(): void {
    this.#attempt = 0;
  }
}
