// Heartbeats per second for the dashboard, for the whole fleet and per enterprise (an
// enterprise's IT sees only its own rate). Counted in memory as ingest accepts them, in one-second
// slots over a sliding window: the figure is the average over the last `windowS` complete seconds,
// so a 10 s heartbeat interval does not make the number jump between 0 and a burst.
export class HeartbeatRate {
  readonly #windowS: number;
  readonly #now: () => number;
  /** Per scope ('' = whole fleet): counts per second slot, indexed by epoch second modulo the window + 1. */
  readonly #slots = new Map<string, { counts: number[]; seconds: number[] }>();
  /** The other workers' rates per scope, when this process is one worker of a cluster. */
  #elsewhere: Readonly<Record<string, number>> = {};

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
    const scope = enterpriseId ?? '';
    return Math.round((this.#own(scope) + (this.#elsewhere[scope] ?? 0)) * 10) / 10;
  }

  /** This process's own rate for every scope it has seen: what a cluster worker tells the others. */
  own(): Record<string, number> {
    const rates: Record<string, number> = {};
    for (const scope of this.#slots.keys()) {
      const perSecond = this.#own(scope);
      if (perSecond > 0) rates[scope] = perSecond;
    }
    return rates;
  }

  /** The sum of the other workers' own() rates, so that every worker shows the whole cluster's. */
  setElsewhere(rates: Readonly<Record<string, number>>): void {
    this.#elsewhere = rates;
  }

  #own(scope: string): number {
    const slots = this.#slots.get(scope);
    if (!slots) return 0;
    const current = Math.floor(this.#now() / 1000);
    let sum = 0;
    for (let s = current - this.#windowS; s < current; s++) {
      const i = s % slots.seconds.length;
      if (slots.seconds[i] === s) sum += slots.counts[i]!;
    }
    return sum / this.#windowS;
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
