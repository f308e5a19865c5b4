// The alarm evaluator (docs/alarms.md): every EDGENET_ALARM_EVALUATE_MS, on the injected clock,
//   1. gather  the conditions that hold now (conditions.ts)
//   2. compare them with the open alarms: a new (kind, subject) is raised, an open one whose
//      condition ended is cleared (a return later raises a new alarm)
//   3. notify  the raised ones (notifications/dispatcher.ts), then send what is due
// It runs in one worker of a cluster (StartOptions.evaluatesAlarms); several instances on an
// external broker may each run it: the partial unique index lets only one raise an alarm, only the
// raiser enqueues its notifications, and a delivery is claimed by one dispatcher.
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import type { Calendar } from '../domain/calendar.js';
import type { Dispatcher } from '../notifications/dispatcher.js';
import { clearAlarms, openAlarms, raiseAlarms } from '../services/alarms.js';
import { currentConditions, type Condition } from './conditions.js';

export interface EvaluatorDeps {
  db: Database;
  log: Logger;
  calendar: Calendar;
  clock: () => Date;
  dispatcher: Dispatcher;
  /** Device messages dropped since the process started (this process and a cluster's others). */
  droppedTotal: () => number;
  certificatePem: string;
  settings: { offlineMinutes: number; shareDropPercent: number; ingestErrors: number; certExpiryDays: number; evaluateMs: number };
}

export interface Evaluation {
  raised: number;
  cleared: number;
  sent: number;
}

const DISPATCH_EVERY_MS = 5_000; // retries are due at their own times, between evaluations

/** Dropped device messages that count as ingest errors: a duplicate is a resend after a lost PUBACK, not an error. */
export function droppedMessages(counts: readonly Record<string, number>[]): number {
  let n = 0;
  for (const c of counts) for (const [reason, count] of Object.entries(c)) if (reason !== 'duplicate') n += count;
  return n;
}

const keyOf = (c: { kind: string; subject: string }) => `${c.kind}\u0000${c.subject}`;

export class AlarmEvaluator {
  readonly #deps: EvaluatorDeps;
  readonly #log: Logger;
  #droppedBefore: number;
  #timers: NodeJS.Timeout[] = [];
  #running: Promise<Evaluation> | undefined;
  #dispatching: Promise<number> | undefined;

  constructor(deps: EvaluatorDeps) {
    this.#deps = deps;
    this.#log = deps.log.child({ component: 'alarms' });
    this.#droppedBefore = deps.droppedTotal();
  }

  start(): void {
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((err: unknown) => this.#log.error({ err }, 'alarm evaluation failed')), ms);
      t.unref();
      this.#timers.push(t);
    };
    every(this.#deps.settings.evaluateMs, () => this.evaluate());
    every(DISPATCH_EVERY_MS, () => this.#dispatch());
  }

  stop(): void {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
  }

  /** Resolves once a running evaluation has finished (the platform closes the database after it). */
  async idle(): Promise<void> {
    await Promise.all([this.#running?.catch(() => undefined), this.#dispatching?.catch(() => undefined)]);
  }

  /** Sends what is due between evaluations (retries after their backoff); one run at a time. */
  #dispatch(): Promise<number> {
    this.#dispatching ??= this.#deps.dispatcher.run(this.#deps.clock()).finally(() => {
      this.#dispatching = undefined;
    });
    return this.#dispatching;
  }

  /** One evaluation now (on the injected clock); a second caller shares a running one. */
  evaluate(): Promise<Evaluation> {
    this.#running ??= this.#evaluate().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #evaluate(): Promise<Evaluation> {
    const { db, dispatcher } = this.#deps;
    const now = this.#deps.clock();
    const conditions = await this.#gather(now);
    const open = await openAlarms(db);
    const holding = new Set(conditions.map(keyOf));
    const known = new Set(open.map(keyOf));
    const raised = await raiseAlarms(
      db,
      conditions.filter((c) => !known.has(keyOf(c))),
      now,
    );
    const cleared = await clearAlarms(
      db,
      open.filter((a) => !holding.has(keyOf(a))).map((a) => a.id),
      now,
    );
    await dispatcher.enqueue(raised, now);
    // A run already under way may have claimed before these were queued: let it end, then send.
    await this.#dispatching?.catch(() => undefined);
    const sent = await this.#dispatch();
    if (raised.length > 0 || cleared > 0) this.#log.info({ raised: raised.length, cleared, sent }, 'alarms evaluated');
    return { raised: raised.length, cleared, sent };
  }

  async #gather(now: Date): Promise<Condition[]> {
    const { db, calendar, settings } = this.#deps;
    const total = this.#deps.droppedTotal();
    const dropped = total - this.#droppedBefore;
    this.#droppedBefore = total;
    return currentConditions(
      db,
      calendar,
      {
        offlineMinutes: settings.offlineMinutes,
        shareDropPercent: settings.shareDropPercent,
        droppedSinceLast: dropped,
        ingestErrorThreshold: settings.ingestErrors,
        certificatePem: this.#deps.certificatePem,
        certExpiryDays: settings.certExpiryDays,
      },
      now,
    );
  }
}
