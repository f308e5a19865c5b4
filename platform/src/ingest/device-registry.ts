// What ingest and the broker need to know about a device, cached in memory: its credential hash,
// public key, enterprise and the last accepted heartbeat sequence. Loaded from the database on the
// first use and dropped on re-enrollment, so a device never authenticates against a stale entry.
//
// Loads are batched: every device asked for while the event loop turns is read with one statement
// for up to 1,000 devices (their rows, each one's newest heartbeat through the primary key and its
// open workstation mapping, joined laterally). A round trip costs the platform about 0.15 ms of CPU
// on this 2-core machine (docs/capacity.md); a restarted platform under 100,000 reconnecting devices
// otherwise makes several per CONNECT, and the reconnect storm waits on them.
import { createHash, type KeyObject } from 'node:crypto';
import { edge, publicKeyFromRaw } from '@edgenet/proto';
import { parseAttestationKey } from '../attestation/tpm-public.js';
import { sql } from 'drizzle-orm';
import { executeNamed, type Database } from '../db/index.js';
import { devices, type deviceStatus } from '../db/schema/index.js';
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
   * The newest seq accepted for the device. Loaded as the newer of devices.last_seq (which the
   * rollup fold advances, ingest/rollup/) and the newest stored heartbeat's seq; then advanced by
   * ingest as it accepts, so it runs ahead of the stored one by what is still queued.
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
  /**
   * Where the device is in its life (db/schema/devices.ts): only an `active` device connects and is
   * ingested. Set in place by setStatus the moment an operator changes it, so a message already on
   * its way through ingest is refused too.
   */
  status: DeviceStatus;
  /** The open workstation mapping: a reconnecting device that reports it again costs no write. */
  mapping: OpenMapping | null;
  /** The profile this process last stored from a hello: a reconnect that repeats it costs no write. */
  declared: StoredDeclaration | null;
}

export type DeviceStatus = (typeof deviceStatus.enumValues)[number];

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
   * The device's status changed (services/device-lifecycle.ts, or another worker said so): the
   * cached entry, if any, takes it in place, at once, and is then dropped so the next lookup reads
   * the rest of the row (its mapping, its project) again.
   */
  async setStatus(deviceId: string, status: DeviceStatus): Promise<void> {
    const entry = this.#cache.get(deviceId);
    this.#cache.delete(deviceId);
    const cached = await entry?.catch(() => null);
    if (cached) cached.status = status;
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
    // One statement: the rows, with the seq, chain head, inference total and filed time of each
    // one's newest stored heartbeat and its open workstation mapping beside it. A first connection
    // waits on it. devices.last_seq trails the newest stored seq until the rollup fold
    // (ingest/rollup/), so the newer of the two is the device's last seq.
    const rows = await executeNamed<LoadedRow>(
      this.#db,
      'load_devices',
      sql`
      select d.id, d.enterprise_id, d.mqtt_password_hash, d.public_key, d.heartbeat_interval_ms, d.last_seq, d.key_id,
             d.ak_public, d.hello_offset_ms, d.declared_sha256, d.enrolled_at, d.status,
             h.seq, h.inference_total, h.filed_at, h.body, m.codes, m.revision
        from ${devices} d
        left join lateral (
          select h.seq, p.inference_total, h.filed_at, h.body
            from heartbeats h left join heartbeats_prechain p on h.body is null and p.device_id = h.device_id and p.seq = h.seq
           where h.device_id = d.id order by h.seq desc limit 1
        ) h on true
        left join lateral (
          select array_agg(code) as codes, max(revision) as revision from workstation_mappings where device_id = d.id and valid_to is null
        ) m on true
       where d.id = any(${sql.param(ids)}::uuid[])`,
    );
    return new Map(rows.map((row) => [row.id, known(row)]));
  }
}

/** A devices row with its newest heartbeat and open mapping, as both drivers return them. */
interface LoadedRow {
  id: string;
  enterprise_id: string;
  mqtt_password_hash: string;
  public_key: string;
  heartbeat_interval_ms: number;
  last_seq: string | number;
  seq: string | number | null;
  key_id: string;
  ak_public: string | null;
  hello_offset_ms: string | number | null;
  declared_sha256: string | null;
  enrolled_at: Date | string;
  status: DeviceStatus;
  inference_total: string | number | null;
  filed_at: Date | string | null;
  body: Uint8Array | null;
  codes: string[] | null;
  revision: string | number | null;
}

function known(row: LoadedRow): KnownDevice {
  const ak = row.ak_public ? parseAttestationKey(Buffer.from(row.ak_public, 'base64')) : null;
  const helloOffsetMs = row.hello_offset_ms === null ? null : Number(row.hello_offset_ms);
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    passwordHash: row.mqtt_password_hash,
    publicKey: publicKeyFromRaw(row.public_key),
    heartbeatIntervalMs: Number(row.heartbeat_interval_ms),
    lastSeq: Math.max(Number(row.last_seq), Number(row.seq ?? 0)),
    keyId: row.key_id,
    helloOffsetMs,
    enrolledAtMs: new Date(row.enrolled_at).getTime(),
    status: row.status,
    // Judged at enrollment; a stored AK that no longer parses seals nothing.
    ak: ak && typeof ak !== 'string' ? ak.key : null,
    // From the newest signed body (the record, db/schema/heartbeats.ts), or the pre-chain figures.
    lastInferenceTotal: row.body ? inferenceTotalOf(row.body) : Number(row.inference_total ?? 0),
    lastFiledMs: row.filed_at === null ? 0 : new Date(row.filed_at).getTime(),
    lastBodyHash: row.body ? createHash('sha256').update(row.body).digest() : null,
    mapping: row.codes === null ? null : { codes: row.codes, revision: Number(row.revision) },
    // The last hello written, as stored: a restart does not make a repeated hello a write.
    declared: row.declared_sha256 !== null && helloOffsetMs !== null ? { profileSha256: row.declared_sha256, helloOffsetMs } : null,
  };
}

function inferenceTotalOf(body: Uint8Array): number {
  const inference = edge.v1.Heartbeat.decode(body).inference as edge.v1.InferenceCounters | null;
  return inference?.total ?? 0;
}
