import type { Logger } from 'pino';

export type RejectReason =
  | 'malformed'
  | 'unknown_device'
  | 'bad_signature'
  | 'duplicate'
  | 'topic_denied'
  | 'subscribe_denied'
  | 'auth_failed'
  | 'rate_limited' // over the per-device publish rate (broker/rate-limit.ts)
  | 'oversize'; // a packet larger than the broker accepts, cut off at its header

const LOG_EVERY_MS = 60_000; // one log line per device per minute (issue #2)

/**
 * Counts every dropped message by reason and device. A hostile or broken device can send thousands
 * of bad messages a second; the count keeps them all, the log shows one per device per minute.
 */
export class RejectCounter {
  readonly #log: Logger;
  readonly byReason = new Map<RejectReason, number>();
  readonly #lastLogged = new Map<string, number>();
  readonly #suppressed = new Map<string, number>();

  constructor(log: Logger) {
    this.#log = log;
  }

  reject(reason: RejectReason, deviceId: string, detail: string, now = Date.now()): void {
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    const last = this.#lastLogged.get(deviceId);
    if (last !== undefined && now - last < LOG_EVERY_MS) {
      this.#suppressed.set(deviceId, (this.#suppressed.get(deviceId) ?? 0) + 1);
      return;
    }
    if (this.#lastLogged.size >= 10_000) this.#prune(now);
    const suppressed = this.#suppressed.get(deviceId) ?? 0;
    this.#lastLogged.set(deviceId, now);
    this.#suppressed.delete(deviceId);
    // The device's own words go under a key we own, cut short (HOUSE_STYLE: logs).
    this.#log.warn({ deviceId, reason, detail: detail.slice(0, 200), suppressedSinceLastLog: suppressed }, 'device message dropped');
  }

  // Keys can come from unauthenticated clients; forget those that fell silent so memory stays bounded.
  #prune(now: number): void {
    for (const [key, at] of this.#lastLogged) {
      if (now - at >= LOG_EVERY_MS) {
        this.#lastLogged.delete(key);
        this.#suppressed.delete(key);
      }
    }
  }

  snapshot(): Record<RejectReason, number> {
    const out = {
      malformed: 0, unknown_device: 0, bad_signature: 0, duplicate: 0, topic_denied: 0, subscribe_denied: 0, auth_failed: 0,
      rate_limited: 0, oversize: 0,
    } satisfies Record<RejectReason, number>;
    for (const [k, v] of this.byReason) out[k] = v;
    return out;
  }
}
