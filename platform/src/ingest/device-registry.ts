// What ingest and the broker need to know about a device, cached in memory: its credential hash,
// public key, enterprise and the last accepted heartbeat sequence. Loaded from the database on the
// first use and dropped on re-enrollment, so a device never authenticates against a stale entry.
//
// Loads are batched: every device asked for while the event loop turns is read with three queries
// for up to 1,000 devices (their rows, each one's newest heartbeat through the primary key, their
// open workstation mappings). Each query costs the platform about 0.15 ms of CPU on this 2-core
// machine; a restarted platform under 100,000 reconnecting devices otherwise makes several per
// CONNECT, and the reconnect storm waits on them.
import { createHash, type KeyObject } from 'node:crypto';
import { publicKeyFromRaw } from '@edgenet/proto';
import { parseAttestationKey } from '../attestation/tpm-public.js';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';
import { devices } from '../db/schema/index.js';
import type { StoredDeclaration } from './device-profile.js';
import type { OpenMapping } from './workstation-mapping.js';

const BATCH = 1_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Waiting {
  resolve: (d: KnownDevice | null) => void;
  reject: (err: unknown) => void;
}

export interface KnownDevice {
  id: string;
  enterpriseId: string;
  passwordHash: string;
  publicKey: KeyObject;
  heartbeatIntervalMs: number;
  /**
   * The newest seq accepted for the device. Loaded from devices.last_seq, which only the heartbeat
   * writer sets, in the transaction that stores the heartbeat; then advanced by ingest as it
   * accepts, so it runs ahead of the stored one by what is still queued.
   */
  lastSeq: number;
  /** Cumulative inference counter of the last accepted heartbeat (it restarts with the agent). */
  lastInferenceTotal: number;
  /** Filed time of the last accepted heartbeat (ms). */
  lastFiledMs: number;
  /** Device clock minus platform clock at the latest hello; null until one arrives. */
  helloOffsetMs: number | null;
  /** When the device was first enrolled (ms): heartbeats dated before it never count (filing.ts). */
  enrolledAtMs: number;
  /** SHA-256 of the last accepted heartbeat body, the expected prev_hash of the next one. */
  lastBodyHash: Buffer | null;
  keyId: string;
  /** The TPM attestation key of a `tpm` device, which seals its heartbeats (docs/tpm.md); else null. */
  ak: KeyObject | null;
  /** The open workstation mapping: a reconnecting device that reports it again costs no write. */
  mapping: OpenMapping | null;
  /** The profile this process last stored from a hello: a reconnect that repeats it costs no write. */
  declared: StoredDeclaration | null;
}

export class DeviceRegistry {
  readonly #db: Database;
  readonly #cache = new Map<string, Promise<KnownDevice | null>>();
  #pending = new Map<string, Waiting[]>();

  constructor(db: Database) {
    this.#db = db;
  }

  get(deviceId: string): Promise<KnownDevice | null> {
    let entry = this.#cache.get(deviceId);
    if (!entry) {
      entry = this.#load(deviceId);
      this.#cache.set(deviceId, entry);
      // A miss is not cached: the device may be enrolled a moment later.
      entry.then(
        (d) => d ?? this.#cache.delete(deviceId),
        () => this.#cache.delete(deviceId),
      );
    }
    return entry;
  }

  forget(deviceId: string): void {
    this.#cache.delete(deviceId);
  }

  /**
   * Re-reads what the database knows of the device into the cached entry, in place. With several
   * platform instances splitting one device's messages (external broker mode), another instance
   * may have accepted heartbeats this one did not see.
   */
  async refresh(device: KnownDevice): Promise<void> {
    const fresh = await this.#load(device.id);
    if (fresh) Object.assign(device, fresh, { helloOffsetMs: fresh.helloOffsetMs ?? device.helloOffsetMs });
  }

  #load(deviceId: string): Promise<KnownDevice | null> {
    // Not a device id at all (a stranger's CONNECT): nothing to ask the database.
    if (!UUID.test(deviceId)) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const waiting = this.#pending.get(deviceId);
      if (waiting) waiting.push({ resolve, reject });
      else this.#pending.set(deviceId, [{ resolve, reject }]);
      if (this.#pending.size === 1 && !waiting) setImmediate(() => void this.#loadPending());
    });
  }

  async #loadPending(): Promise<void> {
    const pending = this.#pending;
    this.#pending = new Map();
    const ids = [...pending.keys()];
    for (let i = 0; i < ids.length; i += BATCH) {
      const slice = ids.slice(i, i + BATCH);
      try {
        const found = await this.#loadMany(slice);
        for (const id of slice) for (const w of pending.get(id)!) w.resolve(found.get(id) ?? null);
      } catch (err) {
        for (const id of slice) for (const w of pending.get(id)!) w.reject(err);
      }
    }
  }

  async #loadMany(ids: string[]): Promise<Map<string, KnownDevice>> {
    const rows = await this.#db
      .select({
        id: devices.id,
        enterpriseId: devices.enterpriseId,
        passwordHash: devices.mqttPasswordHash,
        publicKey: devices.publicKey,
        heartbeatIntervalMs: devices.heartbeatIntervalMs,
        lastSeq: devices.lastSeq,
        keyId: devices.keyId,
        akPublic: devices.akPublic,
        helloOffsetMs: devices.helloOffsetMs,
        declaredSha256: devices.declaredSha256,
        enrolledAt: devices.enrolledAt,
      })
      .from(devices)
      .where(sql`${devices.id} = any(${sql.param(ids)}::uuid[])`);
    if (rows.length === 0) return new Map();
    const enrolled = sql`${sql.param(rows.map((r) => r.id))}::uuid[]`;
    // The chain head, inference total and filed time of the newest stored heartbeat (its seq is
    // devices.last_seq: the writer advances both in one transaction).
    const last = await queryRows<{ device_id: string; inference_total: string | number; filed_at: Date | string; body: Uint8Array | null }>(
      this.#db,
      sql`
      select h.device_id, h.inference_total, h.filed_at, h.body
        from unnest(${enrolled}) as d(id)
        cross join lateral (
          select device_id, inference_total, filed_at, body from heartbeats where device_id = d.id order by seq desc limit 1
        ) h`,
    );
    const newest = new Map(last.map((h) => [h.device_id, h]));
    const open = await queryRows<{ device_id: string; code: string; revision: number }>(
      this.#db,
      sql`
      select device_id, code, revision from workstation_mappings
       where device_id = any(${enrolled}) and valid_to is null`,
    );
    const mappings = new Map<string, { codes: string[]; revision: number }>();
    for (const m of open) {
      const entry = mappings.get(m.device_id) ?? { codes: [], revision: 0 };
      entry.codes.push(m.code);
      entry.revision = Math.max(entry.revision, Number(m.revision));
      mappings.set(m.device_id, entry);
    }
    return new Map(
      rows.map(({ enrolledAt, akPublic, declaredSha256, ...row }) => {
        const ak = akPublic ? parseAttestationKey(Buffer.from(akPublic, 'base64')) : null;
        const h = newest.get(row.id);
        return [
          row.id,
          {
            ...row,
            enrolledAtMs: enrolledAt.getTime(),
            publicKey: publicKeyFromRaw(row.publicKey),
            // Judged at enrollment; a stored AK that no longer parses seals nothing.
            ak: ak && typeof ak !== 'string' ? ak.key : null,
            lastInferenceTotal: Number(h?.inference_total ?? 0),
            lastFiledMs: h ? new Date(h.filed_at).getTime() : 0,
            lastBodyHash: h?.body ? createHash('sha256').update(h.body).digest() : null,
            mapping: mappings.get(row.id) ?? null,
            // The last hello written, as stored: a restart does not make a repeated hello a write.
            declared: declaredSha256 !== null && row.helloOffsetMs !== null ? { profileSha256: declaredSha256, helloOffsetMs: row.helloOffsetMs } : null,
          },
        ];
      }),
    );
  }
}
