import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprises.js';

// 产线工位: workstation codes as the enterprise registers them; a node is counted per workstation
// (实施细则 art. 19 (3)), so a code is unique within its enterprise.
export const workstations = pgTable(
  'workstations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    code: text('code').notNull(),
    name: text('name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Archived (the line is gone), never deleted: mappings and past reports keep its code. A mapping
    // to it holds in a certification run only up to the day it was archived (certification/gather.ts).
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [unique('workstations_enterprise_code_uq').on(t.enterpriseId, t.code), index('workstations_enterprise_idx').on(t.enterpriseId)],
);
