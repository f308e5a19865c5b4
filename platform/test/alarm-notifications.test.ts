// Notifications that reach someone, against real receivers started here: an SMTP server and an
// HTTP webhook receiver hear of a real device (mqtt.js, enrolled over HTTP) that connects and then
// disconnects — once, and not again while it stays offline; a flapping device is throttled; a
// receiver that fails first is retried with exponential backoff, each attempt in the delivery log;
// the WeCom and DingTalk robot bodies and DingTalk's URL signature are checked by the receiver.
// Time is the injected clock: each evaluation and each dispatch is run by the test at a time it chooses.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { seedEnterprise, USCC, type Seeded } from '../../test/helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../../test/helpers/platform.js';
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from '../../test/helpers/receivers.js';
import { flagReason } from '../src/ingest/flag-reasons.js';

const MINUTE = 60_000;
const SECRET = 'webhook-shared-secret-0123';
let now = Date.now();
let tp: TestPlatform;
let smtp: SmtpReceiver;
let hooks: HttpReceiver;
let factory: Seeded;
let device: TestDevice;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  hooks = await startHttpReceiver();
  tp = await startTestPlatform(
    { EDGENET_SMTP_URL: smtp.url, EDGENET_SMTP_FROM: 'edgenet <alarms@edgenet.test>', EDGENET_NOTIFY_BACKOFF_MS: '1000', EDGENET_NOTIFY_MAX_ATTEMPTS: '3' },
    undefined,
    { clock: () => new Date(now) },
  );
  factory = await seedEnterprise(tp, { workstations: ['W-1'] });
  device = await enrollTestDevice(tp, factory.token, { workstations: ['W-1'] });
});
afterAll(async () => {
  await tp?.close();
  await smtp?.close();
  await hooks?.close();
});

const evaluate = () => tp.platform.context.alarms.evaluate();
const deviceOnline = async (id: string) => (await tp.api('GET', `/api/v1/devices/${id}`)).body.online as boolean;
const channel = async (body: Record<string, unknown>) => {
  const res = await tp.api('POST', '/api/v1/notification-channels', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
const deliveries = async (query: string) => (await tp.api('GET', `/api/v1/notification-deliveries?${query}`)).body.items as any[];

describe('a device going offline', () => {
  it('is told by e-mail and signed webhook once, not again while it stays offline; a flap is throttled', async () => {
    const operatorMail = await channel({ kind: 'email', name: '运营值班', target: 'duty@operator.test' });
    const contact = await channel({ kind: 'email', name: 'factory IT', target: 'it@factory.test', enterpriseId: factory.enterpriseId, language: 'en' });
    const hook = await channel({ kind: 'webhook', name: 'ops hook', target: `${hooks.url}/edgenet`, secret: SECRET });
    expect((await tp.api('GET', '/api/v1/notification-channels')).body.items.every((c: any) => !('secret' in c))).toBe(true);

    const client = await device.connect();
    await device.hello(client);
    await device.heartbeat(client, 1);
    await waitFor('the device online', () => deviceOnline(device.deviceId));
    await client.endAsync();
    await waitFor('the device offline', async () => !(await deviceOnline(device.deviceId)));

    now = Date.now() + 29 * MINUTE; // silent, but not yet for the threshold (30 min)
    expect((await evaluate()).raised).toBe(0);
    expect(smtp.mails).toHaveLength(0);

    now = Date.now() + 31 * MINUTE;
    expect(await evaluate()).toMatchObject({ raised: 1, sent: 3 });
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['duty@operator.test', 'it@factory.test']);
    const zh = smtp.mails.find((m) => m.to[0] === 'duty@operator.test')!;
    const en = smtp.mails.find((m) => m.to[0] === 'it@factory.test')!;
    expect(zh.subject).toBe('[edgenet] 设备离线');
    expect(zh.text).toContain(device.deviceId);
    expect(zh.text).toContain('离线超过 30 分钟');
    expect(en.subject).toBe('[edgenet] Device offline');
    // The webhook: its signature is HMAC-SHA256 over "timestamp.body" with the shared secret.
    expect(hooks.requests).toHaveLength(1);
    const [req] = hooks.requests;
    const ts = req!.headers['x-edgenet-timestamp'] as string;
    expect(Number(ts)).toBe(Math.floor(now / 1000));
    expect(req!.headers['x-edgenet-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${ts}.${req!.body}`).digest('hex')}`);
    expect(JSON.parse(req!.body)).toMatchObject({ event: 'alarm.raised', alarm: { kind: 'device_offline', deviceId: device.deviceId } });

    // Still offline, evaluated again and again: nobody is told twice.
    for (const minutes of [35, 45, 55]) {
      now = Date.now() + minutes * MINUTE;
      expect(await evaluate()).toMatchObject({ raised: 0, cleared: 0 });
    }
    expect(smtp.mails).toHaveLength(2);
    expect(hooks.requests).toHaveLength(1);

    // It comes back (cleared), goes away again at once (raised anew): within the hour the same
    // channels are not told again; the delivery log says so.
    const back = await device.connect();
    await device.heartbeat(back, 2);
    await waitFor('the device online again', () => deviceOnline(device.deviceId));
    expect((await evaluate()).cleared).toBe(1);
    await back.endAsync();
    await waitFor('the device offline again', async () => !(await deviceOnline(device.deviceId)));
    now += 31 * MINUTE;
    expect((await evaluate()).raised).toBe(1);
    expect(smtp.mails).toHaveLength(2);
    expect(hooks.requests).toHaveLength(1);
    const log = await deliveries(`channelId=${operatorMail}`);
    expect(log.map((d) => d.state)).toEqual(['throttled', 'sent']);
    expect(log[1].log).toMatchObject([{ attempt: 1, ok: true }]);
    expect(log[1].log[0].status).toMatch(/^250/);

    // Done with these channels: the next tests bring their own.
    for (const id of [operatorMail, contact, hook]) expect((await tp.api('DELETE', `/api/v1/notification-channels/${id}`)).status).toBe(200);
  });
});

describe('delivery', () => {
  it('retries a failing receiver with exponential backoff, every attempt in the log', async () => {
    const failing = await startHttpReceiver();
    failing.answer = (_r, n) => (n <= 2 ? { status: 503, body: 'busy' } : { status: 204, body: '' });
    try {
      const id = await channel({ kind: 'webhook', name: 'flaky', target: `${failing.url}/hook` });
      await tp.platform.context.flags.raise(device.deviceId, 'rate_limited', flagReason('replay', { seq: 1, lastSeq: 90 }), {});
      const t0 = now;
      expect((await evaluate()).raised).toBe(1); // device_flagged
      expect(failing.requests).toHaveLength(1);
      const [first] = await deliveries(`channelId=${id}`);
      expect(first).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(t0 + 1_000).toISOString() });
      expect(first.log).toMatchObject([{ attempt: 1, ok: false, status: '503', error: 'busy' }]);

      now = t0 + 999; // not due yet
      await evaluate();
      expect(failing.requests).toHaveLength(1);
      now = t0 + 1_000; // 1 s after the first
      await evaluate();
      expect(failing.requests).toHaveLength(2);
      now = t0 + 1_000 + 1_999; // the second retry waits twice as long
      await evaluate();
      expect(failing.requests).toHaveLength(2);
      now = t0 + 3_000;
      await evaluate();
      expect(failing.requests).toHaveLength(3);
      const [done] = await deliveries(`channelId=${id}`);
      expect(done).toMatchObject({ state: 'sent', attempts: 3, sentAt: new Date(t0 + 3_000).toISOString() });
      expect(done.log.map((a: any) => [a.attempt, a.ok, a.status])).toEqual([
        [1, false, '503'],
        [2, false, '503'],
        [3, true, '204'],
      ]);
      expect((await tp.api('DELETE', `/api/v1/notification-channels/${id}`)).status).toBe(200);
    } finally {
      await failing.close();
    }
  });

  it('gives up after the last attempt and logs it failed', async () => {
    const down = await startHttpReceiver();
    down.answer = () => ({ status: 500, body: 'down' });
    try {
      const id = await channel({ kind: 'webhook', name: 'down', target: `${down.url}/hook` });
      await tp.platform.context.flags.raise((await enrollTestDevice(tp, factory.token)).deviceId, 'clock_skew', flagReason('clock_ahead', { minutes: 9 }), {});
      // The new device was never heard from either: it raises device_offline too (the clock is
      // hours ahead of its enrollment), so this channel gets two deliveries.
      const t0 = now;
      for (const at of [t0, t0 + 1_000, t0 + 3_000, t0 + 600_000]) {
        now = at;
        await evaluate();
      }
      const log = await deliveries(`channelId=${id}`);
      expect(log.map((d) => d.alarmKind).sort()).toEqual(['device_flagged', 'device_offline']);
      for (const d of log) {
        expect(d).toMatchObject({ state: 'failed', attempts: 3, nextAttemptAt: null });
        expect(d.log.map((a: any) => a.status)).toEqual(['500', '500', '500']);
      }
      expect(down.requests).toHaveLength(6); // EDGENET_NOTIFY_MAX_ATTEMPTS=3 each, none after
      expect((await tp.api('DELETE', `/api/v1/notification-channels/${id}`)).status).toBe(200);
    } finally {
      await down.close();
    }
  });
});

describe('a sender that died', () => {
  it('leaves its claim, and the delivery is sent again once the claim has run out', async () => {
    const slow = await startHttpReceiver(); // answers 200
    try {
      const id = await channel({ kind: 'webhook', name: 'claimed', target: `${slow.url}/hook` });
      const { db } = tp.platform.context;
      const t0 = now;
      await tp.platform.context.flags.raise(
        (await enrollTestDevice(tp, factory.token)).deviceId,
        'rate_limited',
        flagReason('replay', { seq: 1, lastSeq: 90 }),
        {},
      );
      await evaluate();
      const sent = (await deliveries(`channelId=${id}`)).length;
      expect(sent).toBeGreaterThan(0);
      const { notificationDeliveries } = await import('../src/db/schema/index.js');
      const { eq } = await import('drizzle-orm');
      // What a claim leaves when its process dies before the answer: `sending`, leased 2 min.
      await db
        .update(notificationDeliveries)
        .set({ state: 'sending', attempts: 0, nextAttemptAt: new Date(t0 + 120_000) })
        .where(eq(notificationDeliveries.channelId, id));
      const before = slow.requests.length;
      now = t0 + 119_000;
      await evaluate();
      expect(slow.requests).toHaveLength(before); // still claimed
      now = t0 + 120_000;
      await evaluate();
      expect(slow.requests).toHaveLength(before + sent); // the claim ran out: sent again
      expect((await deliveries(`channelId=${id}`)).every((d) => d.state === 'sent')).toBe(true);
      expect((await tp.api('DELETE', `/api/v1/notification-channels/${id}`)).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('robot formats', () => {
  it('posts the WeCom markdown body, and the DingTalk one with its timestamp and sign on the URL', async () => {
    const robots = await startHttpReceiver();
    const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef';
    try {
      const wecom = await channel({ kind: 'wecom', name: '企业微信群', target: `${robots.url}/cgi-bin/webhook/send?key=wk-1` });
      const ding = await channel({ kind: 'dingtalk', name: '钉钉群', target: `${robots.url}/robot/send?access_token=dt-1`, secret: DING_SECRET });
      const other = await seedEnterprise(tp, { uscc: USCC[1], town: '长安' });
      const box = await enrollTestDevice(tp, other.token);
      await tp.platform.context.flags.raise(box.deviceId, 'duplicate_hardware', flagReason('rekeyed_while_connected'), {});
      await evaluate();
      const flagged = (prefix: string) => robots.requests.find((r) => r.url.startsWith(prefix) && r.body.includes('duplicate_hardware'))!;
      const we = flagged('/cgi-bin/webhook/send');
      expect(new URL(we.url, robots.url).searchParams.get('key')).toBe('wk-1');
      const weBody = JSON.parse(we.body);
      expect(Object.keys(weBody).sort()).toEqual(['markdown', 'msgtype']);
      expect(weBody.msgtype).toBe('markdown');
      expect(weBody.markdown.content).toContain('设备被标记');
      expect(weBody.markdown.content).toContain('duplicate_hardware');

      const dt = flagged('/robot/send');
      const params = new URL(dt.url, robots.url).searchParams;
      expect(params.get('access_token')).toBe('dt-1');
      const timestamp = params.get('timestamp')!;
      expect(Number(timestamp)).toBe(now); // milliseconds, as DingTalk asks
      // The receiver's check, as DingTalk documents it: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
      expect(params.get('sign')).toBe(createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64'));
      expect(dt.url).not.toMatch(/sign=[^&]*[+/=]/); // URL-encoded on the wire
      const dtBody = JSON.parse(dt.body);
      expect(dtBody.msgtype).toBe('markdown');
      expect(dtBody.markdown.title).toBe('[edgenet] 设备被标记');
      expect(dtBody.markdown.text).toContain(box.deviceId);
      const sent = (await deliveries('state=sent')).filter((d) => d.alarmKind === 'device_flagged' && d.deviceId === box.deviceId);
      expect(sent.map((d) => d.channelId).sort()).toEqual([wecom, ding].sort());
      for (const id of [wecom, ding]) expect((await tp.api('DELETE', `/api/v1/notification-channels/${id}`)).status).toBe(200);
    } finally {
      await robots.close();
    }
  });

  it('logs a robot that answers errcode ≠ 0 as a failed attempt', async () => {
    const robots = await startHttpReceiver();
    robots.answer = () => ({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    try {
      const id = await channel({ kind: 'dingtalk', name: 'wrong secret', target: `${robots.url}/robot/send?access_token=x`, secret: 'SECwrong-secret' });
      await tp.platform.context.flags.raise(
        (await enrollTestDevice(tp, factory.token)).deviceId,
        'rate_limited',
        flagReason('replay', { seq: 1, lastSeq: 90 }),
        {},
      );
      await evaluate();
      const d = (await deliveries(`channelId=${id}`)).find((x) => x.alarmKind === 'device_flagged')!;
      expect(d.state).toBe('pending');
      expect(d.log[0]).toMatchObject({ ok: false, status: '200' });
      expect(d.log[0].error).toContain('sign not match');
    } finally {
      await robots.close();
    }
  });
});
