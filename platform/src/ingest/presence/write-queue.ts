// The one ordered chain through which a presence implementation writes: transitions reach the
// database in the order they happened, so it never shows an older state after a newer one. A
// flush is scheduled once however many transitions come before it runs.
import type { Logger } from 'pino';

const RETRY_MS = 1_000; // 1 s

export class WriteQueue {
  readonly #log: Logger;
  readonly #flush: () => Promise<void>;
  readonly #delayMs: number;
  #chain: Promise<unknown> = Promise.resolve();
  #scheduled = false;
  #timer: NodeJS.Timeout | undefined;
  /** While a flush is scheduled: starts it now (once); resolves `#flushed` when it has run. */
  #flushNow: (() => void) | undefined;
  #flushed: Promise<unknown> = Promise.resolve();

  /** `delayMs` 0: flush at once; otherwise gather what comes for that long into one flush. */
  constructor(log: Logger, flush: () => Promise<void>, delayMs: number) {
    this.#log = log;
    this.#flush = flush;
    this.#delayMs = delayMs;
  }

  enqueue(step: () => Promise<void>): void {
    this.#chain = this.#chain.then(step).catch((err: unknown) => this.#log.error({ err }, 'presence write failed'));
  }

  schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    let ran!: () => void;
    this.#flushed = new Promise<void>((resolve) => (ran = resolve));
    const flush = () => {
      clearTimeout(this.#timer);
      this.#flushNow = undefined;
      this.enqueue(() => {
        this.#scheduled = false;
        return this.#flush();
      });
      void this.#chain.then(ran);
    };
    this.#flushNow = flush;
    if (this.#delayMs > 0) this.#timer = setTimeout(flush, this.#delayMs);
    else flush();
  }

  /** A failed write (a deadlock victim, a database restart) is tried again, not lost. */
  retryLater(): void {
    setTimeout(() => this.schedule(), RETRY_MS).unref();
  }

  /** Resolves when every write so far is in the database, a flush still gathering included. */
  settled(): Promise<unknown> {
    return this.#flushNow ? this.#flushed.then(() => this.#chain) : this.#chain;
  }

  /** Writes what a pending timer was gathering now; resolves when everything is written. */
  stop(): Promise<unknown> {
    this.#flushNow?.();
    return this.#chain;
  }
}
