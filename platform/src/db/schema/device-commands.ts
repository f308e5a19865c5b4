import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { devices } from './devices.js';
import { enterprises } from './enterprises.js';
import { COMMAND_KINDS, COMMAND_STATES } from '../../commands/kinds.js';

// Commands sent to devices and their device-signed results. One writer: commands/ledger.ts (the
// state and every transition, which also goes to device_command_events). The result is the device's
// Envelope kept as it came (body and Ed25519 signature, base64), so anyone holding the device's key
// can check later that the device itself said it was done.
export const deviceCommands = pgTable(
  'device_commands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    kind: text('kind', { enum: COMMAND_KINDS }).notNull(),
    /** The action's parameters as the API took them: { intervalMs } or { workstations }. */
    params: jsonb('params').notNull(),
    state: text('state', { enum: COMMAND_STATES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** After this the platform sends it no more, and without a result it is expired. */
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    /** Who sent it, as the audit log names them. */
    requestedBy: text('requested_by').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    resultDetail: text('result_detail'),
    /** What the device reported it serves after a set_workstations: { codes, revision }. */
    resultMapping: jsonb('result_mapping'),
    resultBody: text('result_body'),
    resultSignature: text('result_signature'),
    resultReceivedAt: timestamp('result_received_at', { withTimezone: true }),
  },
  (t) => [index('device_commands_device_idx').on(t.deviceId, t.createdAt), index('device_commands_open_idx').on(t.state, t.deadlineAt)],
);

// Every state a command passed through, with when and why: the history the operator sees.
export const deviceCommandEvents = pgTable(
  'device_command_events',
  {
    // In insert order: two transitions within one millisecond (an injected clock) still read in order.
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    commandId: uuid('command_id')
      .notNull()
      .references(() => deviceCommands.id),
    state: text('state', { enum: COMMAND_STATES }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    detail: text('detail'),
  },
  (t) => [index('device_command_events_command_idx').on(t.commandId, t.at)],
);
