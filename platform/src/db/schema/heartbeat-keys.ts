import { bigint, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

// Which (device, seq) are stored: one row per heartbeat, and the key that makes a heartbeat unique
// in every storage mode. As a TimescaleDB hypertable, heartbeats cannot keep (device_id, seq) as
// its primary key (a hypertable's unique indexes must contain the partitioning column,
// received_at), and a redelivered message has a new receive time; this plain table keeps the key.
// The heartbeat writer inserts here first in its transaction (`on conflict do nothing returning`):
// only the winners reach heartbeats, device_days and chain_anchors, so two instances storing the
// same redelivered message at once store and count it once. No foreign key: the heartbeats row
// inserted beside it in the same transaction checks the device.
export const heartbeatKeys = pgTable(
  'heartbeat_keys',
  {
    deviceId: uuid('device_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'heartbeat_keys_pk', columns: [t.deviceId, t.seq] })],
);
