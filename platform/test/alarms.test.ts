// The life of an alarm on a real platform, with the clock injected: raised by the evaluator when a
// device has been silent beyond the threshold, acknowledged with a comment, assigned to a person,
// cleared when the device returns and raised anew (a new alarm, the old one kept) when it goes
// again, with the history of who did what; who may see, acknowledge and assign; the platform's own
// alarms (ingest errors, the TLS certificate) kept from enterprises; every write audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { seedEnterprise, USCC, type Seeded } from '../../test/helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';
import { raiseAlarms } from '../src/services/alarms.js';

const MINUTE = 60_000;
let now = Date.now();
let tp: TestPlatform;
let own: Seeded;
let other: Seeded;
let device: TestDevice;
const tokens: Record<string, string> = {};
const accountIds: Record<string, string> = {};

beforeAll(async () => {
  // Every certificate expires within ten years: the TLS alarm is raised at the first evaluation.
  tp = await startTestPlatform({ EDGENET_ALARM_CERT_EXPIRY_DAYS: '3650', EDGENET_ALARM_INGEST_ERRORS: '3' }, undefined, { clock: () => new Date(now) });
  own = await seedEnterprise(tp, { workstations: ['W-1'] });
  other = await seedEnterprise(tp, { uscc: USCC[1], town: '长安' });
  device = await enrollTestDevice(tp, own.token, { workstations: ['W-1'] });
  const people: Record<string, Record<string, string>> = {
    'duty.wang': { role: 'operator' },
    'bureau.li': { role: 'bureau' },
    'it.chen': { role: 'enterprise', enterpriseId: own.enterpriseId },
    'it.zhao': { role: 'enterprise', enterpriseId: other.enterpriseId },
  };
  for (const [username, scope] of Object.entries(people)) {
    const account = await tp.api('POST', '/api/v1/accounts', { username, ...scope });
    accountIds[username] = account.body.id;
    tokens[username] = (await tp.api('POST', '/api/v1/api-tokens', { name: username, ...scope, accountId: account.body.id })).body.token;
  }
});
afterAll(() => tp?.close());

const evaluate = () => tp.platform.context.alarms.evaluate();
const offlineAlarms = async (token?: string) =>
  (await tp.api('GET', `/api/v1/alarms?kind=device_offline&deviceId=${device.deviceId}`, undefined, token)).body.items as any[];

describe('an alarm’s life', () => {
  it('is raised past the threshold, acknowledged, assigned, cleared and raised anew, with its history', async () => {
    now = Date.now() + 29 * MINUTE; // enrolled, never heard from, not yet 30 min
    await evaluate();
    expect(await offlineAlarms()).toEqual([]);

    now = Date.now() + 31 * MINUTE;
    await evaluate();
    const [alarm] = await offlineAlarms();
    expect(alarm).toMatchObject({ kind: 'device_offline', state: 'raised', enterpriseId: own.enterpriseId, raisedAt: new Date(now).toISOString() });
    await evaluate(); // still offline: the same alarm, no second one
    expect(await offlineAlarms()).toHaveLength(1);

    // The enterprise concerned acknowledges; the bureau may not; another enterprise does not see it.
    const ackBy = (user: string, comment = 'power cut on line 3, electrician called') =>
      tp.api('POST', `/api/v1/alarms/${alarm.id}/acknowledge`, { comment }, tokens[user]);
    expect((await ackBy('bureau.li')).status).toBe(403);
    expect((await ackBy('it.zhao')).status).toBe(404);
    expect((await tp.api('GET', `/api/v1/alarms/${alarm.id}`, undefined, tokens['it.zhao'])).status).toBe(404);
    expect(await offlineAlarms(tokens['it.zhao'])).toEqual([]);
    const acked = await ackBy('it.chen');
    expect(acked.status, JSON.stringify(acked.body)).toBe(200);
    expect(acked.body).toMatchObject({ state: 'acknowledged', acknowledgedAt: new Date(now).toISOString() });
    expect((await ackBy('duty.wang')).status).toBe(409);
    expect((await tp.api('POST', `/api/v1/alarms/${alarm.id}/acknowledge`, { comment: '' }, tokens['it.chen'])).status).toBe(400);

    // Assigned by the operator to a person who may see it; never to the bureau or another enterprise.
    const assign = (accountId: string, token = tokens['duty.wang']) =>
      tp.api('POST', `/api/v1/alarms/${alarm.id}/assign`, { accountId, comment: 'on site tomorrow' }, token);
    expect((await assign(accountIds['it.chen']!, tokens['it.chen'])).status).toBe(403);
    for (const who of ['bureau.li', 'it.zhao']) {
      const res = await assign(accountIds[who]!);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('EDGENET_ERR_ALARM_ASSIGNEE');
    }
    expect((await assign('00000000-0000-4000-8000-000000000000')).body.code).toBe('EDGENET_ERR_ALARM_ASSIGNEE');
    now += MINUTE;
    expect((await assign(accountIds['it.chen']!)).body).toMatchObject({ assigneeId: accountIds['it.chen'], assigneeName: 'it.chen' });
    expect((await tp.api('GET', `/api/v1/alarms?assigneeId=${accountIds['it.chen']}`)).body.total).toBe(1);

    // The device comes back: cleared; it goes again: a new alarm, the old one kept as it was.
    const client = await device.connect();
    await device.hello(client);
    await device.heartbeat(client, 1);
    await waitFor('online', async () => (await tp.api('GET', `/api/v1/devices/${device.deviceId}`)).body.online);
    now += MINUTE;
    expect((await evaluate()).cleared).toBeGreaterThanOrEqual(1);
    const cleared = (await tp.api('GET', `/api/v1/alarms/${alarm.id}`)).body;
    expect(cleared).toMatchObject({ state: 'cleared', clearedAt: new Date(now).toISOString() });
    expect(cleared.history.map((h: any) => [h.action, h.actorName, h.comment])).toEqual([
      ['raised', 'evaluator', null],
      ['acknowledged', 'it.chen', 'power cut on line 3, electrician called'],
      ['assigned', 'duty.wang', 'on site tomorrow'],
      ['cleared', 'evaluator', null],
    ]);
    await client.endAsync();
    await waitFor('offline', async () => !(await tp.api('GET', `/api/v1/devices/${device.deviceId}`)).body.online);
    now += 31 * MINUTE;
    await evaluate();
    const both = await offlineAlarms();
    expect(both.map((a) => a.state)).toEqual(['raised', 'cleared']);
    expect(both[0].id).not.toBe(alarm.id);
    expect((await tp.api('GET', `/api/v1/alarms?state=open&deviceId=${device.deviceId}`)).body.total).toBe(1);
  });

  it('keeps the platform’s own alarms from enterprises and clears ingest errors when they stop', async () => {
    await evaluate();
    const tls = (await tp.api('GET', '/api/v1/alarms?kind=certificate_expiry')).body.items;
    expect(tls).toHaveLength(1);
    expect(tls[0]).toMatchObject({ subject: 'tls', enterpriseId: null, state: 'raised' });
    expect(tls[0].details.daysLeft).toBeLessThan(3650);
    expect((await tp.api('GET', '/api/v1/alarms?kind=certificate_expiry', undefined, tokens['bureau.li'])).body.total).toBe(1);
    expect((await tp.api('GET', '/api/v1/alarms?kind=certificate_expiry', undefined, tokens['it.chen'])).body.total).toBe(0);
    expect((await tp.api('GET', `/api/v1/alarms/${tls[0].id}`, undefined, tokens['it.chen'])).status).toBe(404);

    // Three dropped messages within one evaluation (the real counter ingest uses) raise it; a
    // duplicate is a resend, not an error; a quiet evaluation clears it.
    const { rejects } = tp.platform.context;
    rejects.reject('duplicate', device.deviceId, 'resent');
    rejects.reject('malformed', device.deviceId, 'garbage');
    rejects.reject('bad_signature', device.deviceId, 'forged');
    await evaluate();
    expect((await tp.api('GET', '/api/v1/alarms?kind=ingest_errors')).body.total).toBe(0);
    for (const n of [1, 2, 3]) rejects.reject('malformed', device.deviceId, `garbage ${n}`);
    await evaluate();
    const [ingest] = (await tp.api('GET', '/api/v1/alarms?kind=ingest_errors&state=open')).body.items;
    expect(ingest).toMatchObject({ subject: 'ingest', details: { dropped: 3 } });
    await evaluate();
    expect((await tp.api('GET', `/api/v1/alarms/${ingest.id}`)).body.state).toBe('cleared');
  });

  it('audits every acknowledgement and assignment, naming the person', async () => {
    const entries = (await tp.api('GET', '/api/v1/audit?limit=1000')).body.items as any[];
    const ack = entries.filter((e) => e.route === '/api/v1/alarms/:id/acknowledge');
    expect(ack.map((e) => e.status).sort()).toEqual([200, 400, 403, 404, 409]);
    expect(ack.find((e) => e.status === 200)).toMatchObject({ actorName: 'it.chen' });
    expect(entries.filter((e) => e.route === '/api/v1/alarms/:id/assign' && e.status === 200)).toHaveLength(1);
  });

  it('raises one alarm when two evaluators (two instances) race on the same condition', async () => {
    const { db } = tp.platform.context;
    const condition = { kind: 'device_flagged' as const, subject: 'race', deviceId: null, enterpriseId: null, details: {} };
    const [a, b] = await Promise.all([raiseAlarms(db, [condition], new Date(now)), raiseAlarms(db, [condition], new Date(now))]);
    expect(a.length + b.length).toBe(1);
    const open = (await tp.api('GET', '/api/v1/alarms?kind=device_flagged&state=open')).body.items.filter((x: any) => x.subject === 'race');
    expect(open).toHaveLength(1);
    expect((await tp.api('GET', `/api/v1/alarms/${open[0].id}`)).body.history.map((e: any) => e.action)).toEqual(['raised']);
  });
});
