import { index, inet, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects.js';
import { apiTokens } from './api-tokens.js';
import { accounts } from './accounts.js';

// Enrollment tokens are shown once and stored only as SHA-256 (they are 256-bit random values).
export const enrollmentTokens = pgTable(
  'enrollment_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    tokenHash: text('token_hash').notNull().unique(),
    maxUses: integer('max_uses').notNull(),
    uses: integer('uses').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => apiTokens.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // The person who issued it (a session has no api token): null for tokens issued before accounts.
    createdByAccount: uuid('created_by_account').references(() => accounts.id),
    // A revoked token is refused at the next enrollment (enrollment/token.ts); set once, by services/enrollment-tokens.ts.
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => accounts.id),
  },
  (t) => [index('enrollment_tokens_project_idx').on(t.projectId)],
);

// Every use of a token is recorded, successful or not, with where it came from.
export const enrollmentTokenUses = pgTable('enrollment_token_uses', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenId: uuid('token_id')
    .notNull()
    .references(() => enrollmentTokens.id),
  deviceId: uuid('device_id'),
  remoteAddress: inet('remote_address'),
  usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
});
