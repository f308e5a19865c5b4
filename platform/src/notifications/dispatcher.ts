// Notifications of raised alarms (docs/alarms.md): which channels hear an alarm, the throttle, and
// the sending with retries. The one writer of notification_deliveries and notification_attempts.
//   enqueue  one delivery per (alarm, channel) that hears it: the operator's channels hear every
//            alarm, an enterprise's contacts only that enterprise's; throttled ones are logged as such
//   run      claims the due deliveries (pending, next_attempt_at passed) by moving them to
//            `sending` in one UPDATE with a lease (next_attempt_at = now + CLAIM_LEASE_MS), so two
//            dispatchers never send one at once, and one whose sender died (a restart, a crashed
//            instance) is claimed again when its lease has run out; sends each; logs the
//            attempt; a failure is retried after backoff(n) = base × 2^(n-1), at most an hour, until
//            the attempts run out (then `failed`)
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { alarms, notificationAttempts, notificationChannels, notificationDeliveries } from '../db/schema/index.js';
import type { AlarmRow } from '../services/alarms.js';
import type { ChannelKind } from './formats.js';
import { alarmMessage, type Language } from './messages.js';
import type { Senders } from './senders.js';
import { throttled } from './throttle.js';

export interface DispatchSettings {
  maxAttempts: number;
  backoffMs: number;
  throttleMinutes: number;
}

const MAX_BACKOFF_MS = 3_600_000; // 1 h between attempts at most
const CLAIM_BATCH = 100; // deliveries claimed per run
const CLAIM_LEASE_MS = 120_000; // 2 min: far beyond a send's 10 s deadline, so a live sender is never overtaken
/** States that stand for "this channel was told, or is being told": they throttle a repeat. */
const TOLD = ['pending', 'sending', 'sent'];

export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

export class Dispatcher {
  readonly #db: Database;
  readonly #senders: Senders;
  readonly #settings: DispatchSettings;
  readonly #log: Logger;

  constructor(db: Database, senders: Senders, settings: DispatchSettings, log: Logger) {
    this.#db = db;
    this.#senders = senders;
    this.#settings = settings;
    this.#log = log.child({ component: 'notifications' });
  }

  async enqueue(raised: readonly AlarmRow[], now: Date): Promise<void> {
    if (raised.length === 0) return;
    const channels = await this.#db.select().from(notificationChannels).where(eq(notificationChannels.enabled, true));
    const rows: (typeof notificationDeliveries.$inferInsert)[] = [];
    for (const alarm of raised) {
      for (const channel of channels) {
        if (channel.enterpriseId !== null && channel.enterpriseId !== alarm.enterpriseId) continue;
        const earlier = await this.#db
          .select({ raisedAt: alarms.raisedAt })
          .from(notificationDeliveries)
          .innerJoin(alarms, eq(alarms.id, notificationDeliveries.alarmId))
          .where(
            and(
              eq(notificationDeliveries.channelId, channel.id),
              eq(alarms.kind, alarm.kind),
              eq(alarms.subject, alarm.subject),
              inArray(notificationDeliveries.state, TOLD),
              sql`${alarms.id} <> ${alarm.id}`,
            ),
          );
        const skip = throttled(earlier, alarm.raisedAt, this.#settings.throttleMinutes);
        rows.push({ alarmId: alarm.id, channelId: channel.id, state: skip ? 'throttled' : 'pending', nextAttemptAt: skip ? null : now, createdAt: now });
      }
    }
    if (rows.length > 0) await this.#db.insert(notificationDeliveries).values(rows);
  }

  /** Sends every delivery due at `now`; answers how many were attempted. */
  async run(now: Date): Promise<number> {
    const due = await this.#db
      .update(notificationDeliveries)
      .set({ state: 'sending', nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(
        inArray(
          notificationDeliveries.id,
          this.#db
            .select({ id: notificationDeliveries.id })
            .from(notificationDeliveries)
            .where(
              and(
                inArray(notificationDeliveries.state, ['pending', 'sending']),
                or(isNull(notificationDeliveries.nextAttemptAt), lte(notificationDeliveries.nextAttemptAt, now)),
              ),
            )
            .limit(CLAIM_BATCH),
        ),
      )
      .returning();
    for (const delivery of due) await this.#attempt(delivery, now);
    return due.length;
  }

  async #attempt(delivery: typeof notificationDeliveries.$inferSelect, now: Date): Promise<void> {
    const [row] = await this.#db
      .select({ alarm: alarms, channel: notificationChannels })
      .from(alarms)
      .innerJoin(notificationChannels, eq(notificationChannels.id, delivery.channelId))
      .where(eq(alarms.id, delivery.alarmId));
    const { alarm, channel } = row!;
    const message = alarmMessage(alarm, channel.language as Language);
    const outcome = await this.#senders.send({ kind: channel.kind as ChannelKind, target: channel.target, secret: channel.secret }, alarm, message, now);
    const attempt = delivery.attempts + 1;
    const done = outcome.ok || attempt >= this.#settings.maxAttempts;
    await this.#db.transaction(async (tx) => {
      await tx.insert(notificationAttempts).values({
        deliveryId: delivery.id,
        attempt,
        at: now,
        ok: outcome.ok,
        status: outcome.status,
        error: outcome.ok ? null : outcome.error,
      });
      await tx
        .update(notificationDeliveries)
        .set({
          attempts: attempt,
          state: outcome.ok ? 'sent' : done ? 'failed' : 'pending',
          sentAt: outcome.ok ? now : null,
          nextAttemptAt: done ? null : new Date(now.getTime() + backoffMs(attempt, this.#settings.backoffMs)),
        })
        .where(eq(notificationDeliveries.id, delivery.id));
    });
    if (!outcome.ok)
      this.#log.warn({ deliveryId: delivery.id, channelId: channel.id, attempt, status: outcome.status, error: outcome.error }, 'notification failed');
  }
}
