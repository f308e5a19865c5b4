import { char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// 企业: an enterprise that deploys edge hardware, identified by its unified social credit code.
export const enterprises = pgTable('enterprises', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  uscc: char('uscc', { length: 18 }).notNull().unique(), // GB 32100-2015, check character validated
  town: text('town').notNull(), // 镇街（园区）
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  // Archived, never deleted: past reports name it. Its tokens no longer enroll, it takes no new
  // projects or workstations, and new certification runs list its projects as not certifiable.
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});
