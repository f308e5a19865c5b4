// The platform's side of the witness (docs/witness.md): after every certification run, and once a
// day, it submits the tree heads of its four logs, each with a consistency proof from the newest head
// the witness cosigned, and keeps the cosignatures to hand out with its reports.
//   reports:    the report hash of every run, in sequence order;
//   audit:      the hash of every audit log entry, in seq order;
//   devices:    every enrollment and status change (device_log), in seq order (log-leaves.ts);
//   heartbeats: one leaf per closed device-day (heartbeat_log), appended by this submission.
// A refusal (409) means the log is not an extension of what the witness saw: a report withdrawn or
// the audit log cut or rewritten. It is logged as an error and never retried into acceptance; the
// next report then carries no cosignature, and a verifier holding the witness's key rejects it.
import { asc, desc } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { auditLog, certificationRuns, witnessCosignatures } from '../db/schema/index.js';
import { deviceLogEntries } from '../services/device-log.js';
import type { Cosignature, WitnessKey } from '../witness/cosignature.js';
import { cosignatureProblem } from '../witness/cosignature.js';
import { appendClosedDays, heartbeatLogEntries } from './heartbeat-log.js';
import { deviceEventLeaf } from './log-leaves.js';
import { consistencyProof, merkleRoot } from './merkle.js';
import { COUNTING_POLICY } from './policy.js';

export const WITNESSED_LOGS = ['reports', 'audit', 'devices', 'heartbeats'] as const;
export type WitnessedLog = (typeof WITNESSED_LOGS)[number];
const DAY_MS = 86_400_000;
const REQUEST_TIMEOUT_MS = 10_000;

export type SubmitOutcome = { log: WitnessedLog; ok: true; cosignature: Cosignature } | { log: WitnessedLog; ok: false; status: number | null; reason: string };

export class WitnessClient {
  readonly #db: Database;
  readonly #url: string;
  readonly #token: string;
  readonly #log: Logger;
  readonly #now: () => Date;
  #key: WitnessKey | undefined;
  #timer: NodeJS.Timeout | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #pending: Promise<SubmitOutcome[]> | undefined;

  constructor(db: Database, options: { url: string; token: string; now?: () => Date }, log: Logger) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#url = options.url.replace(/\/$/, '');
    this.#token = options.token;
    this.#log = log.child({ component: 'witness' });
  }

  /** Submits now, then once a day. */
  start(): void {
    void this.submit();
    this.#timer = setInterval(() => void this.submit(), DAY_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /**
   * Every log's current head, one submission at a time. A caller never shares a submission that
   * had already started: the report it has just stored must be in it. Callers that arrive while
   * one waits share that one, which starts after all of them called.
   */
  submit(): Promise<SubmitOutcome[]> {
    if (this.#pending) return this.#pending;
    const next = this.#queue.then(async () => {
      this.#pending = undefined;
      const out: SubmitOutcome[] = [];
      for (const log of WITNESSED_LOGS) out.push(await this.#submitLog(log));
      return out;
    });
    this.#pending = next;
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #submitLog(log: WitnessedLog): Promise<SubmitOutcome> {
    try {
      // Step 1: the witness's key (once) and its newest head of this log.
      this.#key ??= (await this.#request('GET', '/v1/key')).body as WitnessKey;
      const current = await this.#request('GET', `/v1/logs/${log}`);
      const last = current.status === 200 ? (current.body as Cosignature) : null;
      // Step 2: this log's leaves now, and the proof that they extend the witnessed ones.
      const leaves = await this.#leaves(log);
      if (last && last.size > leaves.length) {
        return this.#refused(log, null, `the witness cosigned ${last.size} leaves but the log has ${leaves.length}: entries were removed`);
      }
      const answer = await this.#request('POST', `/v1/logs/${log}/tree-heads`, {
        size: leaves.length,
        root: merkleRoot(leaves),
        proof: last ? consistencyProof(leaves, last.size) : [],
      });
      if (answer.status !== 200) {
        const error = (answer.body as { error?: { message?: string } }).error?.message ?? `HTTP ${answer.status}`;
        return this.#refused(log, answer.status, error);
      }
      // Step 3: keep the cosignature, once it is checked against the witness's key.
      const c = answer.body as Cosignature;
      const problem = cosignatureProblem(c, this.#key);
      if (problem) return this.#refused(log, answer.status, problem);
      await this.#db
        .insert(witnessCosignatures)
        .values({ keyId: c.keyId, log: c.log, size: c.size, root: c.root, signedAt: c.timestamp, signature: c.signature })
        .onConflictDoNothing();
      this.#log.info({ log, size: c.size }, 'tree head cosigned by the witness');
      return { log, ok: true, cosignature: c };
    } catch (err) {
      this.#log.warn({ err, log }, 'witness unreachable; the next submission will carry this log too');
      return { log, ok: false, status: null, reason: (err as Error).message };
    }
  }

  #refused(log: WitnessedLog, status: number | null, reason: string): SubmitOutcome {
    this.#log.error({ log, status, reason }, 'the witness refused the tree head');
    return { log, ok: false, status, reason };
  }

  async #leaves(log: WitnessedLog): Promise<string[]> {
    if (log === 'devices') return (await deviceLogEntries(this.#db)).map(deviceEventLeaf);
    if (log === 'heartbeats') {
      const appended = await appendClosedDays(this.#db, COUNTING_POLICY, this.#now());
      if (appended > 0) this.#log.info({ appended }, 'closed device-days appended to the heartbeats log');
      return (await heartbeatLogEntries(this.#db)).map((e) => e.leaf);
    }
    if (log === 'reports') {
      const rows = await this.#db.select({ h: certificationRuns.reportHash }).from(certificationRuns).orderBy(asc(certificationRuns.sequence));
      return rows.map((r) => r.h);
    }
    const rows = await this.#db.select({ h: auditLog.hash }).from(auditLog).orderBy(asc(auditLog.seq));
    return rows.map((r) => r.h);
  }

  async #request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.#url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.#token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: res.status, body: await res.json() };
  }
}

/**
 * The cosignatures a report is handed out with: per witness key, the smallest `reports` tree that
 * holds it and is still a prefix of the chain (a cosignature of a report since withdrawn is not
 * handed out with its replacement), the newest `audit`, `devices` and `heartbeats` trees, and the
 * newest `devices` tree the witness signed by `enrolledBy` (witnessedEnrollmentDeadline): the
 * devices the report may count.
 */
export async function cosignaturesFor(db: Database, sequence: number, enrolledBy?: string): Promise<Cosignature[]> {
  const rows = await db.select().from(witnessCosignatures).orderBy(asc(witnessCosignatures.size), desc(witnessCosignatures.receivedAt));
  const chain = (await db.select({ h: certificationRuns.reportHash }).from(certificationRuns).orderBy(asc(certificationRuns.sequence))).map((r) => r.h);
  const picked = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const slot = `${r.keyId}/${r.log}`;
    if (r.log === 'reports' && r.size >= sequence && !picked.has(slot) && r.size <= chain.length && merkleRoot(chain.slice(0, r.size)) === r.root)
      picked.set(slot, r);
    if (r.log !== 'reports') picked.set(slot, r); // ascending size: the last one wins
    if (r.log === 'devices' && enrolledBy !== undefined && r.signedAt <= enrolledBy) picked.set(`${slot}/by-window-end`, r);
  }
  return [...picked.values()].map((r) => ({ log: r.log, size: r.size, root: r.root, timestamp: r.signedAt, keyId: r.keyId, signature: r.signature }));
}
