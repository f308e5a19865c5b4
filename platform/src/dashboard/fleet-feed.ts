// The live fleet figures behind GET /fleet/stream: one ticker per app, one summary query
// per distinct scope per tick however many pages watch, pushed to every subscriber of that scope.
// Ticks never overlap (the next is scheduled when one finishes), so a slow database slows the feed
// instead of piling queries up.
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import type { HeartbeatRate } from '../ingest/heartbeat-rate.js';
import { fleetSummary, type FleetSummary } from './summary.js';

export interface FleetEvent {
  at: string;
  summary: FleetSummary;
  heartbeatsPerSecond: number;
}

export interface FleetSubscriber {
  /** null: the whole fleet; an enterprise id: that enterprise only. */
  scope: string | null;
  send(event: FleetEvent): void;
  /** Called when the feed shuts down: the subscriber ends its response. */
  end(): void;
}

export class FleetFeed {
  readonly #db: Database;
  readonly #rate: HeartbeatRate;
  readonly #log: Logger;
  readonly #everyMs: number;
  readonly #subscribers = new Set<FleetSubscriber>();
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #closed = false;

  constructor(db: Database, rate: HeartbeatRate, log: Logger, everyMs: number) {
    this.#db = db;
    this.#rate = rate;
    this.#log = log;
    this.#everyMs = everyMs;
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }

  /** Adds a subscriber and sends it the current figures at once; returns the unsubscribe function. */
  subscribe(subscriber: FleetSubscriber): () => void {
    if (this.#closed) {
      subscriber.end();
      return () => undefined;
    }
    this.#subscribers.add(subscriber);
    void this.#publish([subscriber]);
    this.#schedule();
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const s of this.#subscribers) s.end();
    this.#subscribers.clear();
  }

  #schedule(): void {
    if (this.#running || this.#closed || this.#subscribers.size === 0) return;
    this.#running = true;
    this.#timer = setTimeout(() => {
      void this.#publish([...this.#subscribers]).finally(() => {
        this.#running = false;
        this.#schedule();
      });
    }, this.#everyMs);
    this.#timer.unref();
  }

  async #publish(to: FleetSubscriber[]): Promise<void> {
    const scopes = new Map<string | null, FleetSubscriber[]>();
    for (const s of to) scopes.set(s.scope, [...(scopes.get(s.scope) ?? []), s]);
    for (const [scope, subscribers] of scopes) {
      try {
        const summary = await fleetSummary(this.#db, scope);
        const event: FleetEvent = { at: new Date().toISOString(), summary, heartbeatsPerSecond: this.#rate.perSecond(scope) };
        for (const s of subscribers) if (this.#subscribers.has(s)) s.send(event);
      } catch (err) {
        if (!this.#closed) this.#log.warn({ err, scope }, 'fleet feed query failed');
      }
    }
  }
}
