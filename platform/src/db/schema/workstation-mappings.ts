import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices.js';
import { enterprises } from './enterprises.js';
import { workstations } from './workstations.js';

// Which workstation a device serves, as a history: a mapping is open while validTo is null.
// Counting (实施细则 art. 19 (3)) needs how long each mapping held, not only the latest one.
export const workstationMappings = pgTable(
  'workstation_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    code: text('code').notNull(),
    workstationId: uuid('workstation_id').references(() => workstations.id), // null: not registered
    revision: bigint('revision', { mode: 'number' }).notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
  },
  (t) => [index('workstation_mappings_device_idx').on(t.deviceId, t.validTo), index('workstation_mappings_ws_idx').on(t.workstationId)],
);
