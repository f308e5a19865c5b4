import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

// Browser sessions: the cookie holds a 256-bit secret, the table only its SHA-256
// (auth/secrets.ts), so a copy of the database signs nobody in. A session ends at the first of
// expires_at (absolute), last_seen_at + the idle limit, or revoked_at (sign-out, sign-out
// everywhere, a password reset). One writer: services/sessions.ts.
export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  secretHash: text('secret_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(), // refreshed at most once a minute
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  ip: text('ip').notNull(),
});
