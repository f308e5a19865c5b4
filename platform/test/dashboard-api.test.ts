// The API behind the dashboard on a real platform and database: devices online over time
// from the rollups, the fleet by town/enterprise/project, alerts, the device list's server-side
// search/filter/sort, connection history from presence, and the live stream — each scoped to the
// caller's enterprise.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetAlerts } from '../src/dashboard/alerts.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { calendarOf } from '../src/domain/calendar.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { USCC, seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';
import { flagReason } from '../src/ingest/flag-reasons.js';

const calendar = calendarOf(COUNTING_POLICY);
const { dayAndBucket } = calendar;

let tp: TestPlatform;
let a: Seeded;
let b: Seeded;
let online: TestDevice; // enterprise A, connected and heartbeating
let silent: TestDevice; // enterprise A, enrolled, never connected
let other: TestDevice; // enterprise B
let tokenB = '';

beforeAll(async () => {
  tp = await startTestPlatform({ EDGENET_PRESENCE_SWEEP_MS: '100', EDGENET_FLEET_STREAM_MS: '100', EDGENET_ALERT_OFFLINE_MINUTES: '60' });
  a = await seedEnterprise(tp, { town: '松山湖', workstations: ['L1-01', 'L1-02', 'L1-03'] });
  b = await seedEnterprise(tp, { uscc: USCC[1], town: '长安', workstations: ['W-1'] });
  online = await enrollTestDevice(tp, a.token, { workstations: ['L1-01', 'L1-02'], kind: 'industrial_pc' });
  silent = await enrollTestDevice(tp, a.token, { workstations: ['L1-03'], kind: 'server' });
  other = await enrollTestDevice(tp, b.token, { workstations: ['W-1'] });
  tokenB = (await tp.api('POST', '/api/v1/api-tokens', { name: 'factory B', role: 'enterprise', enterpriseId: b.enterpriseId })).body.token;
});
afterAll(() => tp?.close());

describe('devices online over time', () => {
  it('counts a device in the 5-minute buckets its heartbeats were filed in, and per day', async () => {
    // A heartbeat dated before its device's enrollment never counts (docs/certification.md "Filing
    // rule"): this device was enrolled 90 min ago, before the late heartbeat below was made (and
    // still after the silent device, whose enrollment a later test moves 2 h back: the list order).
    await tp.platform.context.db.execute(sql`update devices set enrolled_at = ${new Date(Date.now() - 90 * 60_000)} where id = ${online.deviceId}`);
    const client = await online.connect();
    await online.hello(client);
    await online.workstations(client, ['L1-01', 'L1-02']);
    const now = Date.now();
    // A late heartbeat from 1 h ago (trusted clock: filed under its device time), then a live one.
    await online.heartbeat(client, 1, { deviceTimeMs: now - 3_600_000 });
    await online.heartbeat(client, 2);
    await waitFor('rollup written', async () => (await tp.api('GET', '/api/v1/fleet/history?range=24h')).body.buckets.at(-1).online === 1);
    const { buckets } = (await tp.api('GET', '/api/v1/fleet/history?range=24h')).body;
    expect(buckets).toHaveLength(288);
    const lateBucket = buckets.findIndex((p: { at: string }) => Date.parse(p.at) <= now - 3_600_000 && now - 3_600_000 < Date.parse(p.at) + 300_000);
    expect(buckets[lateBucket].online).toBe(1);
    expect(buckets.filter((p: { online: number }) => p.online > 0)).toHaveLength(dayAndBucket(now - 3_600_000).bucket === dayAndBucket(now).bucket ? 1 : 2);
    const { days } = (await tp.api('GET', '/api/v1/fleet/history?range=30d')).body;
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toMatchObject({ day: dayAndBucket(now).day, devices: 1 });
    expect(days.at(-1).onlineBuckets).toBeGreaterThanOrEqual(1);
    // Enterprise B sees its own (empty) history only.
    const scoped = await tp.api('GET', '/api/v1/fleet/history?range=24h', undefined, tokenB);
    expect(scoped.body.buckets.every((p: { online: number }) => p.online === 0)).toBe(true);
  });

  it('answers the whole fleet by town, enterprise and project', async () => {
    // The device's client from the previous test is closed with that test: connect it again.
    const client = await online.connect();
    await online.hello(client);
    await online.heartbeat(client, 3);
    await waitFor('A online', async () => (await tp.api('GET', `/api/v1/devices/${online.deviceId}`)).body.online);
    const towns = (await tp.api('GET', '/api/v1/fleet/breakdown?by=town')).body.items;
    expect(towns).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: '松山湖', enterprises: 1, enterprisesConnected: 1, projects: 1, devices: 2, online: 1, workstations: 2 }),
        expect.objectContaining({ key: '长安', enterprises: 1, enterprisesConnected: 0, devices: 1, online: 0, workstations: 0 }),
      ]),
    );
    const projects = (await tp.api('GET', `/api/v1/fleet/breakdown?by=project&enterpriseId=${a.enterpriseId}`)).body.items;
    expect(projects).toEqual([expect.objectContaining({ key: a.projectId, enterpriseId: a.enterpriseId, devices: 2, online: 1 })]);
    const mine = (await tp.api('GET', '/api/v1/fleet/breakdown?by=enterprise', undefined, tokenB)).body.items;
    expect(mine.map((r: { key: string }) => r.key)).toEqual([b.enterpriseId]);
  });
});

describe('alerts', () => {
  it('lists devices silent longer than the setting (never-seen ones from enrollment) and open flags with their reason', async () => {
    const { db, flags } = tp.platform.context;
    await db.execute(sql`update devices set enrolled_at = now() - interval '2 hours' where id = ${silent.deviceId}::uuid`);
    await flags.raise(other.deviceId, 'clock_skew', flagReason('clock_ahead', { minutes: 9 }), {});
    const all = (await tp.api('GET', '/api/v1/alerts')).body;
    expect(all.settings).toEqual({ offlineMinutes: 60, shareDropPercent: 30 });
    expect(all.offline.items.map((d: { deviceId: string }) => d.deviceId)).toEqual([silent.deviceId]);
    expect(all.offline.items[0]).toMatchObject({ lastSeenAt: null, enterpriseId: a.enterpriseId, town: '松山湖', kind: 'server' });
    expect(all.flagged.items).toEqual([
      expect.objectContaining({
        deviceId: other.deviceId,
        kind: 'clock_skew',
        reason: 'device clock is 9 min ahead of the platform',
        reasonCode: 'clock_ahead',
        reasonParams: { minutes: 9 },
      }),
    ]);
    const scoped = (await tp.api('GET', '/api/v1/alerts', undefined, tokenB)).body;
    expect(scoped.offline.total).toBe(0);
    expect(scoped.flagged.total).toBe(1);
  });

  it('raises an enterprise whose online share today fell well below its recent days, not one that holds steady', async () => {
    const { db } = tp.platform.context;
    // 2030-01-10 23:00 in Shanghai: bucket 276, so 277 buckets of the day count (the current one included).
    const nowMs = Date.parse('2030-01-10T15:00:00Z');
    const full = '1'.repeat(288);
    const some = '1'.repeat(12) + '0'.repeat(276);
    const rows: [string, string, string][] = [
      [online.deviceId, '2030-01-07', full],
      [online.deviceId, '2030-01-08', full],
      [online.deviceId, '2030-01-09', full],
      [online.deviceId, '2030-01-10', some],
      [other.deviceId, '2030-01-09', full],
      [other.deviceId, '2030-01-10', full],
    ];
    // A factory that starts at 06:00 (buckets 72 on) compared with its own previous days: no alert.
    const shift = '0'.repeat(72) + '1'.repeat(216);
    for (const [id, day, bits] of rows) {
      await db.execute(
        sql`insert into device_days (device_id, day, buckets, heartbeats, late_heartbeats, inferences) values (${id}::uuid, ${day}::date, ${bits}::bit(288), 1, 0, 1)`,
      );
    }
    const alerts = await fleetAlerts(db, calendar, null, { offlineMinutes: 60, shareDropPercent: 30 }, 10, nowMs);
    // A: 2 devices; 12 online buckets today of 2 x 277 (2.16%); 3 full days of one device of 2 = 50%.
    expect(alerts.shareDrops).toEqual([
      {
        enterpriseId: a.enterpriseId,
        enterpriseName: '东莞精密制造有限公司',
        town: '松山湖',
        devices: 2,
        todayShareBp: 216,
        averageShareBp: 5000,
        baselineDays: 3,
      },
    ]);
    const scoped = await fleetAlerts(db, calendar, b.enterpriseId, { offlineMinutes: 60, shareDropPercent: 30 }, 10, nowMs);
    expect(scoped.shareDrops).toEqual([]);

    // 2030-02-10 07:00 in Shanghai: B's factory has run from 06:00 every day, so 13 of 85 buckets
    // so far is its normal morning (a whole-day average of 75% would cry wolf every morning).
    for (const day of ['2030-02-07', '2030-02-08', '2030-02-09', '2030-02-10']) {
      await db.execute(
        sql`insert into device_days (device_id, day, buckets, heartbeats, late_heartbeats, inferences) values (${other.deviceId}::uuid, ${day}::date, ${shift}::bit(288), 1, 0, 1)`,
      );
    }
    const morning = await fleetAlerts(db, calendar, null, { offlineMinutes: 60, shareDropPercent: 30 }, 10, Date.parse('2030-02-09T23:00:00Z'));
    expect(morning.shareDrops).toEqual([]);
  });
});

describe('device list', () => {
  const list = async (query: string, token?: string) => (await tp.api('GET', `/api/v1/devices?${query}`, undefined, token)).body;

  it('searches, filters and sorts on the server, keeping the default order', async () => {
    const def = await list('limit=10');
    expect(def.total).toBe(3);
    // Newest enrollment first, as the list has always been ordered (the silent device's enrollment was moved 2 h back above).
    expect(def.items.map((d: { id: string }) => d.id)).toEqual([other.deviceId, online.deviceId, silent.deviceId]);
    expect(def.items.find((d: { id: string }) => d.id === online.deviceId)).toMatchObject({
      enterpriseName: '东莞精密制造有限公司',
      projectName: '视觉质检产线改造',
      town: '松山湖',
      workstationsServed: 2,
    });
    expect((await list('town=长安')).items.map((d: { id: string }) => d.id)).toEqual([other.deviceId]);
    expect((await list('kind=server')).items.map((d: { id: string }) => d.id)).toEqual([silent.deviceId]);
    expect((await list(`q=${online.deviceId.slice(0, 8)}`)).items.map((d: { id: string }) => d.id)).toEqual([online.deviceId]);
    expect((await list(`q=${encodeURIComponent('精密')}`)).total).toBe(3);
    expect((await list('q=%25')).total).toBe(0); // "%" is text, not a wildcard
    // lastSeenAt descending: the seen device first, never-seen ones last.
    const bySeen = await list('sort=lastSeenAt&order=desc');
    expect(bySeen.items[0].id).toBe(online.deviceId);
    expect(bySeen.items.at(-1).lastSeenAt).toBeNull();
    const asc = await list('sort=lastSeenAt&order=asc');
    expect(asc.items[0].id).toBe(online.deviceId);
    const paged = await list('sort=id&order=asc&limit=1&offset=1');
    expect(paged).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(paged.items[0].id).toBe([online.deviceId, silent.deviceId, other.deviceId].sort()[1]);
    expect((await list('q=精密', tokenB)).items.map((d: { id: string }) => d.id)).toEqual([other.deviceId]);
    expect((await tp.api('GET', '/api/v1/devices?sort=fingerprint')).status).toBe(400);
  });
});

describe('connection history', () => {
  it('records online and offline transitions with cause and address', async () => {
    const client = await other.connect();
    await other.hello(client);
    await waitFor('B online', async () => (await tp.api('GET', `/api/v1/devices/${other.deviceId}`)).body.online);
    await client.endAsync(true);
    await waitFor('B offline', async () => !(await tp.api('GET', `/api/v1/devices/${other.deviceId}`)).body.online);
    await tp.platform.context.presence.settled();
    const { items, total } = (await tp.api('GET', `/api/v1/devices/${other.deviceId}/connections`)).body;
    expect(total).toBe(2);
    expect(items).toEqual([
      expect.objectContaining({ event: 'offline', cause: 'connection closed', remoteAddress: '127.0.0.1' }),
      expect.objectContaining({ event: 'online', cause: 'heartbeat', remoteAddress: '127.0.0.1' }),
    ]);
    expect((await tp.api('GET', `/api/v1/devices/${online.deviceId}/connections`, undefined, tokenB)).status).toBe(404);
  });
});

describe('live stream', () => {
  it('streams the scoped summary as server-sent events, and only changes', async () => {
    const res = await fetch(`${tp.baseUrl}/api/v1/fleet/stream?events=2`, { headers: { authorization: `Bearer ${tokenB}` } });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const streamed = waitFor('stream ended', () => res.text(), 10_000);
    // The second event needs a change: B's device comes online.
    const client = await other.connect();
    await other.hello(client);
    const text = await streamed;
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('event: fleet'))
      .map((block) =>
        JSON.parse(
          block
            .split('\n')
            .find((l) => l.startsWith('data: '))!
            .slice(6),
        ),
      );
    expect(events).toHaveLength(2);
    expect(events[0].summary).toMatchObject({ enterprises: 1, devices: { total: 1, online: 0, offline: 1 } });
    expect(events[1].summary).toMatchObject({ enterprises: 1, devices: { total: 1, online: 1, offline: 0 } });
    await client.endAsync(true);
  });

  it('ends open streams when the platform closes, so shutdown does not wait on a browser', async () => {
    const res = await fetch(`${tp.baseUrl}/api/v1/fleet/stream`, { headers: { authorization: `Bearer ${tokenB}` } });
    const reader = res.body!.getReader();
    await reader.read(); // the stream is open
    const started = Date.now();
    await tp.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    for (;;) if ((await reader.read()).done) break;
  });
});
