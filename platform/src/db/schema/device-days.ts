import { bigint, customType, date, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { COUNTING_POLICY } from '../../certification/policy.js';
import { calendarOf } from '../../domain/calendar.js';
import { devices } from './devices.js';

/**
 * One bit per online bucket of a day, from the shipped policy's calendar: 288 for 5-minute buckets.
 * A policy with another bucket length needs a new migration (platform/test/calendar.test.ts
 * compares the migrated column with the calendar), and the writer refuses a calendar that differs.
 */
export const DEVICE_DAY_BUCKETS = calendarOf(COUNTING_POLICY).bucketsPerDay;

/** PostgreSQL bit(DEVICE_DAY_BUCKETS), exchanged as a string of that many '0'/'1' characters. */
const dayBits = customType<{ data: string; driverData: string }>({ dataType: () => `bit(${DEVICE_DAY_BUCKETS})` });

// The per-device, per-day rollup that counting reads: certifying a year for 6,000
// devices must not scan a year of raw heartbeats. Maintained in the same transaction as the
// heartbeat insert, from the heartbeats whose key was new (heartbeat-keys.ts), so a redelivered
// heartbeat is never counted twice; merged in SQL (bitwise OR, sums), so concurrent writers cannot lose each other's bits.
// `day` is the calendar day in Asia/Shanghai; `buckets` has one bit per bucket of that day (5 minutes)
// (bit 1 = 00:00–00:05 local time, leftmost), set when a valid heartbeat was filed in it.
export const deviceDays = pgTable(
  'device_days',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    day: date('day', { mode: 'string' }).notNull(),
    buckets: dayBits('buckets').notNull(),
    heartbeats: integer('heartbeats').notNull(),
    lateHeartbeats: integer('late_heartbeats').notNull(), // filed by a trusted device clock, not receive time
    inferences: bigint('inferences', { mode: 'number' }).notNull(),
    // Heartbeats of the day carrying a TPM seal that verified at ingest with the device's AK (docs/tpm.md).
    tpmSeals: integer('tpm_seals').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'device_days_pk', columns: [t.deviceId, t.day] })],
);
