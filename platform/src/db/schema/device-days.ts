import { bigint, customType, date, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices.js';

/** PostgreSQL bit(288), exchanged as a string of 288 '0'/'1' characters. */
const bits288 = customType<{ data: string; driverData: string }>({ dataType: () => 'bit(288)' });

// The per-device, per-day rollup that counting reads (issue #4): certifying a year for 6,000
// devices must not scan a year of raw heartbeats. Maintained in the same transaction as the
// heartbeat insert, from the rows actually inserted, so a redelivered heartbeat is never counted
// twice; merged in SQL (bitwise OR, sums), so concurrent writers cannot lose each other's bits.
// `day` is the calendar day in Asia/Shanghai; `buckets` has one bit per 5-minute bucket of that day
// (bit 1 = 00:00–00:05 local time, leftmost), set when a valid heartbeat was filed in it.
export const deviceDays = pgTable(
  'device_days',
  {
    deviceId: uuid('device_id').notNull().references(() => devices.id),
    day: date('day', { mode: 'string' }).notNull(),
    buckets: bits288('buckets').notNull(),
    heartbeats: integer('heartbeats').notNull(),
    lateHeartbeats: integer('late_heartbeats').notNull(), // filed by a trusted device clock, not receive time
    inferences: bigint('inferences', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'device_days_pk', columns: [t.deviceId, t.day] })],
);
