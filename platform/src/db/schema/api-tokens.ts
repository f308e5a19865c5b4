import { pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprises.js';

export const role = pgEnum('role', ['operator', 'bureau', 'enterprise']);

// Bearer tokens for the HTTP API; stored as SHA-256 of a 256-bit random secret.
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  role: role('role').notNull(),
  enterpriseId: uuid('enterprise_id').references(() => enterprises.id), // set exactly when role = enterprise
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
