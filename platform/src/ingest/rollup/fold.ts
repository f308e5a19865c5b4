// Folding heartbeat batches into device_days, chain_anchors and devices (last_seq, last_seen_at,
// first_seen_at). A batch is folded exactly once because the fold deletes its heartbeat_batches row
// in the transaction that writes its rollups: two folders claiming the same batch are serialised on
// that row, and the second finds it gone [READ COMMITTED, DELETE re-checks a row it waited for].
import { sql, type SQL } from 'drizzle-orm';
import { executeNamed, queryRows, type Database } from '../../db/index.js';
import { chainAnchors, deviceDays, devices } from '../../db/schema/index.js';
import { filingName } from '../../db/schema/heartbeats.js';
import { unnestRows } from '../../db/unnest.js';
import type { Calendar } from '../../domain/calendar.js';
import { decodeSealed } from './sealed-blob.js';
import { RollupState } from './state.js';

/** Batches claimed by one fold transaction from the rows, at most: bounds one transaction's work. */
export const CLAIM_LIMIT = 200;

/** Writes a state's rollups; runs inside the transaction that claimed its batches. */
export async function applyRollup(tx: Database, state: RollupState): Promise<void> {
  const days = state.days();
  if (days.length > 0) {
    const d = unnestRows(deviceDays, ['deviceId', 'day', 'buckets', 'heartbeats', 'lateHeartbeats', 'inferences', 'tpmSeals'], days);
    // Merged in SQL (bitwise OR, sums): another instance's fold of the same device-day adds to it.
    await executeNamed(
      tx,
      'device_days_upsert',
      sql`
      insert into device_days (${d.columns}) select * from ${d.unnest}
      on conflict (device_id, day) do update
         set buckets = device_days.buckets | excluded.buckets,
             heartbeats = device_days.heartbeats + excluded.heartbeats,
             late_heartbeats = device_days.late_heartbeats + excluded.late_heartbeats,
             inferences = device_days.inferences + excluded.inferences,
             tpm_seals = device_days.tpm_seals + excluded.tpm_seals`,
    );
  }
  const anchors = state.anchors();
  if (anchors.length > 0) {
    // Keep the day's highest seq: a fold of an earlier part of the day must not replace it.
    const a = unnestRows(chainAnchors, ['deviceId', 'day', 'seq', 'body', 'signature', 'keyId'], anchors);
    await executeNamed(
      tx,
      'chain_anchors_upsert',
      sql`
      insert into chain_anchors (${a.columns}) select * from ${a.unnest}
      on conflict (device_id, day) do update
         set seq = excluded.seq, body = excluded.body, signature = excluded.signature, key_id = excluded.key_id
       where excluded.seq > chain_anchors.seq`,
    );
  }
  const seen = state.seen();
  if (seen.length > 0) {
    // Locked in id order, as presence.ts locks them: no deadlock between the two.
    const v = unnestRows(devices, ['id', 'lastSeq', 'lastSeenAt', 'firstSeenAt'], seen);
    await executeNamed(
      tx,
      'devices_update_seen',
      sql`
      update devices d
         set last_seq = greatest(d.last_seq, v.last_seq),
             last_seen_at = greatest(d.last_seen_at, v.last_seen_at),
             first_seen_at = least(d.first_seen_at, v.first_seen_at)
        from ${v.unnest} as v(id, last_seq, last_seen_at, first_seen_at)
       where d.id = v.id and d.id in (select id from devices where id = any(${sql.param(seen.map((s) => s.id))}::uuid[]) order by id for no key update)`,
    );
  }
}

/**
 * Claims the batches `which` selects (deleting their rows, skipping those another folder holds)
 * and folds them from their stored heartbeats, in one transaction; returns how many were claimed.
 */
export async function foldFromRows(db: Database, calendar: Calendar, which: SQL): Promise<number> {
  return db.transaction(async (tx) => {
    // Unnamed statements: `which` varies, and a fold from rows is the rare path (a crash, a reader).
    const claimed = await queryRows<{ id: string | number; sealed: Uint8Array }>(
      tx,
      sql`
      delete from heartbeat_batches
       where id in (select id from heartbeat_batches where ${which} order by id limit ${CLAIM_LIMIT} for update skip locked)
       returning id, sealed`,
    );
    if (claimed.length === 0) return 0;
    const ids = claimed.map((c) => Number(c.id));
    const sealed = new Set<string>();
    for (const c of claimed) for (const key of decodeSealed(c.sealed)) sealed.add(`${c.id}/${key}`);
    const rows = await queryRows<StoredRow>(
      tx,
      // The range lets the BRIN index on batch_id skip every block range outside it.
      sql`
      select device_id, seq, received_at, filed_at, filing, inference_delta, body, signature, key_id, batch_id from heartbeats
       where batch_id between ${Math.min(...ids)} and ${Math.max(...ids)} and batch_id = any(${sql.param(ids)}::bigint[])`,
    );
    const state = new RollupState(calendar);
    for (const r of rows) {
      const row = {
        deviceId: r.device_id,
        seq: Number(r.seq),
        receivedAt: new Date(r.received_at),
        filedAt: new Date(r.filed_at),
        filing: filingName(r.filing),
        inferenceDelta: Number(r.inference_delta),
        body: r.body ? Buffer.from(r.body) : null,
      };
      const signed = r.signature && r.key_id ? { signature: Buffer.from(r.signature), keyId: r.key_id } : undefined;
      state.add(row, signed && { ...signed, tpmSealed: sealed.has(`${r.batch_id}/${row.deviceId}/${row.seq}`) });
    }
    await applyRollup(tx, state);
    return claimed.length;
  });
}

/** Folds from their rows every batch `which` selects, as many transactions as it takes. */
export async function foldAllFromRows(db: Database, calendar: Calendar, which: SQL): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await foldFromRows(db, calendar, which);
    total += n;
    if (n < CLAIM_LIMIT) return total;
  }
}

interface StoredRow {
  device_id: string;
  seq: string | number;
  received_at: Date | string;
  filed_at: Date | string;
  filing: number | string; // the smallint code (db/schema/heartbeats.ts)
  inference_delta: string | number;
  body: Uint8Array | null;
  signature: Uint8Array | null;
  key_id: string | null;
  batch_id: string | number;
}
