import { bigint, boolean, customType, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Filing } from '../../ingest/filing.js';
import { devices } from './devices.js';
import { bytea } from './chain-anchors.js';

// The filing rule's outcome as a smallint (2 bytes) instead of its name as text (up to 18): the
// codes are fixed here, and the application sees the names.
const FILING_CODES: Readonly<Record<Filing, number>> = { received: 1, device_time: 2, untrusted_clock: 3, before_enrollment: 4 };
const FILING_NAMES = new Map(Object.entries(FILING_CODES).map(([name, code]) => [code, name as Filing]));
/** The filing a stored code stands for (raw SQL reads the smallint; drizzle maps it itself). */
export function filingName(code: number | string): Filing {
  const name = FILING_NAMES.get(Number(code));
  if (!name) throw new Error(`heartbeats.filing holds unknown code ${code}`);
  return name;
}
export const filingCode = customType<{ data: Filing; driverData: number | string }>({
  dataType: () => 'smallint',
  toDriver: (filing) => FILING_CODES[filing],
  fromDriver: filingName,
});

// The heartbeat time series. Where TimescaleDB is present, migrate.ts turns this into a hypertable
// on received_at (which then joins the primary key, as Timescale requires of unique indexes);
// (device_id, seq) stays unique in every storage mode through heartbeat_keys (heartbeat-keys.ts),
// and only the heartbeat writer (ingest/heartbeat-writer.ts) inserts here.
//
// The signed body is the record: every reported figure (uptime, CPU, memory, inference counters,
// queue, prev_hash, the device's clock) is read back from `body` with proto/'s decoder, never kept
// a second time in columns (docs/evidence.md "What is stored"). What stays beside it is what the
// platform decided or what counting, dedupe and ordering need without decoding: the receive and
// filed times, the filing, the inference delta the rollups sum, and the chain check. With the
// signature and key id each row is verifiable on its own, and the day's anchor can be rebuilt from
// rows. Column order is alignment order (PostgreSQL "Table Row Layout"): the 8-byte fields first,
// then the 2- and 1-byte ones, then the variable-length ones, so no padding sits between them.
export const heartbeats = pgTable(
  'heartbeats',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    // The time this heartbeat counts under (docs/evidence.md "Filing rule"): receive time, or the
    // device's own time for a late (queued) heartbeat from a device whose clock was trustworthy.
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    // Inferences since the previous heartbeat (the counter restarts with the agent), summed per day.
    inferenceDelta: bigint('inference_delta', { mode: 'number' }).notNull(),
    // The batch that stored the row (heartbeat_batches.id): how a fold after a crash finds the rows of
    // a batch not yet rolled up. Null on rows stored before rollups were deferred (all folded). The
    // ids grow with time, as the rows are appended, so a BRIN index finds a batch for a few pages.
    batchId: bigint('batch_id', { mode: 'number' }),
    filing: filingCode('filing').notNull(),
    /** prev_hash equals SHA-256 of this device's previous stored body; null when the chain (re)starts. */
    chainOk: boolean('chain_ok'),
    // The device's key id and Ed25519 signature over `body` (Envelope.signature). Null on rows stored
    // before the platform kept them (migration 0026): those rest on their day's anchor alone.
    keyId: text('key_id'),
    // The signed bytes (Envelope.body). Null only for rows stored before the chain existed, whose
    // decoded figures migration 0026 moved to heartbeats_prechain.
    body: bytea('body'),
    signature: bytea('signature'),
  },
  (t) => [primaryKey({ name: 'heartbeats_pk', columns: [t.deviceId, t.seq] }), index('heartbeats_batch_brin').using('brin', t.batchId)],
);
