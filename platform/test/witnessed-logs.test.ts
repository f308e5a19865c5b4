// The witnessed logs of what happened to devices (docs/witness.md): every enrollment and status
// change (`devices`) and every closed device-day (`heartbeats`). Each test plays the insider with
// the database, after the bureau's witness has cosigned the logs, and shows the verifier (or the
// witness itself) names what was done: a day rewritten, a device enrolled after the fact, a device
// event deleted. The witness runs in-process on port 0 with its own folder and a clock the test
// sets, so that "witnessed before the window ended" happens on the window's own dates.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, keyIdOf, rawPublicKey, sealEnvelope } from '@edgenet/proto';
import type { DeviceDayEvidence } from '../src/certification/device-day.js';
import { deviceDayLeaf, deviceEventLeaf, type DeviceLogEntry, type HeartbeatLogEntry } from '../src/certification/log-leaves.js';
import type { DeviceEvidence } from '../src/certification/count.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { changeStatus } from '../src/services/device-lifecycle.js';
import { appendClosedDays, firstOpenDay } from '../src/certification/heartbeat-log.js';
import { queryRows } from '../src/db/index.js';
import { verifyReport, type SignedReport } from '../src/certification/verify.js';
import { WitnessClient } from '../src/certification/witness-client.js';
import { calendarOf } from '../src/domain/calendar.js';
import type { Cosignature } from '../src/witness/cosignature.js';
import { buildWitnessServer } from '../src/witness/server.js';
import { WitnessStore } from '../src/witness/store.js';
import { startTestPlatform, OPERATOR_TOKEN, type TestPlatform } from '../../test/helpers/platform.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { USCC } from '../../test/helpers/fixtures.js';
import { feedChainedDays } from '../../test/helpers/chained-days.js';
import { withTriggerOff } from '../../test/helpers/db-admin.js';

const calendar = calendarOf(COUNTING_POLICY);
const DAYS = ['2025-09-01', '2025-09-02'];
const TOKEN = 'witness-submission-token-0123456789';
const SCRIPT = join(import.meta.dirname, '../../scripts/verify-report.mjs');

let tp: TestPlatform;
let witness: Awaited<ReturnType<typeof startWitness>>;
let client: WitnessClient;
let clock = new Date('2025-08-31T12:00:00.000Z'); // the witness's and the client's "now"
let enrollmentToken: string;
const logLines: string[] = [];
const d: Record<string, TestDevice> = {};

async function startWitness() {
  const store = new WitnessStore(mkdtempSync(join(tmpdir(), 'edgenet-witness-')));
  const app = buildWitnessServer({ store, token: TOKEN, log: pino({ level: 'silent' }), now: () => clock });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, url, key: store.key, head: async (log: string) => (await (await fetch(`${url}/v1/logs/${log}`)).json()) as Cosignature };
}

/** 12 chained heartbeats a day of DAYS, written. */
async function feed(dev: TestDevice): Promise<void> {
  await feedChainedDays(tp, calendar, dev, DAYS, 12);
  await tp.platform.context.writer.flush();
}

async function map(dev: TestDevice, code: string): Promise<void> {
  const body = edge.v1.WorkstationMapping.encode({ workstationCodes: [code], revision: 1 }).finish();
  const at = new Date(calendar.dayStartUtc('2025-08-31') + 12 * 3_600_000);
  expect((await tp.platform.context.ingest.handle(dev.deviceId, 'workstations', sealEnvelope(body, dev.privateKey), at)).outcome).toBe('accepted');
}

const api = async (path: string) => (await tp.api('GET', `/api/v1${path}`)).body;
const db = () => tp.platform.context.db;

/** Submits every log at the witness's clock `at`. */
async function submitAt(at: string) {
  clock = new Date(at);
  return client.submit();
}

/** Certifies the window, lets the witness see the new report, and downloads what the bureau keeps. */
async function certifyAndDownload() {
  const run = await tp.api('POST', '/api/v1/certifications', { windowStart: DAYS[0], windowEnd: DAYS[1] });
  expect(run.status).toBe(201);
  await submitAt(new Date(clock.getTime() + 60_000).toISOString());
  const report = (await api(`/certifications/${run.body.id}`)) as SignedReport;
  const evidence = await (
    await fetch(`${tp.baseUrl}/api/v1/certifications/${run.body.id}/evidence`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })
  ).text();
  const deviceLog = (await api('/witness/logs/devices/leaves')) as { items: (DeviceLogEntry & { leaf: string })[] };
  const heartbeatLog = (await api('/witness/logs/heartbeats/leaves')) as { items: HeartbeatLogEntry[] };
  const days: DeviceDayEvidence[] = [];
  for (const dev of Object.values(d)) for (const day of DAYS) days.push((await api(`/devices/${dev.deviceId}/chain/${day}`)) as DeviceDayEvidence);
  const heads = await Promise.all(['reports', 'audit', 'devices', 'heartbeats'].map((l) => witness.head(l)));
  return {
    report,
    evidence,
    deviceLog,
    heartbeatLog,
    days,
    heads,
    chain: (await api('/certifications/chain')).links,
    keys: (await api('/signing-keys')).keys,
  };
}
type Download = Awaited<ReturnType<typeof certifyAndDownload>>;

const verify = (x: Download) =>
  verifyReport(x.report, x.keys, x.evidence, {
    chain: x.chain,
    deviceDays: x.days,
    logs: { devices: x.deviceLog.items, heartbeats: x.heartbeatLog.items },
    witness: { keys: [witness.key], heads: x.heads },
  });

function cli(x: Download): { status: number; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-witnessed-logs-'));
  const file = (name: string, value: string) => {
    writeFileSync(join(dir, name), value);
    return join(dir, name);
  };
  const argv = [
    SCRIPT,
    ...['--report', file('report.json', JSON.stringify(x.report)), '--keys', file('keys.json', JSON.stringify({ keys: x.keys }))],
    ...['--chain', file('chain.json', JSON.stringify({ links: x.chain })), '--evidence', file('evidence.ndjson', x.evidence)],
    ...['--device-days', file('days.ndjson', x.days.map((e) => JSON.stringify(e)).join('\n'))],
    ...['--witness-key', file('witness-key.json', JSON.stringify(witness.key)), '--witness-heads', file('heads.json', JSON.stringify(x.heads))],
    ...['--device-log', file('device-log.json', JSON.stringify(x.deviceLog)), '--heartbeat-log', file('heartbeat-log.json', JSON.stringify(x.heartbeatLog))],
  ];
  try {
    return { status: 0, out: execFileSync(process.execPath, argv).toString() };
  } catch (err) {
    const e = err as { status: number; stdout: Buffer };
    return { status: e.status, out: e.stdout.toString() };
  }
}

beforeAll(async () => {
  witness = await startWitness();
  tp = await startTestPlatform();
  client = new WitnessClient(
    db(),
    { url: witness.url, token: TOKEN, now: () => clock },
    pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
  );
  const ent = await tp.api('POST', '/api/v1/enterprises', { name: '东莞五号智造', uscc: USCC[0], town: '长安' });
  for (const code of ['W01', 'W02', 'W03']) await tp.api('POST', '/api/v1/workstations', { enterpriseId: ent.body.id, code });
  const p = await tp.api('POST', '/api/v1/projects', {
    enterpriseId: ent.body.id,
    name: '质检',
    totalInvestmentFen: 100_000_000,
    eligibleInvestmentFen: 80_000_000,
    windowStart: '2025-09-01',
    windowEnd: '2026-08-31',
  });
  enrollmentToken = (await tp.api('POST', `/api/v1/projects/${p.body.id}/enrollment-tokens`, { maxUses: 10 })).body.token;
  d.a = await enrollTestDevice(tp, enrollmentToken);
  d.b = await enrollTestDevice(tp, enrollmentToken);
  await map(d.a, 'W01');
  await map(d.b, 'W02');
  // The bureau's witness sees both enrollments before the window starts …
  await submitAt('2025-09-01T00:00:00.000Z');
  await feed(d.a);
  await feed(d.b);
  // … and the window's days once they have closed (maxLateMs, 7 days, after their end), one
  // submission's share at a time: one here, the other three by the next submission, in order.
  expect(await appendClosedDays(db(), COUNTING_POLICY, new Date('2025-09-20T00:00:00.000Z'), 1)).toBe(1);
  await submitAt('2025-09-20T00:00:00.000Z');
}, 120_000);
afterAll(async () => {
  await tp?.close();
  await witness?.app.close();
});

describe('closing a day', () => {
  it('a day closes 1 day + maxLateMs + 1 h after it ended, counted in whole days of the policy calendar', () => {
    // 2025-09-01 (Shanghai) ends 2025-09-01T16:00Z; 8 days and an hour later is 2025-09-09T17:00Z.
    expect(firstOpenDay(COUNTING_POLICY, new Date('2025-09-09T16:59:59.999Z'))).toBe('2025-09-01');
    expect(firstOpenDay(COUNTING_POLICY, new Date('2025-09-09T17:00:00.000Z'))).toBe('2025-09-02');
  });
});

describe('the devices and heartbeats logs, witnessed', () => {
  it('hold every enrollment and every closed device-day, leaf for leaf as docs/witness.md says, and an honest report passes', async () => {
    const x = await certifyAndDownload();
    expect(x.deviceLog.items.map((e) => [e.event, e.deviceId])).toEqual([
      ['enroll', d.a!.deviceId],
      ['enroll', d.b!.deviceId],
    ]);
    for (const e of x.deviceLog.items) expect(e.leaf).toBe(deviceEventLeaf(e));
    expect(x.heartbeatLog.items).toHaveLength(4);
    const sorted = [...x.heartbeatLog.items].sort((p, q) => (p.day + p.deviceId < q.day + q.deviceId ? -1 : 1));
    expect(x.heartbeatLog.items).toEqual(sorted); // (day, device id) order
    for (const e of x.heartbeatLog.items) expect(e.leaf).toBe(deviceDayLeaf(x.days.find((dd) => dd.deviceId === e.deviceId && dd.day === e.day)!));
    expect(x.report.cosignatures!.map((c) => c.log).sort()).toEqual(['audit', 'devices', 'devices', 'heartbeats', 'reports']);
    const v = verify(x);
    expect(v.problems).toEqual([]);
    expect(v.checked).toContain('2 of 2 counted device(s) enrolled inside the devices tree of 2 the witness cosigned by 2025-09-03T16:00:00.000Z');
    expect(v.checked).toContain('4 device-day(s) given match their leaf in the witnessed heartbeats log');
    const out = cli(x);
    expect(out.out).not.toContain('FAIL');
  });

  it('a device-day rewritten after the witness saw it is named "day rewritten"', async () => {
    await db().execute(sql`update heartbeats set received_at = received_at + interval '1 second', filed_at = filed_at + interval '1 second'
                           where device_id = ${d.b!.deviceId} and seq = 3`);
    const x = await certifyAndDownload();
    const v = verify(x);
    expect(v.ok).toBe(false);
    expect(v.problems.some((p) => p.startsWith(`device ${d.b!.deviceId} on ${DAYS[0]}: day rewritten: its heartbeats hash to `))).toBe(true);
    const out = cli(x);
    expect(out.status).toBe(1);
    expect(out.out).toContain(`FAIL  device ${d.b!.deviceId} on ${DAYS[0]}: day rewritten`);
  });

  it('a device enrolled after the witness saw the window end, backdated and counted, is named "enrolled after the fact"', async () => {
    d.c = await enrollTestDevice(tp, enrollmentToken);
    await map(d.c, 'W03');
    await feed(d.c);
    await db().execute(sql`update devices set enrolled_at = '2025-08-01T00:00:00Z' where id = ${d.c.deviceId}`);
    await submitAt('2025-09-21T00:00:00.000Z');
    const x = await certifyAndDownload();
    expect(x.report.body.results.devices.find((r) => r.deviceId === d.c!.deviceId)?.verified).toBe(true);
    const seq = x.deviceLog.items.find((e) => e.deviceId === d.c!.deviceId)!.seq;
    const v = verify(x);
    expect(v.problems).toContain(
      `device ${d.c.deviceId} is counted but its enrollment (devices log #${seq}) is not in the tree of 2 the witness cosigned by 2025-09-03T16:00:00.000Z: enrolled after the fact`,
    );
    expect(cli(x).out).toContain(`FAIL  device ${d.c.deviceId} is counted but its enrollment`);
  });

  it('a device row inserted behind the enrollment path, with no devices log entry, and counted, is named "enrolled after the fact"', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const [home] = await queryRows<{ enterprise_id: string; project_id: string }>(
      db(),
      sql`select enterprise_id, project_id from devices where id = ${d.a!.deviceId}`,
    );
    expect((await tp.api('POST', '/api/v1/workstations', { enterpriseId: home!.enterprise_id, code: 'W04' })).status).toBe(201);
    const [ghost] = await queryRows<{ id: string }>(
      db(),
      sql`insert into devices (enterprise_id, project_id, kind, fingerprint, public_key, key_id, mqtt_password_hash, inventory, agent_version, heartbeat_interval_ms, enrolled_at)
          values (${home!.enterprise_id}, ${home!.project_id}, 'compute_box', ${'9'.repeat(64)}, ${raw}, ${keyIdOf(raw)}, 'x', '{}', 'test', 300000, '2025-08-01T00:00:00Z')
          returning id`,
    );
    await db().execute(sql`insert into device_keys (device_id, public_key, key_id) values (${ghost!.id}, ${raw}, ${keyIdOf(raw)})`);
    d.h = { deviceId: ghost!.id, privateKey } as TestDevice;
    await map(d.h, 'W04');
    await feed(d.h);
    const x = await certifyAndDownload();
    expect(x.report.body.results.devices.find((r) => r.deviceId === ghost!.id)?.verified).toBe(true);
    expect(verify(x).problems).toContain(`device ${ghost!.id} is counted but the devices log has no enrollment of it: enrolled after the fact`);
  });

  it('days counted after the status rows that left them out were deleted are named "counted while disabled" by the devices log', async () => {
    d.g = await enrollTestDevice(tp, enrollmentToken);
    // The operator holds the device for an audit over the window (dated so by the test, as its clock).
    const person = { role: 'operator', enterpriseId: null, admin: false, tokenId: null, sessionId: null, accountId: null, username: 'ops.li' } as const;
    const change = (action: 'disable' | 'enable', at: string) =>
      changeStatus(db(), action, { deviceId: d.g!.deviceId, reason: 'audit hold', actor: person, at: new Date(at) }, null);
    await change('disable', '2025-08-31T00:00:00.000Z');
    await change('enable', '2025-09-03T00:00:00.000Z');
    await feed(d.g); // its queue, delivered after the re-enable: stored, not counted
    const honest = await certifyAndDownload();
    const row = (x: Download) => x.evidence.split('\n').find((l) => l.includes(d.g!.deviceId))!;
    expect((JSON.parse(row(honest)) as DeviceEvidence).days.map(([day, buckets]) => [day, buckets])).toEqual(DAYS.map((day) => [day, 0]));
    expect(verify(honest).problems.filter((p) => p.includes('counted while disabled'))).toEqual([]);
    // The insider deletes the status rows counting reads; the witnessed devices log still has them.
    await withTriggerOff(
      db(),
      'device_status_events',
      'device_status_events_immutable',
      sql`delete from device_status_events where device_id = ${d.g.deviceId}`,
    );
    const x = await certifyAndDownload();
    expect((JSON.parse(row(x)) as DeviceEvidence).days.map(([day, buckets]) => [day, buckets])).toEqual(DAYS.map((day) => [day, 12]));
    const v = verify(x);
    for (const day of DAYS) {
      expect(v.problems).toContain(
        `evidence[${d.g.deviceId}] on ${day}: 12 online buckets counted while disabled (since 2025-08-31T00:00:00.000Z in the devices log)`,
      );
    }
  });

  it('a device event deleted by a database administrator makes the witness refuse the next devices tree, and it is logged', async () => {
    const seen = (await witness.head('devices')).size;
    d.e = await enrollTestDevice(tp, enrollmentToken);
    d.f = await enrollTestDevice(tp, enrollmentToken);
    await withTriggerOff(db(), 'device_log', 'device_log_immutable', sql`delete from device_log where device_id = ${d.a!.deviceId}`);
    const outcomes = await submitAt('2025-09-22T00:00:00.000Z');
    expect(outcomes.find((o) => o.log === 'devices')).toMatchObject({ ok: false, status: 409 });
    expect((await witness.head('devices')).size).toBe(seen); // nothing cosigned
    const refusal = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'the witness refused the tree head' && l.log === 'devices');
    expect(refusal).toMatchObject({ status: 409, level: 50 });
    expect(String(refusal!.reason)).toContain('does not extend the cosigned tree');
    // And the verifier, with the witness's own head, names the rewrite.
    const x = await certifyAndDownload();
    expect(verify(x).problems.join('\n')).toContain(
      `the newest devices head of witness ${witness.key.keyId}: the first ${seen} devices leaves given differ from the tree the witness cosigned`,
    );
  });
});
