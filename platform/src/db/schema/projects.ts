import { bigint, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprises.js';

// A deployment project (应用项目). Money is integer fen everywhere, never a float (实施细则 art. 18).
// The investment figures and the window here are as declared (by the enterprise or the operator);
// a certification run counts with the latest approval in project_approvals, never with these.
// Written by services/projects.ts only; each change to a figure is kept in project_changes.
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    name: text('name').notNull(),
    totalInvestmentFen: bigint('total_investment_fen', { mode: 'number' }).notNull(),
    eligibleInvestmentFen: bigint('eligible_investment_fen', { mode: 'number' }).notNull(),
    windowStart: date('window_start', { mode: 'string' }).notNull(), // assessment window, inclusive
    windowEnd: date('window_end', { mode: 'string' }).notNull(), // inclusive
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Archived, never deleted: past reports point at it. No new enrollments, figures or approvals,
    // and new certification runs list it as not certifiable.
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [index('projects_enterprise_idx').on(t.enterpriseId)],
);
