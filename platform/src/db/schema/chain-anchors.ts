import { bigint, customType, date, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices.js';

export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

// One signed anchor per device per day (docs/evidence.md): the day's last heartbeat exactly as the
// device signed it. Its body carries prev_hash, so its signature vouches for every heartbeat of the
// chain before it; with the stored bodies, a verifier rebuilds the day from the device's own key.
export const chainAnchors = pgTable(
  'chain_anchors',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    day: date('day', { mode: 'string' }).notNull(), // the filed day, Asia/Shanghai
    seq: bigint('seq', { mode: 'number' }).notNull(),
    body: bytea('body').notNull(),
    signature: bytea('signature').notNull(),
    keyId: text('key_id').notNull(),
  },
  (t) => [primaryKey({ name: 'chain_anchors_pk', columns: [t.deviceId, t.day] })],
);
