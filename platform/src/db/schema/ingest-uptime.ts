import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// The platform's own record of when its ingest path was up: each instance marks every minute in
// which its broker accepted connections. Availability for a period is the share of its minutes
// with a mark (实施细则 art. 23: the operator is paid on service figures the platform reports).
export const ingestUptime = pgTable(
  'ingest_uptime',
  {
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    instance: text('instance').notNull(),
  },
  (t) => [primaryKey({ name: 'ingest_uptime_pk', columns: [t.minute, t.instance] })],
);
