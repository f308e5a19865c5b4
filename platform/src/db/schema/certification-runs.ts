import { date, integer, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiTokens } from './api-tokens.js';

// A certification run, stored once and never changed. `body` is the canonical result
// (deterministic for the same data, policy and window); `attestation` binds its hash to the run id,
// time, the previous run's report hash (a chain: a withdrawn or rewritten run breaks it) and the
// signing key; `signature` is Ed25519 over the canonical attestation.
export const certificationRuns = pgTable('certification_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  sequence: serial('sequence').notNull().unique(), // chain order
  windowStart: date('window_start', { mode: 'string' }).notNull(),
  windowEnd: date('window_end', { mode: 'string' }).notNull(),
  policyVersion: text('policy_version').notNull(),
  body: text('body').notNull(), // canonical JSON, stored as text so its bytes never change
  bodyHash: text('body_hash').notNull(),
  evidence: text('evidence').notNull(), // JSON lines, one device per line, leaves of evidenceRoot
  attestation: text('attestation').notNull(), // canonical JSON
  reportHash: text('report_hash').notNull(), // SHA-256 of attestation bytes: what the next run links to
  signature: text('signature').notNull(), // base64url
  keyId: text('key_id').notNull(),
  createdBy: uuid('created_by').references(() => apiTokens.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  devices: integer('devices').notNull(),
  certifiedNodes: integer('certified_nodes').notNull(),
  summary: jsonb('summary').notNull(),
});
