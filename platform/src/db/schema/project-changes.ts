import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects.js';

// Who changed which declared figure of a project, from what to what, and when: investment figures
// and the assessment window feed the award (实施细则 art. 18), so every change is kept. Append-only:
// database triggers refuse UPDATE, DELETE and TRUNCATE (migration 0018_project_lifecycle). Written by
// services/projects.ts only.
export const projectChanges = pgTable(
  'project_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(), // the order they were written, also within one instant
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    field: text('field').notNull(), // totalInvestmentFen | eligibleInvestmentFen | windowStart | windowEnd | name
    oldValue: text('old_value'), // null: the project's first declaration
    newValue: text('new_value').notNull(),
    actorRole: text('actor_role').notNull(),
    actorId: uuid('actor_id'), // the account, else the API token
    actorName: text('actor_name'), // the person's username (null: a token made for no person)
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('project_changes_project_idx').on(t.projectId, t.at)],
);
