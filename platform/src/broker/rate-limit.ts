// Per-device publish rate limit (issue #3): a token bucket per connected client. A device that
// publishes faster than `ratePerS` after spending its `burst` has the excess dropped (never
// ingested), counted as 'rate_limited', and is flagged once for the operator. The bucket lives as
// long as the connection, so memory is bounded by the number of connected clients.
export interface RateLimitOptions {
  ratePerS: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class PublishRateLimiter {
  readonly #opts: RateLimitOptions;
  readonly #buckets = new Map<string, Bucket>();
  readonly #dropped = new Map<string, number>();

  constructor(opts: RateLimitOptions) {
    this.#opts = opts;
  }

  /** Takes one token for this client; false when its bucket is empty. */
  take(clientId: string, nowMs = Date.now()): boolean {
    let b = this.#buckets.get(clientId);
    if (!b) {
      b = { tokens: this.#opts.burst, updatedMs: nowMs };
      this.#buckets.set(clientId, b);
    }
    b.tokens = Math.min(this.#opts.burst, b.tokens + ((nowMs - b.updatedMs) / 1_000) * this.#opts.ratePerS);
    b.updatedMs = nowMs;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Counts one dropped message for this client's connection; returns the count so far. */
  dropped(clientId: string): number {
    const n = (this.#dropped.get(clientId) ?? 0) + 1;
    this.#dropped.set(clientId, n);
    return n;
  }

  forget(clientId: string): void {
    this.#buckets.delete(clientId);
    this.#dropped.delete(clientId);
  }
}
