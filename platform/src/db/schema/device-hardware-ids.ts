import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices.js';

// The hardware identifiers the platform derived from each device's reported serials
// (enrollment/hardware-ids.ts): one row per identifier and device, written at enrollment and
// re-enrollment, never removed, so a serial once claimed stays claimed. Two devices sharing a row's
// hardware_id are the same hardware, whatever fingerprints they reported.
export const deviceHardwareIds = pgTable(
  'device_hardware_ids',
  {
    hardwareId: text('hardware_id').notNull(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'device_hardware_ids_pk', columns: [t.hardwareId, t.deviceId] }), index('device_hardware_ids_device_idx').on(t.deviceId)],
);
