import type { Logger } from 'pino';
import { bounded } from '../net/bounded.js';

export type RejectReason =
  | 'malformed'
  | 'unknown_device'
  | 'device_disabled' // disabled or decommissioned: already in flight when the operator acted
  | 'bad_signature'
  | 'duplicate'
  | 'topic_denied'
  | 'subscribe_denied'
  | 'auth_failed'
  | 'rate_limited' // over the per-device publish rate (broker/rate-limit.ts)
  | 'oversize' // a packet larger than the broker accepts, cut off at its header
  | 'unknown_command'; // a signed command result naming no command sent to that device

const LOG_EVERY_MS = 60_000; // one log line per device per minute: a broken device must not flood the log
const MAX_KEY_LENGTH = 64; // a device id is a 36-character UUID; longer keys are attacker-chosen
const MAX_KEYS = 10_000; // distinct devices remembered at once
const OVERFLOW_KEY = '(other devices)'; // every key beyond MAX_KEYS shares one throttle

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

  #prunedAtMs = -Infinity;

  /** Distinct keys held for throttling; at most MAX_KEYS + 1 (the overflow key). */
  get trackedKeys(): number {
    return this.#lastLogged.size;
  }

  reject(reason: RejectReason, claimedId: string, detail: string, now = Date.now()): void {
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    // The key and what is logged are cut short: an unauthenticated client chooses them, and a
    // 60,000-character client id each time would make every line and every key unique and huge.
    let deviceId = bounded(claimedId, MAX_KEY_LENGTH);
    if (!this.#lastLogged.has(deviceId) && this.#lastLogged.size >= MAX_KEYS) {
      this.#prune(now);
      if (this.#lastLogged.size >= MAX_KEYS) deviceId = OVERFLOW_KEY;
    }
    const last = this.#lastLogged.get(deviceId);
    if (last !== undefined && now - last < LOG_EVERY_MS) {
      this.#suppressed.set(deviceId, (this.#suppressed.get(deviceId) ?? 0) + 1);
      return;
    }
    const suppressed = this.#suppressed.get(deviceId) ?? 0;
    this.#lastLogged.set(deviceId, now);
    this.#suppressed.delete(deviceId);
    // The device's own words go under a key we own, cut short (HOUSE_STYLE: logs).
    this.#log.warn({ deviceId, reason, detail: bounded(detail, 200), suppressedSinceLastLog: suppressed }, 'device message dropped');
  }

  // Keys can come from unauthenticated clients; forget those that fell silent so memory stays
  // bounded. At most once a second: a flood of new keys against a full map costs one pass a second.
  #prune(now: number): void {
    if (now - this.#prunedAtMs < 1_000) return;
    this.#prunedAtMs = now;
    for (const [key, at] of this.#lastLogged) {
      if (now - at >= LOG_EVERY_MS) {
        this.#lastLogged.delete(key);
        this.#suppressed.delete(key);
      }
    }
  }

  snapshot(): Record<RejectReason, number> {
    const out = {
      malformed: 0,
      unknown_device: 0,
      device_disabled: 0,
      bad_signature: 0,
      duplicate: 0,
      topic_denied: 0,
      subscribe_denied: 0,
      auth_failed: 0,
      rate_limited: 0,
      oversize: 0,
      unknown_command: 0,
    } satisfies Record<RejectReason, number>;
    for (const [k, v] of this.byReason) out[k] = v;
    return out;
  }
}
