// Notification channels and contacts as the operator configures them, and the delivery log
// (docs/alarms.md). A channel's secret is written here and never answered: the API says only
// whether one is set. The one writer of notification_channels.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { alarms, enterprises, notificationAttempts, notificationChannels, notificationDeliveries } from '../db/schema/index.js';
import { ERR_NOT_FOUND } from '../errors.js';
import type { ChannelKind } from '../notifications/formats.js';
import type { Language } from '../notifications/messages.js';
import { listPage, type PageQuery } from './page.js';

export interface ChannelInput {
  kind: ChannelKind;
  name: string;
  target: string;
  secret: string | null;
  enterpriseId: string | null;
  language: Language;
  createdBy: string | null;
}

const CHANNEL = {
  id: notificationChannels.id,
  kind: notificationChannels.kind,
  name: notificationChannels.name,
  target: notificationChannels.target,
  enterpriseId: notificationChannels.enterpriseId,
  language: notificationChannels.language,
  enabled: notificationChannels.enabled,
  createdAt: notificationChannels.createdAt,
  createdBy: notificationChannels.createdBy,
};
const withoutSecret = <T extends { secret: string | null }>({ secret, ...rest }: T) => ({ ...rest, hasSecret: secret !== null });

export async function createChannel(db: Database, input: ChannelInput) {
  if (input.enterpriseId) {
    const [e] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
    if (!e) throw new ERR_NOT_FOUND({ what: 'enterprise' });
  }
  const [row] = await db.insert(notificationChannels).values(input).returning();
  return withoutSecret(row!);
}

/** Every channel, the operator's (no enterprise) first, then each enterprise's contacts. */
export async function listChannels(db: Database) {
  const rows = await db
    .select({ ...CHANNEL, secret: notificationChannels.secret })
    .from(notificationChannels)
    .orderBy(asc(notificationChannels.enterpriseId), asc(notificationChannels.createdAt), asc(notificationChannels.id));
  return rows.map(withoutSecret);
}

/** Takes a channel out of use; it stays, so the delivery log keeps pointing at it. */
export async function disableChannel(db: Database, id: string) {
  const [row] = await db.update(notificationChannels).set({ enabled: false }).where(eq(notificationChannels.id, id)).returning();
  if (!row) throw new ERR_NOT_FOUND({ what: 'notification_channel' });
  return withoutSecret(row);
}

export interface DeliveryFilter {
  alarmId?: string | undefined;
  channelId?: string | undefined;
  state?: string | undefined;
}

/** The delivery log, newest first, each delivery with its attempts. */
export async function listDeliveries(db: Database, filter: DeliveryFilter, page: PageQuery) {
  const where = and(
    filter.alarmId ? eq(notificationDeliveries.alarmId, filter.alarmId) : undefined,
    filter.channelId ? eq(notificationDeliveries.channelId, filter.channelId) : undefined,
    filter.state ? eq(notificationDeliveries.state, filter.state) : undefined,
  );
  const result = await listPage(
    db,
    page,
    () =>
      db
        .select({
          id: notificationDeliveries.id,
          alarmId: notificationDeliveries.alarmId,
          alarmKind: alarms.kind,
          deviceId: alarms.deviceId,
          enterpriseId: alarms.enterpriseId,
          channelId: notificationDeliveries.channelId,
          channelName: notificationChannels.name,
          channelKind: notificationChannels.kind,
          state: notificationDeliveries.state,
          attempts: notificationDeliveries.attempts,
          nextAttemptAt: notificationDeliveries.nextAttemptAt,
          createdAt: notificationDeliveries.createdAt,
          sentAt: notificationDeliveries.sentAt,
        })
        .from(notificationDeliveries)
        .innerJoin(alarms, eq(alarms.id, notificationDeliveries.alarmId))
        .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
        .where(where)
        .$dynamic(),
    [desc(notificationDeliveries.createdAt), notificationDeliveries.id],
  );
  const ids = result.items.map((d) => d.id);
  const attempts = ids.length
    ? await db.select().from(notificationAttempts).where(inArray(notificationAttempts.deliveryId, ids)).orderBy(asc(notificationAttempts.attempt))
    : [];
  return {
    ...result,
    items: result.items.map((d) => ({
      ...d,
      log: attempts.filter((a) => a.deliveryId === d.id).map(({ attempt, at, ok, status, error }) => ({ attempt, at, ok, status, error })),
    })),
  };
}
