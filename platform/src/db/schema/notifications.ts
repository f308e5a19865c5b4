import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { alarms } from './alarms.js';
import { enterprises } from './enterprises.js';

// Where notifications go (docs/alarms.md). A channel without an enterprise is the operator's and
// hears every alarm; one with an enterprise is that enterprise's contact and hears only alarms of
// its own devices and its own share. The secret signs webhook bodies (generic) or the URL
// (DingTalk); it is needed in clear to sign, so it is kept as is, and never answered by the API.
// One writer: services/notification-channels.ts.
export const notificationChannels = pgTable('notification_channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(), // email | webhook | wecom | dingtalk
  name: text('name').notNull(),
  target: text('target').notNull(), // an e-mail address, or the webhook URL
  secret: text('secret'),
  enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
  language: text('language').notNull().default('zh-CN'), // zh-CN | en
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

// One notification of one alarm to one channel, and its fate: pending (an attempt is due at
// next_attempt_at), sent, failed (attempts exhausted) or throttled (not sent: the rule in
// notifications/throttle.ts). One writer: notifications/dispatcher.ts.
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alarmId: uuid('alarm_id')
      .notNull()
      .references(() => alarms.id),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => notificationChannels.id),
    state: text('state').notNull(), // pending | sending | sent | failed | throttled
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('notification_deliveries_due_idx').on(t.state, t.nextAttemptAt), index('notification_deliveries_channel_idx').on(t.channelId, t.createdAt)],
);

// Each attempt of a delivery: when, whether it worked, the receiver's answer (HTTP status or SMTP
// reply) and the error. Append-only. One writer: notifications/dispatcher.ts.
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => notificationDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ok: boolean('ok').notNull(),
    status: text('status'), // '200', '250 OK …'
    error: text('error'),
  },
  (t) => [index('notification_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);
