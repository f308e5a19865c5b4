import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { deviceStatus } from './devices.js';

// The witnessed `devices` log (docs/witness.md): every enrollment, re-enrollment and status change
// of every device, in the order it happened, append-only (migration 0024's triggers refuse UPDATE,
// DELETE and TRUNCATE). Each row is one RFC 6962 leaf (certification/device-log.ts says how), so a
// device enrolled after the fact, or a status change removed, shows against the witness's head.
// Written by the enrollment insert and re-enroll paths and by services/device-lifecycle.ts, in the
// transaction that changes the device. No foreign key: the log must outlive any row it names.
export const deviceLog = pgTable(
  'device_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    deviceId: uuid('device_id').notNull(),
    // enroll, re-enroll, disable, enable, decommission, replace, move
    event: text('event').notNull(),
    status: deviceStatus('status').notNull(), // the device's status after the event
    enterpriseId: uuid('enterprise_id').notNull(),
    projectId: uuid('project_id').notNull(), // the device's project after the event
    publicKey: text('public_key'), // enroll and re-enroll: the key it enrolled with (raw Ed25519, base64url)
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('device_log_device_idx').on(t.deviceId, t.seq)],
);
