import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices.js';

// Fraud and integrity flags on a device, each with a reason and the evidence behind it.
// A disqualifying flag keeps the device out of certified counts until the operator resolves it;
// the resolution (who, why, when) is kept beside the flag, never in place of it.
export const deviceFlags = pgTable(
  'device_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    // The reason as a code and its values (ingest/flag-reasons.ts), for the dashboard to word in its
    // user's language; null on flags raised before migration 0023, which show \`reason\` as written.
    reasonCode: text('reason_code'),
    reasonParams: jsonb('reason_params').$type<Record<string, string | number>>(),
    evidence: jsonb('evidence').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    // Who resolved it, as project_approvals keeps it (services/actor.ts): the account, or a token
    // made for no person; and the person's name, so the record outlives the account.
    resolvedBy: uuid('resolved_by'),
    resolvedByName: text('resolved_by_name'),
    resolution: text('resolution'),
  },
  (t) => [index('device_flags_device_idx').on(t.deviceId), index('device_flags_open_idx').on(t.kind, t.resolvedAt)],
);
