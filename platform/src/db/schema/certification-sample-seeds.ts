import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiTokens } from './api-tokens.js';
import { certificationRuns } from './certification-runs.js';

// The bureau's random value for a run's on-site sample (commit then reveal): submitted once, after
// the report is signed, by a bureau token; the sample is drawn from the report hash and this value
// (certification/report.ts drawSample). Written once and never changed (migration 0012's trigger).
export const certificationSampleSeeds = pgTable('certification_sample_seeds', {
  runId: uuid('run_id')
    .primaryKey()
    .references(() => certificationRuns.id),
  bureauValue: text('bureau_value').notNull(), // 64 lowercase hex characters (32 random bytes)
  submittedBy: uuid('submitted_by').references(() => apiTokens.id),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
});
