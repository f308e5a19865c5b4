// The audit log's hash chain: entry n stores hash_n = SHA-256(hash_{n-1} || canonical(entry_n)),
// with hash_0 = 64 zeros. Editing an entry changes its hash; deleting one breaks the next entry's
// link and the gap-free sequence. Deleting the newest entries is only visible against a head
// (seq, hash) recorded elsewhere, which is why verify reports the head.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: Date;
  actorKind: 'account' | 'api_token' | 'enrollment_token' | 'anonymous';
  actorId: string | null;
  actorRole: string | null;
  /** The person's username; absent from entries written before accounts existed. */
  actorName: string | null;
  ip: string;
  method: string;
  route: string;
  target: Record<string, string>;
  status: number;
  detail: string | null;
}

/** One line of JSON with a fixed field order and sorted target keys: the same entry always hashes the same. */
export function canonicalEntry(e: AuditFields): string {
  const target = Object.fromEntries(Object.entries(e.target).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const fields = [e.seq, e.at.toISOString(), e.actorKind, e.actorId, e.actorRole, e.ip, e.method, e.route, target, e.status, e.detail];
  // Appended only when set, so every entry written before the column existed keeps its hash.
  return JSON.stringify(e.actorName === null || e.actorName === undefined ? fields : [...fields, e.actorName]);
}

export function entryHash(prevHash: string, e: AuditFields): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(e)).digest('hex');
}

export interface StoredEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks entries in seq order, continuing from (expectedSeq, prevHash). Returns the first break, or
 * null. Called page by page so a long log is verified in bounded memory.
 */
export function checkEntries(entries: readonly StoredEntry[], expectedSeq: number, prevHash: string): ChainBreak | null {
  let seq = expectedSeq;
  let prev = prevHash;
  for (const e of entries) {
    if (e.seq !== seq) return { seq, reason: `entry ${seq} is missing (the next stored entry is ${e.seq})` };
    if (e.prevHash !== prev) return { seq, reason: `entry ${seq} does not link to entry ${seq - 1} (prev_hash differs)` };
    if (entryHash(prev, e) !== e.hash) return { seq, reason: `entry ${seq} was altered: its contents do not match its hash` };
    prev = e.hash;
    seq += 1;
  }
  return null;
}
