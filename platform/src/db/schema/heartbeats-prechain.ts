import { bigint, boolean, jsonb, pgTable, primaryKey, real, timestamp, uuid } from 'drizzle-orm/pg-core';

// The decoded figures of heartbeats stored before the hash chain existed (heartbeats.body null),
// kept as they were when migration 0026 dropped those columns from heartbeats: for these rows no
// signed body exists to decode them from. Rows are only ever moved here by that migration, never
// written since (the table is append-nothing: edgenet_immutable() refuses updates and deletes), and
// the readers of recent heartbeats and of a device's newest one fall back to it (services/devices.ts,
// ingest/device-registry.ts). On a database made after the chain existed it is empty.
export const heartbeatsPrechain = pgTable(
  'heartbeats_prechain',
  {
    deviceId: uuid('device_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    deviceTime: timestamp('device_time', { withTimezone: true }).notNull(),
    clockUntrusted: boolean('clock_untrusted').notNull(),
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
    inferenceModels: jsonb('inference_models'),
    queueDepth: bigint('queue_depth', { mode: 'number' }),
    queueDropped: bigint('queue_dropped', { mode: 'number' }),
  },
  (t) => [primaryKey({ name: 'heartbeats_prechain_pk', columns: [t.deviceId, t.seq] })],
);
