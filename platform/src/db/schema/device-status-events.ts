import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { deviceStatus, devices } from './devices.js';

// Every change of a device's status, append-only and ordered by seq (database triggers refuse
// UPDATE, DELETE and TRUNCATE: migration 0016). Written only by services/device-lifecycle.ts, in the
// transaction that changes devices.status. `action` says which operation made it (disable, enable,
// decommission, replace, move; move keeps the status and names both projects); `related_device_id`
// links a replaced device and its replacement both ways. No foreign key to accounts: the log must
// outlive the people it names, whose username is kept beside their id.
export const deviceStatusEvents = pgTable(
  'device_status_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    action: text('action').notNull(),
    fromStatus: deviceStatus('from_status').notNull(),
    toStatus: deviceStatus('to_status').notNull(),
    reason: text('reason').notNull(),
    relatedDeviceId: uuid('related_device_id'),
    fromProjectId: uuid('from_project_id'),
    toProjectId: uuid('to_project_id'),
    actorAccountId: uuid('actor_account_id'),
    actorName: text('actor_name'),
    actorTokenId: uuid('actor_token_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('device_status_events_device_idx').on(t.deviceId, t.seq)],
);
