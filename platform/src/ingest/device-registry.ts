// What ingest and the broker need to know about a device, cached in memory: its credential hash,
// public key, enterprise and the last accepted heartbeat sequence. Loaded from the database on the
// first use and dropped on re-enrollment, so a device never authenticates against a stale entry.
import { createHash, type KeyObject } from 'node:crypto';
import { publicKeyFromRaw } from '../auth/ed25519.js';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { devices, heartbeats } from '../db/schema/index.js';

export interface KnownDevice {
  id: string;
  enterpriseId: string;
  passwordHash: string;
  publicKey: KeyObject;
  heartbeatIntervalMs: number;
  lastSeq: number;
  /** Cumulative inference counter of the last accepted heartbeat (it restarts with the agent). */
  lastInferenceTotal: number;
  /** Filed time of the last accepted heartbeat (ms). */
  lastFiledMs: number;
  /** Device clock minus platform clock at the latest hello; null until one arrives. */
  helloOffsetMs: number | null;
  /** SHA-256 of the last accepted heartbeat body, the expected prev_hash of the next one. */
  lastBodyHash: Buffer | null;
  keyId: string;
}

export class DeviceRegistry {
  readonly #db: Database;
  readonly #cache = new Map<string, Promise<KnownDevice | null>>();

  constructor(db: Database) {
    this.#db = db;
  }

  get(deviceId: string): Promise<KnownDevice | null> {
    let entry = this.#cache.get(deviceId);
    if (!entry) {
      entry = this.#load(deviceId);
      this.#cache.set(deviceId, entry);
      // A miss is not cached: the device may be enrolled a moment later.
      entry.then((d) => d ?? this.#cache.delete(deviceId), () => this.#cache.delete(deviceId));
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

  async #load(deviceId: string): Promise<KnownDevice | null> {
    const [row] = await this.#db
      .select({
        id: devices.id,
        enterpriseId: devices.enterpriseId,
        passwordHash: devices.mqttPasswordHash,
        publicKey: devices.publicKey,
        heartbeatIntervalMs: devices.heartbeatIntervalMs,
        lastSeq: devices.lastSeq,
        keyId: devices.keyId,
        helloOffsetMs: devices.helloOffsetMs,
      })
      .from(devices)
      .where(eq(devices.id, deviceId))
      .limit(1);
    if (!row) return null;
    const [last] = await this.#db
      .select({ seq: heartbeats.seq, inferenceTotal: heartbeats.inferenceTotal, filedAt: heartbeats.filedAt, body: heartbeats.body })
      .from(heartbeats)
      .where(eq(heartbeats.deviceId, deviceId))
      .orderBy(desc(heartbeats.seq))
      .limit(1);
    return {
      ...row,
      // The batch writer may not have advanced devices.last_seq yet; the newest stored row is authoritative.
      lastSeq: Math.max(row.lastSeq, last?.seq ?? 0),
      publicKey: publicKeyFromRaw(row.publicKey),
      lastInferenceTotal: last?.inferenceTotal ?? 0,
      lastFiledMs: last?.filedAt.getTime() ?? 0,
      lastBodyHash: last?.body ? createHash('sha256').update(last.body).digest() : null,
    };
  }
}
