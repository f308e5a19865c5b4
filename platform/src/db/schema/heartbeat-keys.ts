import { bigint, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

// Which (device, seq) are stored where heartbeats is a TimescaleDB hypertable: there heartbeats
// cannot keep (device_id, seq) as its primary key (a hypertable's unique indexes must contain the
// partitioning column, received_at), and a redelivered message has a new receive time; this plain
// table keeps the key. The heartbeat writer's statement inserts here first (`on conflict do nothing
// returning`): only the winners reach heartbeats and the rollups, so two instances storing the same
// redelivered message at once store and count it once. On a plain heartbeats table its own primary
// key does that and nothing is written here (rows from before stay; db/migrate.ts copies the keys
// in before it makes the hypertable). No foreign key: the heartbeats row inserted beside it in the
// same statement checks the device.
export const heartbeatKeys = pgTable(
  'heartbeat_keys',
  {
    deviceId: uuid('device_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'heartbeat_keys_pk', columns: [t.deviceId, t.seq] })],
);
