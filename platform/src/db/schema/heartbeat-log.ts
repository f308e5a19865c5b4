import { bigserial, date, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// The witnessed `heartbeats` log (docs/witness.md): one leaf per closed device-day, the SHA-256 of
// its device-day evidence as GET /api/v1/devices/{id}/chain/{day} answers it (certification/
// heartbeat-log.ts), appended in (day, device id) order when the witness submission runs after the
// day has closed. Kept, not recomputed: the day's heartbeats rewritten afterwards no longer hash to
// it, and the row rewritten too no longer extends the witness's head. Append-only (migration 0024).
export const heartbeatLog = pgTable(
  'heartbeat_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    deviceId: uuid('device_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    leaf: text('leaf').notNull(), // 64 hex
    appendedAt: timestamp('appended_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('heartbeat_log_device_day').on(t.deviceId, t.day)],
);
