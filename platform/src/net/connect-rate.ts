// Connections per second per source address: a token bucket per address, as EMQX's listener
// `max_conn_rate`/`max_conn_burst` and AWS IoT Core's connect throttling (its quotas page: CONNECT
// requests per second per account and per client id), but keyed on the address so one flooding
// host cannot spend the allowance of the factories beside it. The burst is large because a factory
// puts hundreds of devices behind one NAT address and they all reconnect after a network blip.
//
// The map is bounded: a bucket that has refilled is the same as no bucket and is dropped when the
// map is full; if every bucket is still draining, new addresses share one overflow bucket, so a
// spoofed-address flood costs a fixed amount of memory and throttles only itself.
export interface ConnectRateOptions {
  ratePerS: number;
  burst: number;
  /** Distinct addresses kept at once; beyond it new addresses share the overflow bucket. */
  maxAddresses: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export const OVERFLOW_KEY = '(overflow)';

export class ConnectRate {
  readonly #opts: Required<ConnectRateOptions>;
  readonly #buckets = new Map<string, Bucket>();
  #prunedAtMs = -Infinity;

  constructor(opts: ConnectRateOptions) {
    this.#opts = { now: Date.now, ...opts };
  }

  get size(): number {
    return this.#buckets.size;
  }

  /** Takes one token for a connection from this address; false when it is over its rate. */
  take(address: string): boolean {
    const now = this.#opts.now();
    const b = this.#bucket(address, now);
    b.tokens = Math.min(this.#opts.burst, b.tokens + ((now - b.updatedMs) / 1_000) * this.#opts.ratePerS);
    b.updatedMs = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  #bucket(address: string, now: number): Bucket {
    const known = this.#buckets.get(address);
    if (known) return known;
    if (this.#buckets.size >= this.#opts.maxAddresses) this.#prune(now);
    const key = this.#buckets.size >= this.#opts.maxAddresses ? OVERFLOW_KEY : address;
    let b = this.#buckets.get(key);
    if (!b) {
      b = { tokens: this.#opts.burst, updatedMs: now };
      this.#buckets.set(key, b);
    }
    return b;
  }

  // A bucket that would be full again now carries no information. At most once a second, so a
  // flood of new addresses against a full map costs one pass a second, not one per connection.
  #prune(now: number): void {
    if (now - this.#prunedAtMs < 1_000) return;
    this.#prunedAtMs = now;
    const refillMs = (this.#opts.burst / this.#opts.ratePerS) * 1_000;
    for (const [key, b] of this.#buckets) {
      if (key !== OVERFLOW_KEY && now - b.updatedMs >= refillMs * (1 - b.tokens / this.#opts.burst)) this.#buckets.delete(key);
    }
  }
}
