// When a skewed device clock becomes a clock_skew flag. Every heartbeat from a skewed clock is
// filed at receive time (filing.ts), so a brief jump changes no count; only a clock that stays
// wrong says something about the device. The rule, per device:
//
//   heartbeat not skewed                                  → forget the streak, no flag
//   skewed, no streak yet                                 → the streak starts at its receive time
//   skewed, streak began at least skewFlagAfterMs ago     → flag (the streak stays)
//   skewed, streak younger than that                      → no flag yet
//
// Receive times are the platform's own clock, so the device cannot shorten the wait.

/** One step of the rule: the streak's start after this heartbeat, and whether to flag. */
export function skewStep(sinceMs: number | null, skewed: boolean, receivedAtMs: number, skewFlagAfterMs: number): { sinceMs: number | null; flag: boolean } {
  if (!skewed) return { sinceMs: null, flag: false };
  const start = sinceMs ?? receivedAtMs;
  return { sinceMs: start, flag: receivedAtMs - start >= skewFlagAfterMs };
}

/** The streaks of every device, in memory: one number per device whose clock is off now. */
export class SkewTracker {
  readonly #since = new Map<string, number>();
  readonly #afterMs: number;

  constructor(skewFlagAfterMs: number) {
    this.#afterMs = skewFlagAfterMs;
  }

  /** Records one heartbeat; true when the device's clock has now been skewed long enough to flag. */
  observe(deviceId: string, skewed: boolean, receivedAtMs: number): boolean {
    const step = skewStep(this.#since.get(deviceId) ?? null, skewed, receivedAtMs, this.#afterMs);
    if (step.sinceMs === null) this.#since.delete(deviceId);
    else this.#since.set(deviceId, step.sinceMs);
    return step.flag;
  }

  /** Since when this device's clock has been skewed without a break, or null. */
  since(deviceId: string): number | null {
    return this.#since.get(deviceId) ?? null;
  }
}
