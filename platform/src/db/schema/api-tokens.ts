import { boolean, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprises.js';

export const role = pgEnum('role', ['operator', 'bureau', 'enterprise']);

// Bearer tokens for automation; stored as SHA-256 of a 256-bit random secret. Every token expires
// (EDGENET_TOKEN_DEFAULT_DAYS, at most EDGENET_TOKEN_MAX_DAYS). last_used_at is refreshed at most
// once a minute per token (auth/principal.ts), so a busy script costs no write per request.
// Writers: services/tokens.ts and auth/bootstrap.ts.
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  role: role('role').notNull(),
  enterpriseId: uuid('enterprise_id').references(() => enterprises.id), // set exactly when role = enterprise
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** Manages accounts and tokens; only the first operator token, made at the first start. */
  admin: boolean('admin').notNull().default(false),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  /** The person the token acts for (may list and revoke it); null for the first operator token. */
  accountId: uuid('account_id'),
  /** The account that created it; null when made at the first start. */
  createdBy: uuid('created_by'),
});
