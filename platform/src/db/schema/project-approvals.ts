import { bigserial, bigint, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects.js';

// The award inputs of a project as approved by the operator or the bureau: a snapshot of the
// declared figures at the moment of approval. A certification run counts with the latest one and
// names its approver; a project with none is not certifiable. Append-only (triggers, migration
// project_lifecycle). Written by services/project-approvals.ts only.
export const projectApprovals = pgTable(
  'project_approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(), // the order they were written, also within one instant
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    totalInvestmentFen: bigint('total_investment_fen', { mode: 'number' }).notNull(),
    eligibleInvestmentFen: bigint('eligible_investment_fen', { mode: 'number' }).notNull(),
    windowStart: date('window_start', { mode: 'string' }).notNull(),
    windowEnd: date('window_end', { mode: 'string' }).notNull(),
    approvedRole: text('approved_role').notNull(), // operator | bureau
    approvedById: uuid('approved_by_id'), // the account, else the API token
    approvedByName: text('approved_by_name'), // the person's username (null: a token made for no person)
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('project_approvals_project_idx').on(t.projectId, t.approvedAt)],
);
