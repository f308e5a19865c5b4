// Heartbeats stop counting the moment a device is disabled: the spans of the status log
// (certification/inactive-spans.ts, pure) and, end to end, a real device's stored heartbeats that
// fall after a disable drop out of the certification's count input (gather.ts), and count again
// once the span is closed by a re-enable before them. The disable's time is the platform's
// injected clock, so the test does not depend on how fast the machine is.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherCountInput } from '../src/certification/gather.js';
import { countedBuckets, inactiveSpans } from '../src/certification/inactive-spans.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { verifyReport, type SignedReport } from '../src/certification/verify.js';
import { queryRows } from '../src/db/index.js';
import { calendarOf } from '../src/domain/calendar.js';
import { enrollTestDevice } from '../../test/helpers/device.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { OPERATOR_TOKEN, startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';

const calendar = calendarOf(COUNTING_POLICY);
const B = calendar.bucketMs;

describe('inactive spans (pure)', () => {
  it('opens a span at a disable or decommission and closes it at a re-enable', () => {
    expect(
      inactiveSpans([
        { toStatus: 'disabled', atMs: 10 },
        { toStatus: 'active', atMs: 20 },
        { toStatus: 'disabled', atMs: 30 },
        { toStatus: 'decommissioned', atMs: 40 },
      ]),
    ).toEqual([
      { fromMs: 10, toMs: 20 },
      { fromMs: 30, toMs: null },
    ]);
    expect(inactiveSpans([{ toStatus: 'active', atMs: 5 }])).toEqual([]);
  });

  it('leaves out only the buckets wholly inside a span', () => {
    const bits = '1111';
    // Disabled 0.5 bucket in, re-enabled 2.5 buckets in: bucket 1 only lies wholly inside.
    expect(countedBuckets(bits, 0, B, [{ fromMs: B / 2, toMs: 2.5 * B }])).toBe(3);
    // Disabled at bucket 2's start, never again active: buckets 2 and 3 are out.
    expect(countedBuckets(bits, 0, B, [{ fromMs: 2 * B, toMs: null }])).toBe(2);
    expect(countedBuckets('1010', 0, B, [])).toBe(2);
  });
});

describe('a disabled device in the count', () => {
  let tp: TestPlatform;
  let clock = Date.now();
  beforeAll(async () => {
    tp = await startTestPlatform({}, undefined, { clock: () => new Date(clock) });
  });
  afterAll(() => tp?.close());

  it('does not count heartbeats stored after the disable, and counts them when it was re-enabled before them', async () => {
    const { enterpriseId } = await seedEnterprise(tp, { workstations: ['W-1'] });
    // A project whose assessment window holds today, so today's heartbeats are gathered.
    const today = calendar.dayAndBucket(Date.now()).day;
    const project = await tp.api('POST', '/api/v1/projects', {
      enterpriseId,
      name: 'now',
      totalInvestmentFen: 30_000_000,
      eligibleInvestmentFen: 20_000_000,
      windowStart: today,
      windowEnd: today,
    });
    const { token } = (await tp.api('POST', `/api/v1/projects/${project.body.id}/enrollment-tokens`, {})).body;
    const d = await enrollTestDevice(tp, token, { workstations: ['W-1'] });
    const client = await d.connect();
    await d.hello(client);
    for (let seq = 1; seq <= 3; seq++) await d.heartbeat(client, seq);
    await waitFor('3 heartbeats stored', async () => (await tp.api('GET', `/api/v1/devices/${d.deviceId}`)).body.lastSeq === 3);
    const { db } = tp.platform.context;
    const [first] = await queryRows<{ at: Date | string }>(db, sql`select min(filed_at) as at from heartbeats where device_id = ${d.deviceId}::uuid`);
    const firstMs = new Date(first!.at).getTime();
    const { day } = calendar.dayAndBucket(firstMs);
    const online = async () => {
      const input = await gatherCountInput(db, COUNTING_POLICY, { start: day, end: day });
      return input.devices.find((x) => x.deviceId === d.deviceId)!.days.map(([, buckets]) => buckets);
    };
    const counted = await online();
    expect(counted[0]).toBeGreaterThan(0);

    // Disabled at the start of the bucket before the first heartbeat's: every bucket the device's
    // heartbeats were filed in lies after the disable (a heartbeat that was in flight, or queued on
    // the device and delivered later, is stored but must not count).
    const bucketStart = calendar.dayStartUtc(day) + calendar.dayAndBucket(firstMs).bucket * B;
    clock = bucketStart - B;
    expect((await tp.api('POST', `/api/v1/devices/${d.deviceId}/disable`, { reason: 'count test' })).status).toBe(200);
    expect(await online()).toEqual([0]);
    // A run in this state is signed over the reduced figure and passes the standalone verifier.
    const run = await tp.api('POST', '/api/v1/certifications', { windowStart: day, windowEnd: day });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const report = (await tp.api('GET', `/api/v1/certifications/${run.body.id}`)).body as SignedReport;
    const evidence = await (
      await fetch(`${tp.baseUrl}/api/v1/certifications/${run.body.id}/evidence`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })
    ).text();
    const row = evidence
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((r) => r.deviceId === d.deviceId);
    expect(row.days.map((x: [string, number]) => x[1])).toEqual([0]);
    const keys = (await tp.api('GET', '/api/v1/signing-keys', undefined, null)).body.keys;
    expect(verifyReport(report, keys, evidence)).toMatchObject({ ok: true, problems: [] });

    // Re-enabled one millisecond later: the span holds no whole bucket, everything counts again.
    clock = bucketStart - B + 1;
    expect((await tp.api('POST', `/api/v1/devices/${d.deviceId}/enable`, { reason: 'count test' })).status).toBe(200);
    expect(await online()).toEqual(counted);
  });
});
