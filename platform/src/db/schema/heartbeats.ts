import { bigint, boolean, index, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices.js';
import { bytea } from './chain-anchors.js';

// The heartbeat time series. Where TimescaleDB is present, migrate.ts turns this into a hypertable
// on received_at (which then joins the primary key, as Timescale requires of unique indexes);
// (device_id, seq) stays unique in every storage mode through heartbeat_keys (heartbeat-keys.ts),
// and only the heartbeat writer (ingest/heartbeat-writer.ts) inserts here.
export const heartbeats = pgTable(
  'heartbeats',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    deviceTime: timestamp('device_time', { withTimezone: true }).notNull(),
    clockUntrusted: boolean('clock_untrusted').notNull(),
    // The time this heartbeat counts under (docs/evidence.md "Filing rule"): receive time, or the
    // device's own time for a late (queued) heartbeat from a device whose clock was trustworthy.
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    filing: text('filing', { enum: ['received', 'device_time', 'untrusted_clock', 'before_enrollment'] }).notNull(),
    uptimeS: bigint('uptime_s', { mode: 'number' }).notNull(),
    cpuPercent: real('cpu_percent').notNull(),
    memoryUsedBytes: bigint('memory_used_bytes', { mode: 'number' }).notNull(),
    memoryTotalBytes: bigint('memory_total_bytes', { mode: 'number' }).notNull(),
    diskUsedBytes: bigint('disk_used_bytes', { mode: 'number' }).notNull(),
    diskTotalBytes: bigint('disk_total_bytes', { mode: 'number' }).notNull(),
    temperatureC: real('temperature_c'),
    accelerator: jsonb('accelerator'),
    inferenceTotal: bigint('inference_total', { mode: 'number' }).notNull(),
    inferenceErrors: bigint('inference_errors', { mode: 'number' }).notNull(),
    // Inferences since the previous heartbeat (the counter restarts with the agent), summed per day.
    inferenceDelta: bigint('inference_delta', { mode: 'number' }).notNull(),
    inferenceModels: jsonb('inference_models'),
    // The agent's store-and-forward queue when the heartbeat was made: messages waiting, and messages
    // it has ever discarded for its size or age bound (agent/README.md). Null on rows stored before
    // the platform kept them. bigint: the proto fields are uint64 and decode.ts admits any safe integer.
    queueDepth: bigint('queue_depth', { mode: 'number' }),
    queueDropped: bigint('queue_dropped', { mode: 'number' }),
    // The signed bytes (Envelope.body) and the chain link they carry (docs/evidence.md). Null only for
    // rows stored before the chain existed.
    body: bytea('body'),
    prevHash: bytea('prev_hash'),
    /** prev_hash equals SHA-256 of this device's previous stored body; null when the chain (re)starts. */
    chainOk: boolean('chain_ok'),
    // The batch that stored the row (heartbeat_batches.id): how a fold after a crash finds the rows of
    // a batch not yet rolled up. Null on rows stored before rollups were deferred (all folded). The
    // ids grow with time, as the rows are appended, so a BRIN index finds a batch for a few pages.
    batchId: bigint('batch_id', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ name: 'heartbeats_pk', columns: [t.deviceId, t.seq] }),
    index('heartbeats_device_time_idx').on(t.deviceId, t.receivedAt),
    index('heartbeats_batch_brin').using('brin', t.batchId),
  ],
);
