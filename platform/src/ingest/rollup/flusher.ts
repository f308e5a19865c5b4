// The rollups of this instance's committed heartbeat batches, kept in memory and folded on a period
// (EDGENET_ROLLUP_FLUSH_MS) and on close: at one heartbeat per device per 30 s every device is alone
// in its batch, and folding per batch rewrote a device_days, a chain_anchors and a devices row for
// every heartbeat. No count depends on this memory: each batch's heartbeat_batches row stays until
// a fold deletes it beside the rollups it wrote (fold.ts), so what a crash loses is folded again from
// the stored rows, by this instance's next life at its start, by any instance folding its own once
// the batch is older than STALE_PERIODS periods (the instances that take over a lost one's devices
// fold, so they look), or by a reader that needs everything (pending.ts). An idle instance issues no
// statement: no timer polls the table.
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { executeNamed, type Database } from '../../db/index.js';
import type { Calendar } from '../../domain/calendar.js';
import { applyRollup, foldAllFromRows } from './fold.js';
import { RollupState, type FoldRow, type FoldSigned } from './state.js';

/** A batch unfolded for this many periods has lost its writer (or its writer cannot reach the database). */
export const STALE_PERIODS = 4;

export interface RollupFlusherOptions {
  calendar: Calendar;
  /** Names heartbeat_batches rows; a restarted instance folds the rows of its earlier life at once. */
  instanceId: string;
  periodMs: number;
}

/** Every flusher of this process: a reader that must see every heartbeat folds them first (pending.ts). */
export const LOCAL_FLUSHERS = new Set<RollupFlusher>();

/** The batch was folded by another instance meanwhile: this state no longer matches the table. */
class Overtaken extends Error {}

export class RollupFlusher {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #opts: RollupFlusherOptions;
  #state: RollupState;
  #timer: NodeJS.Timeout | undefined;
  /** When this flusher last looked for lost instances' batches. */
  #sweptAtMs = Date.now();
  #flushing: Promise<void> = Promise.resolve();

  constructor(db: Database, log: Logger, opts: RollupFlusherOptions) {
    this.#db = db;
    this.#log = log;
    this.#opts = opts;
    this.#state = new RollupState(opts.calendar);
    LOCAL_FLUSHERS.add(this);
  }

  /** Folds what earlier lives of this instance left, and what lost instances left. */
  async start(): Promise<void> {
    const n = await foldAllFromRows(this.#db, this.#opts.calendar, sql`instance_id = ${this.#opts.instanceId} or ${this.#stale()}`);
    this.#sweptAtMs = Date.now();
    if (n > 0) this.#log.info({ batches: n }, 'heartbeat batches folded at start');
  }

  /** A committed batch's stored heartbeats, with what the rows do not carry. */
  add(batchId: number, rows: readonly { row: FoldRow; signed: FoldSigned }[]): void {
    this.#state.batches.push(batchId);
    for (const { row, signed } of rows) this.#state.add(row, signed);
    this.#arm();
  }

  /** One fold a period after the first batch it will hold; a failed fold is tried again so. */
  #arm(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch(() => this.#arm());
    }, this.#opts.periodMs);
    this.#timer.unref();
  }

  /** Folds everything added so far; resolves once it is committed (or rejects, keeping it). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.#chain(async () => {
      await this.#fold();
      if (Date.now() - this.#sweptAtMs >= STALE_PERIODS * this.#opts.periodMs) await this.#foldStale();
    });
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      clearTimeout(this.#timer);
      LOCAL_FLUSHERS.delete(this);
    }
  }

  #chain(step: () => Promise<void>): Promise<void> {
    const next = this.#flushing.then(step);
    this.#flushing = next.catch(() => undefined);
    return next;
  }

  async #fold(): Promise<void> {
    const state = this.#state;
    if (state.empty) return;
    this.#state = new RollupState(this.#opts.calendar);
    const ids = state.batches;
    try {
      await this.#db.transaction(async (tx) => {
        const claimed = await executeNamed<{ id: string | number }>(
          tx,
          'heartbeat_batches_fold',
          sql`delete from heartbeat_batches where id = any(${sql.param(ids)}::bigint[]) returning id`,
        );
        if (claimed.length !== ids.length) throw new Overtaken();
        await applyRollup(tx, state);
      });
    } catch (err) {
      if (err instanceof Overtaken) {
        // Another instance took some of these batches for stale (or a reader folded them): the
        // ones still there are folded from their rows, the memory is dropped.
        // Expected after a certification run or a device-day read in another process (pending.ts).
        this.#log.info({ batches: ids.length }, 'heartbeat batches folded elsewhere meanwhile: folding the rest from the rows');
        await foldAllFromRows(this.#db, this.#opts.calendar, sql`id = any(${sql.param(ids)}::bigint[])`);
        return;
      }
      // Kept for the next period: merging is the same as having folded nothing yet.
      state.merge(this.#state);
      this.#state = state;
      this.#log.error({ err, batches: ids.length }, 'rollup fold failed');
      throw err;
    }
  }

  async #foldStale(): Promise<void> {
    this.#sweptAtMs = Date.now();
    try {
      const n = await foldAllFromRows(this.#db, this.#opts.calendar, this.#stale());
      if (n > 0) this.#log.warn({ batches: n }, 'stale heartbeat batches of a lost instance folded from their rows');
    } catch (err) {
      this.#log.error({ err }, 'stale heartbeat batch fold failed');
    }
  }

  #stale() {
    return sql`created_at < now() - ${STALE_PERIODS * this.#opts.periodMs} * interval '1 millisecond'`;
  }
}
