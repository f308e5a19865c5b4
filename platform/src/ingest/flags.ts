// Raises fraud and integrity flags. A flag is raised once per device and kind while it is
// open; its reason is a code with its values (flag-reasons.ts) and its evidence the facts behind it,
// both shown to the operator and the bureau. Resolving one is an operator act recorded beside it (routes/flags.ts).
import { and, eq, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { deviceFlags } from '../db/schema/index.js';
import { type FlagReason, flagReasonText } from './flag-reasons.js';

export type FlagKind = 'duplicate_hardware' | 'virtual_machine' | 'identity_conflict' | 'replay' | 'clock_skew' | 'rate_limited';

export interface FlagRetryOptions {
  /** Wait between attempts to write flags that failed. */
  retryMs: number;
  /** Most flags kept waiting; beyond it the newest is logged and let go (memory stays bounded). */
  maxPending: number;
}

interface PendingFlag {
  deviceId: string;
  kind: FlagKind;
  reason: FlagReason;
  evidence: Record<string, unknown>;
}

export class FlagRecorder {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #retry: FlagRetryOptions;
  /** device:kind pairs known to have an open flag, so a hot path does not query each time. */
  readonly #open = new Set<string>();
  /** Flags noted but not written yet, by device:kind: the first evidence of an outage is kept. */
  readonly #pending = new Map<string, PendingFlag>();
  #timer: NodeJS.Timeout | undefined;
  #writing = false;

  constructor(db: Database, log: Logger, retry: FlagRetryOptions = { retryMs: 5_000, maxPending: 10_000 }) {
    this.#db = db;
    this.#log = log;
    this.#retry = retry;
  }

  /** Flags noted and not yet written (the database refused them so far). */
  get pending(): number {
    return this.#pending.size;
  }

  /**
   * Raises a flag from the ingest path: never throws and never waits. A flag is evidence about a
   * device, not part of its heartbeat; a heartbeat must not be lost or left unacknowledged because
   * the flag could not be written, and the flag must not be lost because the database was down:
   * it waits here, one per device and kind, and is written when the database answers again.
   */
  note(deviceId: string, kind: FlagKind, reason: FlagReason, evidence: Record<string, unknown>): void {
    const key = `${deviceId}:${kind}`;
    if (this.#open.has(key) || this.#pending.has(key)) return;
    if (this.#pending.size >= this.#retry.maxPending) {
      this.#log.error({ deviceId, flag: kind, reason: reason.code, pending: this.#pending.size }, 'flag not recorded: too many flags wait for the database');
      return;
    }
    this.#pending.set(key, { deviceId, kind, reason, evidence });
    if (!this.#writing) void this.#writePending();
  }

  async #writePending(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writing = true;
    try {
      for (const [key, f] of this.#pending) {
        try {
          await this.raise(f.deviceId, f.kind, f.reason, f.evidence);
          this.#pending.delete(key);
        } catch (err) {
          this.#log.error(
            { err, deviceId: f.deviceId, flag: f.kind, pending: this.#pending.size, retryInMs: this.#retry.retryMs },
            'flag write failed; retrying',
          );
          break;
        }
      }
    } finally {
      this.#writing = false;
    }
    if (this.#pending.size > 0) {
      this.#timer = setTimeout(() => void this.#writePending(), this.#retry.retryMs);
      this.#timer.unref(); // a pending flag never keeps a stopping process alive
    }
  }

  /** Stops retrying (at shutdown). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async raise(deviceId: string, kind: FlagKind, reason: FlagReason, evidence: Record<string, unknown>, db: Database = this.#db): Promise<void> {
    const key = `${deviceId}:${kind}`;
    if (this.#open.has(key)) return;
    const existing = await db
      .select({ id: deviceFlags.id })
      .from(deviceFlags)
      .where(and(eq(deviceFlags.deviceId, deviceId), eq(deviceFlags.kind, kind), isNull(deviceFlags.resolvedAt)))
      .limit(1);
    if (existing.length === 0) {
      const text = flagReasonText(reason);
      await db.insert(deviceFlags).values({ deviceId, kind, reason: text, reasonCode: reason.code, reasonParams: reason.params, evidence });
      this.#log.warn({ deviceId, flag: kind, reason: text }, 'device flagged');
    }
    this.#open.add(key);
  }

  /** Forgets the cache for a device (after the operator resolves a flag). */
  resolved(deviceId: string, kind: string): void {
    this.#open.delete(`${deviceId}:${kind}`);
  }
}
