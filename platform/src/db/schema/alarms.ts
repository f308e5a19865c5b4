import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { devices } from './devices.js';
import { enterprises } from './enterprises.js';

// Alarms: a condition the evaluator saw (alarms/evaluator.ts), with a life — raised, acknowledged,
// assigned, cleared. One row per occurrence: a condition that returns after clearing raises a new
// row, so each occurrence keeps its own history. `subject` names what the condition is about (a
// device id, an enterprise id, 'ingest', 'tls'); at most one open alarm per (kind, subject), which
// the partial unique index enforces even when two evaluators race. One writer: services/alarms.ts.
export const alarms = pgTable(
  'alarms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(), // alarms/conditions.ts ALARM_KINDS
    subject: text('subject').notNull(),
    deviceId: uuid('device_id').references(() => devices.id),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id), // null: the platform's own (ingest, TLS)
    details: jsonb('details').notNull(), // the condition's figures when raised
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id').references(() => accounts.id),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('alarms_open_idx').on(t.kind, t.subject).where(sql`cleared_at is null`), index('alarms_enterprise_idx').on(t.enterpriseId, t.raisedAt)],
);

// Who did what to an alarm and when, append-only: raised, acknowledged (with the comment),
// assigned, cleared. The evaluator is the actor of raised and cleared (actor null).
export const alarmEvents = pgTable(
  'alarm_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }), // the order of events, also within one millisecond
    alarmId: uuid('alarm_id')
      .notNull()
      .references(() => alarms.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(), // raised | acknowledged | assigned | cleared
    actorId: uuid('actor_id'), // the account; null: the evaluator, or a token made for no person
    actorName: text('actor_name'), // the username, or 'evaluator'
    comment: text('comment'),
    assigneeId: uuid('assignee_id'),
  },
  (t) => [index('alarm_events_alarm_idx').on(t.alarmId, t.seq)],
);
