// Which devices may have a command open (queued, or delivered without a result), kept in memory so
// that a returning device with nothing waiting costs no read: every reconnect says hello, and
// almost none has a command waiting. Used only when this process is the one writer of commands and
// holds every session (one platform, embedded broker); with several processes (a cluster, an
// external broker) another one may send a command this one never hears of, so there every hello
// reads the ledger as before (platform.ts).
//
// The set is a superset of the truth: loaded from the ledger at start, a device is added before its
// command is inserted (a command cannot be open without its device here), and dropped only when a
// read of the ledger found nothing open and no command was added while that read ran (the mark it
// was read under is still the newest). So a device with an open command is never skipped.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';
import { OPEN_STATES } from './ledger.js';

export class OpenCommandDevices {
  /** Device id → the mark of its latest addition; a global counter, so a mark is never reused. */
  readonly #marks = new Map<string, number>();
  #next = 0;

  /** Every device with an open command in the ledger now. */
  async load(db: Database): Promise<void> {
    const rows = await queryRows<{ device_id: string }>(
      db,
      sql`select distinct device_id from device_commands where state = any(${sql.param([...OPEN_STATES])}::text[])`,
    );
    for (const row of rows) this.add(row.device_id);
  }

  /** A command for the device is about to be inserted. */
  add(deviceId: string): void {
    this.#next += 1;
    this.#marks.set(deviceId, this.#next);
  }

  /** The mark to read the device's ledger under; undefined: nothing can be open, no read is needed. */
  mark(deviceId: string): number | undefined {
    return this.#marks.get(deviceId);
  }

  /** A read under `mark` found nothing open: dropped unless a command was added since. */
  noneOpen(deviceId: string, mark: number | undefined): void {
    if (mark !== undefined && this.#marks.get(deviceId) === mark) this.#marks.delete(deviceId);
  }

  get size(): number {
    return this.#marks.size;
  }
}
