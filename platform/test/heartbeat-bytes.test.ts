// Bytes stored per heartbeat: the signed body is the record (db/schema/heartbeats.ts), so a row is
// the body, the device's signature over it, its key id, and what the platform decided (receive and
// filed time, filing, inference delta, chain check). Measured the way `bench:fleet` measures it
// (pg_total_relation_size of heartbeats, device_days, chain_anchors and heartbeat_keys over the stored rows), over
// heartbeats that went through ingest as a device sends them, enough of them (a device-day of 10 s
// heartbeats per device) that page headers and the day's rollup and anchor are amortised.
//
// The figure is not the ~175 B of body, signature, key id and times alone: PostgreSQL spends 28 B on
// every row (a 23 B tuple header, MAXALIGNed to 24, and a 4 B line pointer; docs "Database Page
// Layout"), 16 B on the device id, 8 on seq, and ~40 B per row on the (device_id, seq) key that
// dedupe and every per-device read need. With the decoded columns the row was ~460 B.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeHeartbeat, chainLink, sealEnvelope } from '@edgenet/proto';
import { queryRows } from '../src/db/index.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';

const DEVICES = 4;
const PER_DEVICE = 2_500; // ~7 h at 10 s: one rollup and one anchor per device
const T0 = Date.parse('2025-09-01T01:00:00Z');
// Measured here: 343 B (the row 264 with its page share and its batch id, the (device_id, seq) key
// 64, the batch id's BRIN index under 1, rollups and anchors 6); with the decoded columns 465. The
// key's B-tree pages split in the middle of each device's range and stay about half full, which is
// most of the distance to the ~280 B a row and a full index page would cost. heartbeat_keys is
// written only on a TimescaleDB hypertable; where it exists it counts.
const MAX_BYTES_PER_HEARTBEAT = 350;

let tp: TestPlatform;
const devices: TestDevice[] = [];

beforeAll(async () => {
  tp = await startTestPlatform();
  const { token } = await seedEnterprise(tp);
  for (let i = 0; i < DEVICES; i++) devices.push(await enrollTestDevice(tp, token));
  // Interleaved as a fleet sends them, with the figures the fleet simulator reports.
  const prev = new Map<string, Uint8Array>();
  for (let k = 0; k < PER_DEVICE; k++) {
    for (const d of devices) {
      const at = T0 + k * 10_000;
      const body = encodeHeartbeat({
        seq: k + 1,
        deviceTimeMs: at,
        uptimeS: 3_600 + k * 10,
        cpuPercent: 20 + (k % 30),
        memoryUsedBytes: 3 * 2 ** 30,
        memoryTotalBytes: 8 * 2 ** 30,
        diskUsedBytes: 40 * 2 ** 30,
        diskTotalBytes: 120 * 2 ** 30,
        inference: { total: (k + 1) * 10, errors: 0 },
        prevHash: prev.get(d.deviceId) ?? new Uint8Array(),
      });
      prev.set(d.deviceId, chainLink(body));
      const handled = await tp.platform.context.ingest.handle(d.deviceId, 'heartbeat', sealEnvelope(body, d.privateKey), new Date(at));
      expect(handled.outcome).toBe('accepted');
    }
  }
  await tp.platform.context.writer.flush();
  // The day's rollup and anchor are folded on a period (ingest/rollup/): folded now, so they count.
  await tp.platform.context.writer.flushRollups();
}, 300_000);
afterAll(() => tp?.close());

it('stores a heartbeat in at most 350 bytes with its signature, rollups and anchors', async () => {
  const { db } = tp.platform.context;
  const [sizes] = await queryRows<{ rows: string | number; heartbeats: string | number; rollups: string | number; keys: string | number }>(
    db,
    sql`select (select count(*) from heartbeats) as rows,
               pg_total_relation_size('heartbeats') as heartbeats,
               pg_total_relation_size('device_days') + pg_total_relation_size('chain_anchors') as rollups,
               pg_total_relation_size('heartbeat_keys') as keys`,
  );
  const rows = Number(sizes!.rows);
  expect(rows).toBe(DEVICES * PER_DEVICE);
  // heartbeat_keys counts too: it is written per heartbeat where it is kept (a hypertable only).
  const perHeartbeat = (Number(sizes!.heartbeats) + Number(sizes!.rollups) + Number(sizes!.keys)) / rows;
  console.log(
    `bytes per heartbeat: ${perHeartbeat.toFixed(1)} (heartbeats ${(Number(sizes!.heartbeats) / rows).toFixed(1)}, ` +
      `rollups and anchors ${(Number(sizes!.rollups) / rows).toFixed(1)}, heartbeat_keys ${(Number(sizes!.keys) / rows).toFixed(1)})`,
  );
  expect(perHeartbeat).toBeLessThanOrEqual(MAX_BYTES_PER_HEARTBEAT);
});

it('keeps every row verifiable on its own: body, signature and key id, no decoded copy', async () => {
  const { db } = tp.platform.context;
  const columns = await queryRows<{ column_name: string }>(
    db,
    sql`select column_name from information_schema.columns where table_name = 'heartbeats' order by ordinal_position`,
  );
  expect(columns.map((c) => c.column_name)).toEqual([
    'device_id',
    'seq',
    'received_at',
    'filed_at',
    'inference_delta',
    'batch_id',
    'filing',
    'chain_ok',
    'key_id',
    'body',
    'signature',
  ]);
  const [unsigned] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from heartbeats where signature is null or key_id is null`);
  expect(Number(unsigned!.n)).toBe(0);
});
