import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices.js';

// Connection history: every online/offline transition of a device as presence decides it
// (ingest/presence.ts), with the cause and the address the device connected from. It is for the
// operator chasing a flapping device, not evidence: counting reads device_days, never this table.
export const deviceConnections = pgTable(
  'device_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    event: text('event', { enum: ['online', 'offline'] }).notNull(),
    cause: text('cause').notNull(),
    /** Address of the MQTT connection the transition belongs to; null when it is not known (a platform restart). */
    remoteAddress: text('remote_address'),
  },
  (t) => [index('device_connections_device_at_idx').on(t.deviceId, t.at)],
);
