// One enterprise, one project and `count` enrolled devices with fresh Ed25519 keys, written
// straight into a migrated database: for tests of the storage path that need devices to exist
// (foreign keys) but not the enrollment flow.
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { keyIdOf, rawPublicKey } from '@edgenet/proto';
import type { Database } from '../../platform/src/db/index.js';
import { devices, enterprises, projects } from '../../platform/src/db/schema/index.js';
import { USCC } from './fixtures.js';

export interface SeedOptions {
  /** The devices' public keys, one device each; default: `count` new keys. */
  publicKeys?: KeyObject[];
  count?: number;
  heartbeatIntervalMs?: number;
}

/** The new devices' ids, in the order of `publicKeys`. */
export async function seedDevices(db: Database, { count = 1, publicKeys, heartbeatIntervalMs = 10_000 }: SeedOptions = {}): Promise<string[]> {
  const keys = publicKeys ?? Array.from({ length: count }, () => generateKeyPairSync('ed25519').publicKey);
  const [e] = await db.insert(enterprises).values({ name: '东莞精密制造有限公司', uscc: USCC[0], town: '松山湖' }).returning();
  const [p] = await db
    .insert(projects)
    .values({
      enterpriseId: e!.id,
      name: '视觉质检',
      totalInvestmentFen: 50_000_000,
      eligibleInvestmentFen: 40_000_000,
      windowStart: '2026-01-01',
      windowEnd: '2026-12-31',
    })
    .returning();
  const rows = keys.map((key) => {
    const raw = rawPublicKey(key);
    return {
      enterpriseId: e!.id,
      projectId: p!.id,
      kind: 'compute_box' as const,
      fingerprint: createHash('sha256').update(randomBytes(16)).digest('hex'),
      publicKey: raw,
      keyId: keyIdOf(raw),
      mqttPasswordHash: 'f'.repeat(64),
      inventory: {},
      agentVersion: 'test',
      heartbeatIntervalMs,
    };
  });
  return (await db.insert(devices).values(rows).returning({ id: devices.id })).map((d) => d.id);
}
