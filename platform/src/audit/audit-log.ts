// Appends to and verifies the audit log. Appends are serialized into one chain: within
// this process by a promise queue, and across platform instances on one PostgreSQL by a
// transaction-level advisory lock taken before reading the previous entry.
import { asc, count, desc, gt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { auditLog } from '../db/schema/index.js';
import { GENESIS_HASH, checkEntries, entryHash, type AuditFields, type ChainBreak, type StoredEntry } from './chain.js';

// Any constant distinct from the migration lock (db/index.ts); "edgenet" + 1.
const AUDIT_LOCK_KEY = '28539367893919093';
const VERIFY_PAGE = 1_000;

export type AuditInput = Omit<AuditFields, 'seq' | 'at'>;

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  firstBroken: ChainBreak | null;
}

export class AuditLog {
  readonly #db: Database;
  readonly #log: Logger;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(db: Database, log: Logger) {
    this.#db = db;
    this.#log = log;
  }

  append(input: AuditInput): Promise<StoredEntry> {
    const run = this.#tail.then(() => this.#appendNow(input));
    this.#tail = run.catch((err: unknown) =>
      this.#log.error({ err, audit: { method: input.method, route: input.route, status: input.status } }, 'audit append failed'),
    );
    return run;
  }

  async #appendNow(input: AuditInput): Promise<StoredEntry> {
    return this.#db.transaction(async (tx) => {
      await tx.execute(sql.raw(`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`));
      const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
      const fields: AuditFields = { ...input, seq: (last?.seq ?? 0) + 1, at: new Date() };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const entry: StoredEntry = { ...fields, prevHash, hash: entryHash(prevHash, fields) };
      await tx.insert(auditLog).values(entry);
      return entry;
    });
  }

  async list(limit: number, offset: number): Promise<{ items: StoredEntry[]; total: number }> {
    const [items, [total]] = await Promise.all([
      this.#db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(limit).offset(offset),
      this.#db.select({ n: count() }).from(auditLog),
    ]);
    return { items: items.map(toStored), total: total?.n ?? 0 };
  }

  /** Recomputes the whole chain from the first entry; reports the first broken one. */
  async verify(): Promise<VerifyResult> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    let lastSeen = 0;
    for (;;) {
      const page = (await this.#db.select().from(auditLog).where(gt(auditLog.seq, lastSeen)).orderBy(asc(auditLog.seq)).limit(VERIFY_PAGE)).map(toStored);
      if (page.length === 0) break;
      const broken = checkEntries(page, expectedSeq, prevHash);
      if (broken) return { ok: false, entries: entries + page.length, head: null, firstBroken: broken };
      const last = page[page.length - 1]!;
      entries += page.length;
      lastSeen = last.seq;
      expectedSeq = last.seq + 1;
      prevHash = last.hash;
    }
    return { ok: true, entries, head: entries > 0 ? { seq: expectedSeq - 1, hash: prevHash } : null, firstBroken: null };
  }
}

function toStored(row: typeof auditLog.$inferSelect): StoredEntry {
  return { ...row, actorKind: row.actorKind as StoredEntry['actorKind'], target: row.target as Record<string, string> };
}
