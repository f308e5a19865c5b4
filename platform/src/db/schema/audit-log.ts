import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Append-only record of every write to the API: who, what, when, from where. Each row
// carries hash = SHA-256(prev_hash || canonical entry), so a deleted or edited row breaks the
// chain (audit/chain.ts). Database triggers refuse UPDATE, DELETE and TRUNCATE (migration
// 0002_audit_log_append_only). No foreign keys: the log must outlive anything it mentions.
export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(), // 1, 2, 3, … without gaps, assigned under a lock
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorKind: text('actor_kind').notNull(), // session | api_token | enrollment_token | anonymous
  actorId: uuid('actor_id'), // the session's account, the token, or the enrollment token
  actorRole: text('actor_role'),
  actorName: text('actor_name'), // the person's username (a session, or a token made for a person)
  ip: text('ip').notNull(),
  method: text('method').notNull(),
  route: text('route').notNull(), // the route pattern, e.g. /api/v1/projects/:id/enrollment-tokens
  target: jsonb('target').notNull(), // ids only: route params and the id of what was created
  status: integer('status').notNull(),
  detail: text('detail'), // the refusal message for a 4xx/5xx
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull().unique(),
});
