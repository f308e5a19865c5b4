// Applies the versioned migrations in platform/drizzle, then the one step drizzle cannot express:
// turning heartbeats into a TimescaleDB hypertable where the extension is available.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { queryRows, type Database, type DatabaseHandle } from './index.js';

// Same relative path from src/db (tests) and dist/db (built).
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export type HeartbeatStorage = 'hypertable' | 'table';

export async function migrateDatabase(handle: DatabaseHandle, log: Logger): Promise<HeartbeatStorage> {
  return handle.withMigrationLock(async () => {
    await handle.migrate(MIGRATIONS_FOLDER);
    const storage = await ensureHypertable(handle.db);
    log.info({ backend: handle.backend, heartbeatStorage: storage }, 'database migrated');
    return storage;
  });
}

async function ensureHypertable(db: Database): Promise<HeartbeatStorage> {
  const available = await queryRows(db, sql`select 1 from pg_available_extensions where name = 'timescaledb'`);
  if (available.length === 0) return 'table';
  await db.execute(sql`create extension if not exists timescaledb`);
  const existing = await queryRows(db, sql`select 1 from timescaledb_information.hypertables where hypertable_name = 'heartbeats'`);
  if (existing.length > 0) return 'hypertable';
  // Timescale requires the partitioning column in every unique index, so (device_id, seq) alone is
  // no longer unique here: heartbeat_keys keeps it so (the heartbeat writer stores a heartbeat only
  // when its key is new; db/schema/heartbeat-keys.ts). On a plain table the writer dedupes by
  // heartbeats' own key and writes no keys, so those a plain table stored are copied in first.
  await db.execute(sql`insert into heartbeat_keys (device_id, seq) select device_id, seq from heartbeats on conflict do nothing`);
  await db.execute(sql`alter table heartbeats drop constraint heartbeats_pk`);
  await db.execute(sql`alter table heartbeats add constraint heartbeats_pk primary key (device_id, seq, received_at)`);
  await db.execute(sql`select create_hypertable('heartbeats', 'received_at', chunk_time_interval => interval '1 day', migrate_data => true)`);
  return 'hypertable';
}
