import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './chain-anchors.js';

// The heartbeat batches committed but not yet folded into device_days, chain_anchors and the
// devices' last_seq / last_seen_at / first_seen_at (ingest/rollup/). The batch's own INSERT writes
// its row, in the same statement as its heartbeats (each carrying the id in heartbeats.batch_id),
// and the fold that applies the batch deletes the row in the same transaction as the rollup writes:
// whoever deletes a batch's row counts it, so no batch is counted twice nor, after a crash, never.
// No foreign key and no index beyond the key: a row lives one rollup period (30 s by default).
export const heartbeatBatches = pgTable('heartbeat_batches', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  // Who wrote it (EDGENET_INSTANCE_ID): a restarted instance folds its earlier life's batches at once.
  instanceId: text('instance_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  // What the heartbeats rows do not hold and the fold needs: which of them had a TPM seal verified
  // at ingest (rollup/sealed-blob.ts; empty in a batch with none). Without it a crash between commit
  // and fold would leave the day's tpm_seals short.
  sealed: bytea('sealed').notNull(),
});
