// Per-device publish rate: a token bucket per connected client, `burst` tokens refilled at
// `ratePerS`. A message over the rate is not dropped: it waits for its token, and so does its
// PUBACK, so a device draining its store-and-forward backlog (7 days at 10 s = 60,480 heartbeats)
// is slowed down, never loses a heartbeat and is not flagged. Dropping the excess and acknowledging
// it (as before) lost heartbeats the device had been told were stored.
//
// The waits cost no memory beyond one read per connection: aedes parses a client's next packets
// only when every packet of the current read is handled (node_modules/aedes/lib/client.js: each
// handled packet calls nextBatch, which reads the socket again once _parsingBatch is back to 0), so
// a waiting message stops the device's reads and TCP flow control stops the device.
//
// Buckets live as long as the connection; forget() at disconnect also ends its pending waits.
export interface RateLimitOptions {
  ratePerS: number;
  burst: number;
}

interface Bucket {
  /** May go below zero: tokens already promised to waiting messages. */
  tokens: number;
  updatedMs: number;
}

interface Waiting {
  timer: NodeJS.Timeout;
  resolve: (go: boolean) => void;
}

export class PublishRateLimiter {
  readonly #opts: RateLimitOptions;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #waiting = new Map<string, Set<Waiting>>();
  /** Messages that waited for a token, since start (GET /ingest/stats reports no loss for them). */
  delayed = 0;

  constructor(opts: RateLimitOptions, now: () => number = Date.now) {
    this.#opts = opts;
    this.#now = now;
  }

  /**
   * Takes this client's next token: 0 when one is there now, else the milliseconds until the token
   * it has been promised is refilled. Tokens taken ahead of time are owed, so a client that keeps
   * publishing waits longer for each message, exactly as long as the rate requires.
   */
  reserve(clientId: string): number {
    const nowMs = this.#now();
    let b = this.#buckets.get(clientId);
    if (!b) {
      b = { tokens: this.#opts.burst, updatedMs: nowMs };
      this.#buckets.set(clientId, b);
    }
    b.tokens = Math.min(this.#opts.burst, b.tokens + ((nowMs - b.updatedMs) / 1_000) * this.#opts.ratePerS);
    b.updatedMs = nowMs;
    b.tokens -= 1;
    return b.tokens >= 0 ? 0 : Math.ceil((-b.tokens / this.#opts.ratePerS) * 1_000);
  }

  /**
   * Resolves true once this client may go on (at once when it has a token), or false when the
   * client was forgotten meanwhile (it disconnected: its message is not acknowledged and the device
   * sends it again [MQTT-4.4.0-1]).
   */
  wait(clientId: string): Promise<boolean> {
    const ms = this.reserve(clientId);
    if (ms === 0) return Promise.resolve(true);
    this.delayed += 1;
    return new Promise((resolve) => {
      const set = this.#waiting.get(clientId) ?? new Set<Waiting>();
      this.#waiting.set(clientId, set);
      const w: Waiting = {
        timer: setTimeout(() => {
          set.delete(w);
          if (set.size === 0 && this.#waiting.get(clientId) === set) this.#waiting.delete(clientId);
          resolve(true);
        }, ms),
        resolve,
      };
      set.add(w);
    });
  }

  /** Messages of this client waiting for a token now. */
  waiting(clientId: string): number {
    return this.#waiting.get(clientId)?.size ?? 0;
  }

  forget(clientId: string): void {
    this.#buckets.delete(clientId);
    const set = this.#waiting.get(clientId);
    this.#waiting.delete(clientId);
    for (const w of set ?? []) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
  }
}
