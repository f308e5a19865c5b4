// Can the device clock be trusted? The platform files a heartbeat under its device time only when the
// agent says its clock was trustworthy when it made it, otherwise under the time it arrived
// (docs/protocol.md; agent/README.md "Clock"). The agent says "untrusted" when
//   - the clock reads before 2024-01-01: a board without an RTC battery boots in 1970 after a power
//     cut, and nothing this agent sends can predate its own release; or
//   - the platform's clock, last measured, differs from the device clock by more than maxSkewMs.
// The platform's clock comes from the HTTP Date header of GET {platformUrl}/healthz (RFC 9110
// §6.6.1: every origin server with a clock sends it; one-second resolution), corrected by half the
// round trip. The bound defaults to 2 minutes: far above the ±1.5 s the Date header and a slow
// network can add, and far below the hour a heartbeat is bucketed by, and a reset clock is years off.
//
// Between measurements (10 minutes apart) the run loop calls track() at every heartbeat: it compares
// the wall clock with the monotonic one (performance.now(), which a clock step does not move), and a
// step of the wall clock changes the offset by exactly the step. So a jump of an hour makes the next
// heartbeat say "untrusted", not one up to ten minutes later, and the run loop measures again at once.
import { performance } from 'node:perf_hooks';
import { request } from './http-client.js';

export const TRUSTED_CLOCK_FLOOR_MS = Date.UTC(2024, 0, 1);
export const DEFAULT_MAX_SKEW_MS = 120_000; // 2 min
export const DEFAULT_CLOCK_CHECK_MS = 600_000; // 10 min between measurements

export interface ClockMeasurement {
  /** Platform clock minus device clock, ms. */
  offsetMs: number;
  rttMs: number;
  at: number;
}

/** Why the device clock is not trusted; doctor words it in the reader's language (doctor-messages.ts). */
export type ClockDistrust =
  | { kind: 'before_floor'; clockMs: number }
  | { kind: 'skewed'; platformMinusDeviceMs: number; boundMs: number }
  | { kind: 'stepped'; stepMs: number };

export class ClockJudge {
  readonly maxSkewMs: number;
  readonly #monotonicMs: () => number;
  #last: ClockMeasurement | undefined;
  /** The wall and monotonic clocks read together at the previous track() or observe(). */
  #prev: { wallMs: number; monoMs: number } | undefined;
  /** How far the wall clock was stepped since the last measurement (or start), ms; forward > 0. */
  #steppedMs = 0;

  constructor(maxSkewMs = DEFAULT_MAX_SKEW_MS, options: { monotonicMs?: () => number } = {}) {
    this.maxSkewMs = maxSkewMs;
    this.#monotonicMs = options.monotonicMs ?? (() => performance.now());
  }

  observe(m: ClockMeasurement): void {
    this.#last = m;
    this.#steppedMs = 0;
    this.#prev = { wallMs: m.at, monoMs: this.#monotonicMs() };
  }

  get lastMeasurement(): ClockMeasurement | undefined {
    return this.#last;
  }

  /**
   * Notes the wall clock reading nowMs (taken just now) against the monotonic clock; returns how far
   * the wall clock was stepped since the previous call, ms.
   */
  track(nowMs: number): number {
    const monoMs = this.#monotonicMs();
    const step = this.#prev ? nowMs - this.#prev.wallMs - (monoMs - this.#prev.monoMs) : 0;
    this.#prev = { wallMs: nowMs, monoMs };
    this.#steppedMs += step;
    return step;
  }

  /** The platform's clock minus ours: the last measurement, corrected by the steps seen since. */
  offsetMs(): number | null {
    return this.#last ? this.#last.offsetMs - this.#steppedMs : null;
  }

  /** Why the clock is not trusted at nowMs, or null when it is. */
  distrustCause(nowMs: number): ClockDistrust | null {
    if (nowMs < TRUSTED_CLOCK_FLOOR_MS) return { kind: 'before_floor', clockMs: nowMs };
    const offset = this.offsetMs();
    if (offset !== null && Math.abs(offset) > this.maxSkewMs) return { kind: 'skewed', platformMinusDeviceMs: offset, boundMs: this.maxSkewMs };
    if (offset === null && Math.abs(this.#steppedMs) > this.maxSkewMs) return { kind: 'stepped', stepMs: this.#steppedMs };
    return null;
  }

  /** distrustCause in English, for logs, the status file and the heartbeat's reason. */
  distrust(nowMs: number): string | null {
    const cause = this.distrustCause(nowMs);
    return cause && describeDistrust(cause);
  }

  untrusted(nowMs: number): boolean {
    return this.distrust(nowMs) !== null;
  }
}

/**
 * Measures the platform's clock against ours; a value, never a throw (HOUSE_STYLE). Uses node:http(s)
 * rather than fetch (http-client.ts). An https:// platform is verified like every other request to it:
 * against the pinned CA when there is one (`ca`), else the system's trust store, so a server in the
 * middle cannot move the device's clock verdict.
 */
export async function measurePlatformClock(
  platformUrl: string,
  options: { timeoutMs?: number; now?: () => number; ca?: string } = {},
): Promise<{ ok: true; measurement: ClockMeasurement } | { ok: false; reason: string; tls?: boolean }> {
  const now = options.now ?? Date.now;
  const url = new URL('/healthz', platformUrl);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const t0 = now();
  // Nothing from the body is used; the Date header is what is wanted.
  const res = await request(url, { trust: options.ca ? { ca: options.ca } : 'system', timeoutMs, maxBodyBytes: 64 * 1024 });
  const t1 = now();
  if (!res.ok) return { ok: false, reason: `${url} did not answer: ${res.reason}`, tls: res.tls };
  const date = res.headers.date;
  const platformMs = date ? Date.parse(date) : Number.NaN;
  if (!Number.isFinite(platformMs)) return { ok: false, reason: `${url} sent no usable Date header` };
  // The header is truncated to the second: its true value is 0..999 ms later, 500 on average.
  return { ok: true, measurement: { offsetMs: Math.round(platformMs + 500 - (t0 + t1) / 2), rttMs: t1 - t0, at: t1 } };
}

function describeDistrust(cause: ClockDistrust): string {
  switch (cause.kind) {
    case 'before_floor':
      return `the clock reads ${new Date(cause.clockMs).toISOString()}, before 2024-01-01 (reset after a power cut?)`;
    case 'skewed':
      return `the clock is ${formatClockOffset(cause.platformMinusDeviceMs)} (bound ±${cause.boundMs / 1000} s)`;
    case 'stepped':
      return `the clock was stepped by ${Math.round(cause.stepMs / 1000)} s and not yet compared with the platform's`;
  }
}

/**
 * The clock offset the way people say it: device minus platform, so a clock that is ahead is +
 * (ClockJudge.offsetMs is the platform's minus the device's).
 */
export function formatClockOffset(platformMinusDeviceMs: number): string {
  const s = Math.round(-platformMinusDeviceMs / 1000);
  if (s === 0) return "within 1 s of the platform's";
  return `${s > 0 ? '+' : '-'}${Math.abs(s)} s (${s > 0 ? 'ahead of' : 'behind'} the platform's)`;
}
