// Marks each minute in which this instance's ingest path (the broker) was up, in ingest_uptime.
// Availability for a period is then the share of the period's minutes with a mark from any instance
// (routes/performance.ts): the platform's own record, not the operator's word (实施细则 art. 23).
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { ingestUptime } from '../db/schema/index.js';

const MINUTE_MS = 60_000;

export class UptimeMarker {
  readonly instance = `${hostname()}:${process.pid}`;
  readonly #db: Database;
  readonly #log: Logger;
  readonly #isUp: () => boolean;
  #timer: NodeJS.Timeout | undefined;

  constructor(db: Database, log: Logger, isUp: () => boolean) {
    this.#db = db;
    this.#log = log;
    this.#isUp = isUp;
  }

  start(): void {
    void this.mark();
    // Twice a minute, so a mark lands in every minute even if one tick is late.
    this.#timer = setInterval(() => void this.mark(), MINUTE_MS / 2);
    this.#timer.unref();
  }

  async mark(now = Date.now()): Promise<void> {
    if (!this.#isUp()) return;
    const minute = new Date(Math.floor(now / MINUTE_MS) * MINUTE_MS);
    try {
      await this.#db.insert(ingestUptime).values({ minute, instance: this.instance }).onConflictDoNothing();
    } catch (err) {
      this.#log.error({ err }, 'uptime mark failed');
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
