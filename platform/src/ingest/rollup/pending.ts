// For readers that must see every stored heartbeat in device_days and chain_anchors (certification,
// the heartbeats log, a device-day's evidence): folds this process's rollups held in memory, then
// every batch still unfolded in the database, whoever wrote it, from its rows. An instance whose
// batches are folded here finds them gone at its own fold and drops that memory (flusher.ts).
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/index.js';
import type { Calendar } from '../../domain/calendar.js';
import { foldAllFromRows } from './fold.js';
import { LOCAL_FLUSHERS } from './flusher.js';

export async function foldPending(db: Database, calendar: Calendar): Promise<number> {
  // A flusher that cannot fold now (its database is away) is not waited for: its batches are in the
  // table, and the fold below takes them from their rows.
  for (const f of LOCAL_FLUSHERS) await f.flush().catch(() => undefined);
  return foldAllFromRows(db, calendar, sql`true`);
}
