// Heartbeats per second for the dashboard (issue 6), for the whole fleet and per enterprise (an
// enterprise's IT sees only its own rate). Counted in memory as ingest accepts them, in one-second
// slots over a sliding window: the figure is the average over the last `windowS` complete seconds,
// so a 10 s heartbeat interval does not make the number jump between 0 and a burst.
export class HeartbeatRate {
  readonly #windowS: number;
  readonly #now: () => number;
  /** Per scope ('' = whole fleet): counts per second slot, indexed by epoch second modulo the window + 1. */
  readonly #slots = new Map<string, { counts: number[]; seconds: number[] }>();

  constructor(windowS = 10, now: () => number = Date.now) {
    this.#windowS = windowS;
    this.#now = now;
  }

  note(enterpriseId: string): void {
    const second = Math.floor(this.#now() / 1000);
    this.#add('', second);
    this.#add(enterpriseId, second);
  }

  /** Average heartbeats per second over the last complete seconds; null scope = whole fleet. */
  perSecond(enterpriseId: string | null): number {
    const slots = this.#slots.get(enterpriseId ?? '');
    if (!slots) return 0;
    const current = Math.floor(this.#now() / 1000);
    let sum = 0;
    for (let s = current - this.#windowS; s < current; s++) {
      const i = s % slots.seconds.length;
      if (slots.seconds[i] === s) sum += slots.counts[i]!;
    }
    return Math.round((sum / this.#windowS) * 10) / 10;
  }

  #add(scope: string, second: number): void {
    let slots = this.#slots.get(scope);
    if (!slots) {
      slots = { counts: new Array<number>(this.#windowS + 1).fill(0), seconds: new Array<number>(this.#windowS + 1).fill(-1) };
      this.#slots.set(scope, slots);
    }
    const i = second % slots.seconds.length;
    if (slots.seconds[i] !== second) {
      slots.seconds[i] = second;
      slots.counts[i] = 0;
    }
    slots.counts[i]! += 1;
  }
}
