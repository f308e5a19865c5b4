// Learns of device status changes made by another platform process from the database itself, as
// shared presence does (presence/shared.ts): several instances behind an external broker, or on
// several servers, have no channel between them but the database. Every tick reads the status log
// after the last row it saw, less an overlap — a bigserial seq is taken at insert, so a transaction
// that commits late can show a smaller seq than one already read — and applies each touched
// device's *current* status (idempotent: the registry takes it, the broker closes a session it
// holds). Within one process, or a cluster (IPC relay), the change is applied at once; this is the
// path for the others, at most one tick late.
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { queryRows, type Database } from '../db/index.js';
import type { DeviceStatus } from './device-registry.js';

// Rows re-read behind the newest one seen: more than the status changes that can be in flight at once.
const OVERLAP_ROWS = 1_000;

export class StatusFollower {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #apply: (deviceId: string, status: DeviceStatus) => Promise<void>;
  /** The newest event applied per device: a device without a newer one is not applied again. */
  readonly #applied = new Map<string, number>();
  #last = 0;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(db: Database, log: Logger, apply: (deviceId: string, status: DeviceStatus) => Promise<void>) {
    this.#db = db;
    this.#log = log;
    this.#apply = apply;
  }

  /** Starts after the log's current end: what happened before, this process loads with each device. */
  async start(everyMs: number): Promise<void> {
    const [row] = await queryRows<{ last: string | number | null }>(this.#db, sql`select max(seq) as last from device_status_events`);
    this.#last = Number(row?.last ?? 0);
    this.#timer = setInterval(() => {
      this.#running = this.#running.then(() => this.tick()).catch((err: unknown) => this.#log.warn({ err }, 'device status follow failed'));
    }, everyMs);
    this.#timer.unref();
  }

  /** One read of the log; public for tests. */
  async tick(): Promise<void> {
    const rows = await queryRows<{ id: string; status: DeviceStatus; last: string | number }>(
      this.#db,
      sql`select d.id, d.status, e.last
            from (select device_id, max(seq) as last from device_status_events where seq > ${this.#last - OVERLAP_ROWS} group by device_id) e
            join devices d on d.id = e.device_id`,
    );
    for (const r of rows) {
      const last = Number(r.last);
      this.#last = Math.max(this.#last, last);
      if ((this.#applied.get(r.id) ?? 0) >= last) continue;
      this.#applied.set(r.id, last);
      await this.#apply(r.id, r.status);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
