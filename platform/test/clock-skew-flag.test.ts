// clock_skew disqualifies a device in certification, so it is raised only for a clock that stays
// wrong: skewed beyond maxSkew without a break for policy.clock.skewFlagAfterMs (10 min). A brief
// jump (+1 h for 30 s) costs nothing, since those heartbeats are filed at receive time anyway. And a
// flag is raised only after its heartbeat is queued: a database that cannot take the flag neither
// holds up nor loses the heartbeat, and the flag is written once the database answers.
import { PUBLISHED_POLICIES } from '../src/certification/published-policies.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeHeartbeat, sealedPayload } from '@edgenet/proto';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { SkewTracker, skewStep } from '../src/ingest/skew-tracker.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { holdTables, refuseConnections } from '../../test/helpers/database-fault.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const AFTER = COUNTING_POLICY.clock.skewFlagAfterMs;
const HOUR = 3_600_000;

describe('the persistence rule (injected receive times)', () => {
  it('is 10 minutes in policy v2, and in v3 in force now', () => {
    expect(AFTER).toBe(10 * 60_000);
    expect(PUBLISHED_POLICIES['edgenet-counting-v2']!.clock.skewFlagAfterMs).toBe(10 * 60_000);
    expect(COUNTING_POLICY.version).toBe('edgenet-counting-v4');
  });

  it('does not flag a +1 h jump that lasts 30 s, and starts a new streak after it', () => {
    const t = new SkewTracker(AFTER);
    const t0 = 1_700_000_000_000;
    const flags = [0, 10_000, 20_000].map((dt) => t.observe('d', true, t0 + dt));
    expect(flags).toEqual([false, false, false]);
    expect(t.since('d')).toBe(t0);
    expect(t.observe('d', false, t0 + 30_000)).toBe(false);
    expect(t.since('d')).toBeNull();
    // Long after the first jump, a second one is a new streak: the two are not added up.
    expect(t.observe('d', true, t0 + AFTER + 40_000)).toBe(false);
    expect(t.since('d')).toBe(t0 + AFTER + 40_000);
  });

  it('flags a clock skewed without a break for the whole duration, from then on', () => {
    const t = new SkewTracker(AFTER);
    const t0 = 1_700_000_000_000;
    const at = (ms: number) => t.observe('d', true, t0 + ms);
    expect(at(0)).toBe(false);
    expect(at(AFTER - 1)).toBe(false);
    expect(at(AFTER)).toBe(true);
    expect(at(AFTER + 10_000)).toBe(true);
    // Devices are independent.
    expect(t.observe('other', true, t0 + AFTER)).toBe(false);
  });

  it('is one pure step per heartbeat', () => {
    expect(skewStep(null, false, 5, 10)).toEqual({ sinceMs: null, flag: false });
    expect(skewStep(null, true, 5, 10)).toEqual({ sinceMs: 5, flag: false });
    expect(skewStep(5, true, 14, 10)).toEqual({ sinceMs: 5, flag: false });
    expect(skewStep(5, true, 15, 10)).toEqual({ sinceMs: 5, flag: true });
    expect(skewStep(5, false, 15, 10)).toEqual({ sinceMs: null, flag: false });
  });
});

let tp: TestPlatform;
let seeded: Seeded;
beforeAll(async () => {
  tp = await startTestPlatform();
  seeded = await seedEnterprise(tp);
});
afterAll(() => tp?.close());

/**
 * The items of a list. Right after PostgreSQL accepts connections again the pool may still hold a
 * connection the server ended, and the one request that meets it is answered 503
 * EDGENET_ERR_DATABASE_UNAVAILABLE (as designed): that is "not yet", so waits poll again; any
 * other failure is one.
 */
async function itemsOf<T>(path: string): Promise<T[] | null> {
  const res = await tp.api('GET', path);
  if (res.status === 503 && res.body?.code === 'EDGENET_ERR_DATABASE_UNAVAILABLE') return null;
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as T[];
}
const flagsOf = async (d: TestDevice) => (await itemsOf<{ kind: string; evidence: Record<string, unknown> }>(`/api/v1/flags?deviceId=${d.deviceId}`)) ?? [];
const storedCount = async (d: TestDevice) => (await itemsOf(`/api/v1/devices/${d.deviceId}/heartbeats?limit=100`))?.length ?? -1;

/** A heartbeat sealed with the device's key, as the agent sends it. */
const heartbeatPayload = (d: TestDevice, seq: number, deviceTimeMs: number) =>
  sealedPayload(
    encodeHeartbeat({
      seq,
      deviceTimeMs,
      uptimeS: seq,
      cpuPercent: 10,
      memoryUsedBytes: 1e9,
      memoryTotalBytes: 4e9,
      diskUsedBytes: 1e10,
      diskTotalBytes: 6e10,
      inference: { total: seq, errors: 0 },
    }),
    d.privateKey,
  );

it('does not flag a device whose clock jumps +1 h for 30 s (through the broker)', async () => {
  const d = await enrollTestDevice(tp, seeded.token);
  const client = await d.connect();
  await d.hello(client);
  await d.heartbeat(client, 1);
  for (const seq of [2, 3, 4]) await d.heartbeat(client, seq, { deviceTimeMs: Date.now() + HOUR });
  await d.heartbeat(client, 5);
  // Each PUBACK came after its row was committed, and (before this rule) after the flag was written.
  expect(await storedCount(d)).toBe(5);
  expect(await flagsOf(d)).toEqual([]);
});

describe('a clock skewed for longer than the policy allows', () => {
  // Receive times are handed to ingest directly, 1 min apart, so 11 minutes pass in a moment.
  async function skewedFor11Minutes(d: TestDevice) {
    const { ingest } = tp.platform.context;
    const t0 = Date.now();
    const outcomes: string[] = [];
    for (let i = 0; i <= 11; i++) {
      const receivedAt = new Date(t0 + i * 60_000);
      outcomes.push((await ingest.handle(d.deviceId, 'heartbeat', heartbeatPayload(d, i + 2, receivedAt.getTime() + HOUR), receivedAt)).outcome);
    }
    return outcomes;
  }

  async function connected() {
    const d = await enrollTestDevice(tp, seeded.token);
    const client = await d.connect();
    await d.hello(client);
    await d.heartbeat(client, 1);
    return d;
  }

  it('is flagged once, after its heartbeats were queued, while the flags table is locked', async () => {
    const d = await connected();
    const { writer, flags } = tp.platform.context;
    const release = await holdTables(tp, ['device_flags']);
    try {
      const outcomes = await Promise.race([skewedFor11Minutes(d), sleep(10_000).then(() => 'ingest waited for the flag write')]);
      expect(outcomes).toEqual(Array(12).fill('accepted'));
      expect(flags.pending).toBe(1);
      // Every heartbeat is queued although the flag could not be written; on PostgreSQL, where only
      // the flags table is locked, they are even committed meanwhile.
      if (tp.database.backend === 'pglite') for (let seq = 2; seq <= 13; seq++) expect(writer.holds(d.deviceId, seq)).toBe(true);
      else await waitFor('13 heartbeats stored while the flags table is locked', async () => (await storedCount(d)) === 13);
    } finally {
      await release();
    }
    const raised = await waitFor('the clock_skew flag', async () => ((await flagsOf(d)).length > 0 ? flagsOf(d) : null));
    expect(raised).toEqual([
      expect.objectContaining({ kind: 'clock_skew', evidence: expect.objectContaining({ skewFlagAfterMs: AFTER, seenIn: 'heartbeat seq 12' }) }),
    ]);
    await waitFor('13 heartbeats stored', async () => (await storedCount(d)) === 13);
  });

  it.runIf(inject('databaseUrl') !== '')('keeps the flag while PostgreSQL refuses connections and writes it when it is back', async () => {
    const d = await connected();
    const { writer, flags } = tp.platform.context;
    const restore = await refuseConnections(tp);
    try {
      expect(await skewedFor11Minutes(d)).toEqual(Array(12).fill('accepted'));
      expect(writer.holds(d.deviceId, 13)).toBe(true);
      expect(flags.pending).toBe(1);
    } finally {
      await restore();
    }
    await waitFor('the clock_skew flag written by a retry', async () => ((await flagsOf(d)).length > 0 ? true : null));
    expect(flags.pending).toBe(0);
    await waitFor('13 heartbeats stored', async () => (await storedCount(d)) === 13);
  });
});
