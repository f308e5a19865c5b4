// The attack run: the real platform process (HTTPS, MQTTS and plain MQTT) with 50 real devices
// heartbeating every second over MQTTS, attacked from another loopback address (127.0.0.2, so the
// per-address caps never touch the devices on 127.0.0.1) by child processes — one process's
// open-file limit is 20,000 — with (HTTP bodies from 127.0.0.3):
//   - 20,000 idle sockets on the API port and 20,000 on the MQTTS port, reopened as they are closed;
//   - a CONNECT flood with wrong credentials on plain MQTT;
//   - CONNECTs with 60,000-character client ids;
//   - 5,000-deep JSON bodies and 8 MiB anonymous /enroll/bulk bodies on the API.
// Meanwhile: every heartbeat a device was acknowledged is stored, devices keep being acknowledged,
// ten devices disconnect and connect again in the middle of it, /healthz (polled every 250 ms from
// 127.0.0.1) answers within 1 s every time; afterwards the platform's RSS is back near its baseline
// and its log grew by less than 1 MB. Judged by counts and generous deadlines; rates are printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database.js';
import { enrollTestDevice, type TestDevice } from '../helpers/device.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { OPERATOR_TOKEN, type TestPlatform } from '../helpers/platform.js';
import { spawnPlatform } from '../helpers/platform-process.js';

const DEVICES = 50;
const IDLE_PER_PORT = 20_000;
const ATTACKERS_PER_PORT = 2; // 10,000 sockets each, under a process's 20,000 descriptors
const ATTACK_MS = 40_000;
const ATTACKER = '127.0.0.2';
const ABUSER = '127.0.0.3'; // the HTTP bodies: not refused by the idle flood's per-address cap
/** A device that lost its connection is back within this, through the flood. */
const RECONNECT_WITHIN_MS = 30_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// One attacker process. Kinds: idle (open `count` sockets as fast as it can, send nothing, then
// reopen what the server closes, at most `perS` new sockets a second), connect-flood (CONNECTs with wrong credentials), long-ids
// (CONNECTs with 60,000-character client ids). Prints one JSON line of figures when done.
const ATTACKER_SCRIPT = String.raw`
import { connect } from 'node:net';
const o = JSON.parse(process.argv[1]);
const f = { opened: 0, refusedFast: 0, closedLater: 0, maxOpen: 0, errors: 0, connack: {} };
let open = 0;
let connecting = 0;
const pending = () => connecting;
const end = Date.now() + o.durationMs;
const str = (b) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
function connectPacket(id) {
  const body = Buffer.concat([str(Buffer.from('MQTT')), Buffer.from([4, 0xc2, 0, 60]), str(Buffer.from(id)), str(Buffer.from('attacker')), str(Buffer.from('wrong-password'))]);
  const len = [];
  for (let n = body.length; ; ) { const b = n % 128; n = Math.floor(n / 128); len.push(n > 0 ? b | 0x80 : b); if (n === 0) break; }
  return Buffer.concat([Buffer.from([0x10, ...len]), body]);
}
function one(i) {
  const s = connect({ host: '127.0.0.1', port: o.port, localAddress: o.localAddress });
  const at = Date.now();
  let connected = false;
  f.opened++;
  connecting++;
  s.on('connect', () => {
    connected = true;
    connecting--;
    open++; f.maxOpen = Math.max(f.maxOpen, open);
    if (o.kind === 'connect-flood') s.write(connectPacket('flood-' + i));
    if (o.kind === 'long-ids') s.write(connectPacket(i + '-' + 'x'.repeat(60000)));
  });
  s.on('data', (d) => { if (d[0] === 0x20) { f.connack[d[3]] = (f.connack[d[3]] ?? 0) + 1; s.destroy(); } });
  s.on('error', () => { f.errors++; });
  s.on('close', () => {
    if (connected) open--; else connecting--;
    if (Date.now() - at < 200) f.refusedFast++; else f.closedLater++;
  });
}
let i = 0;
const tick = setInterval(() => {
  if (Date.now() > end) {
    clearInterval(tick);
    setTimeout(() => { process.stdout.write(JSON.stringify(f) + '\n'); process.exit(0); }, 500);
    return;
  }
  const filling = o.kind === 'idle' && f.opened < o.count;
  const want = o.kind === 'idle' ? Math.min(o.count - open - pending(), filling ? 1000 : Math.ceil(o.perS / 10)) : Math.ceil(o.perS / 10);
  for (let k = 0; k < want && (o.kind !== 'long-ids' || i < o.count); k++) one(i++);
}, 100);
`;

interface Figures {
  opened: number;
  refusedFast: number;
  closedLater: number;
  maxOpen: number;
  errors: number;
  connack: Record<string, number>;
}

function attacker(opts: { kind: 'idle' | 'connect-flood' | 'long-ids'; port: number; count: number; perS: number; durationMs: number }): {
  child: ChildProcess;
  done: Promise<Figures>;
} {
  const child = spawn(process.execPath, ['--input-type=module', '-e', ATTACKER_SCRIPT, JSON.stringify({ ...opts, localAddress: ATTACKER })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<Figures>((resolve, reject) => {
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as Figures);
      } catch {
        reject(new Error(`attacker ${opts.kind} on ${opts.port} printed ${JSON.stringify(out.slice(0, 200))}`));
      }
    });
  });
  return { child, done };
}

function rssKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

describe('attack on the network edge', () => {
  it('keeps devices heartbeating and /healthz answering through idle, connect, client-id, JSON and body floods', async () => {
    const db = await createTestDatabase();
    const proc = await spawnPlatform({
      EDGENET_HTTPS: 'true',
      EDGENET_MQTT_PLAIN: 'true',
      EDGENET_MQTT_HOST: '127.0.0.1',
      EDGENET_MQTT_PORT: '0',
      EDGENET_DATA_DIR: db.dataDir,
      EDGENET_LOG_LEVEL: 'info',
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    });
    const pid = proc.child.pid!;
    const children: ChildProcess[] = [];
    try {
      const port = Number(new URL(proc.baseUrl).port);
      expect(proc.baseUrl).toMatch(/^https:/);
      const ca = readFileSync(join(db.dataDir, 'tls', 'ca.pem'), 'utf8');
      const agent = new Agent({ keepAlive: true, ca, servername: 'localhost', maxSockets: 8 });
      const https = (method: string, path: string, body?: unknown, token: string | null = OPERATOR_TOKEN, timeoutMs = 30_000) =>
        new Promise<{ status: number; body: any; ms: number }>((resolve, reject) => {
          const started = Date.now();
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path,
              method,
              agent,
              timeout: timeoutMs,
              headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            },
            (res) => {
              let text = '';
              res.on('data', (c) => (text += c));
              res.on('end', () => resolve({ status: res.statusCode!, body: text.startsWith('{') ? JSON.parse(text) : text, ms: Date.now() - started }));
            },
          );
          req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
          req.on('error', reject);
          req.end(body === undefined ? undefined : JSON.stringify(body));
        });
      const tp = { api: https, mqttUrl: `mqtts://127.0.0.1:${proc.mqttsPort}` } as unknown as TestPlatform;

      // 50 devices over MQTTS, pinned to the platform's CA, one heartbeat a second each.
      const seeded = await seedEnterprise(tp, { maxUses: DEVICES });
      const devices: TestDevice[] = [];
      for (let i = 0; i < DEVICES; i++) devices.push(await enrollTestDevice(tp, seeded.token));
      const tlsOptions = { ca, servername: 'localhost', rejectUnauthorized: true, keepalive: 30 };
      const state = devices.map(() => ({ client: null as MqttClient | null, seq: 0, acked: 0, unacked: 0, lastAckAt: 0, maxGapMs: 0, failedReconnects: 0 }));
      await Promise.all(
        devices.map(async (d, i) => {
          const client = await d.connect(tlsOptions);
          await d.hello(client, 1_000);
          state[i]!.client = client;
          state[i]!.lastAckAt = Date.now();
        }),
      );
      let measuring = false;
      const beat = setInterval(() => {
        devices.forEach((d, i) => {
          const s = state[i]!;
          if (!s.client?.connected) return;
          s.seq += 1;
          d.heartbeat(s.client, s.seq).then(
            () => {
              const now = Date.now();
              if (measuring) s.maxGapMs = Math.max(s.maxGapMs, now - s.lastAckAt);
              s.lastAckAt = now;
              s.acked += 1;
            },
            // Its PUBACK never came: the client was closed with it in flight (the reconnects below).
            // The platform may have stored it all the same: stored, not acknowledged.
            () => {
              s.unacked += 1;
            },
          );
        });
      }, 1_000);

      // /healthz every 250 ms from 127.0.0.1, for the whole run.
      const probes: { ms: number; status: number | string }[] = [];
      let probing = true;
      const poll = (async () => {
        while (probing) {
          const started = Date.now();
          const r = await https('GET', '/healthz', undefined, null, 1_000).catch((err: Error) => ({ status: err.message, ms: Date.now() - started }));
          probes.push({ ms: r.ms, status: r.status });
          await sleep(Math.max(0, 250 - (Date.now() - started)));
        }
      })();

      const stored = async (d: TestDevice) => (await https('GET', `/api/v1/devices/${d.deviceId}/heartbeats?limit=1000`)).body.items.length as number;
      await sleep(10_000);
      const baselineRss = rssKiB(pid);
      const baselineLog = proc.output().length;
      const ackedBefore = state.map((s) => s.acked);
      measuring = true;
      for (const s of state) s.lastAckAt = Date.now();

      // The floods, together.
      const started = Date.now();
      const runs = [
        ...Array.from({ length: ATTACKERS_PER_PORT }, () =>
          attacker({ kind: 'idle', port, count: IDLE_PER_PORT / ATTACKERS_PER_PORT, perS: 100, durationMs: ATTACK_MS }),
        ),
        ...Array.from({ length: ATTACKERS_PER_PORT }, () =>
          attacker({ kind: 'idle', port: proc.mqttsPort, count: IDLE_PER_PORT / ATTACKERS_PER_PORT, perS: 100, durationMs: ATTACK_MS }),
        ),
        attacker({ kind: 'connect-flood', port: proc.mqttPort!, count: 0, perS: 100, durationMs: ATTACK_MS - 10_000 }),
        attacker({ kind: 'long-ids', port: proc.mqttPort!, count: 500, perS: 50, durationMs: ATTACK_MS - 10_000 }),
      ];
      children.push(...runs.map((r) => r.child));

      // HTTP abuse from the attacker's address: deep JSON and 8 MiB anonymous bodies.
      const abuse = { deep: {} as Record<string, number>, bulk: {} as Record<string, number>, bulkMaxMs: 0 };
      const fromAttacker = (path: string, headers: Record<string, string>, body: Buffer | string) =>
        new Promise<{ status: number | string; ms: number }>((resolve) => {
          const t0 = Date.now();
          const req = request(
            { host: '127.0.0.1', port, path, method: 'POST', ca, servername: 'localhost', localAddress: ABUSER, agent: false, timeout: 20_000, headers },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode!, ms: Date.now() - t0 }));
            },
          );
          req.on('timeout', () => req.destroy(new Error('timeout')));
          req.on('error', (err) => resolve({ status: err.message, ms: Date.now() - t0 }));
          req.end(body);
        });
      const httpAbuse = (async () => {
        await sleep(5_000);
        const deep = `{"token":"x","inventory":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;
        const big = Buffer.alloc(8 * 1024 * 1024, 0x20);
        for (let i = 0; i < 100; i++) {
          const d = await fromAttacker('/api/v1/enroll', { 'content-type': 'application/json' }, deep);
          abuse.deep[d.status] = (abuse.deep[d.status] ?? 0) + 1;
          if (i % 5 === 0) {
            const b = await fromAttacker('/api/v1/enroll/bulk', { 'content-type': 'application/json', 'content-length': String(big.length) }, big);
            abuse.bulk[b.status] = (abuse.bulk[b.status] ?? 0) + 1;
            abuse.bulkMaxMs = Math.max(abuse.bulkMaxMs, b.ms);
          }
        }
      })();

      // Ten devices lose their connection in the middle of the flood and must get back in.
      await sleep(ATTACK_MS / 2);
      const reconnectMs: number[] = [];
      await Promise.all(
        devices.slice(0, 10).map(async (d, i) => {
          const s = state[i]!;
          await s.client!.endAsync(true);
          const t0 = Date.now();
          for (;;) {
            try {
              s.client = await d.connect({ ...tlsOptions, connectTimeout: 5_000 });
              s.lastAckAt = Date.now();
              break;
            } catch {
              s.failedReconnects += 1;
              if (Date.now() - t0 > RECONNECT_WITHIN_MS) break;
              await sleep(500);
            }
          }
          reconnectMs.push(Date.now() - t0);
        }),
      );
      const figures = await Promise.all(runs.map((r) => r.done));
      await httpAbuse;
      const attackMs = Date.now() - started;
      measuring = false;
      const rssDuring = rssKiB(pid);

      // Settle, stop the devices, and count what is stored against what was acknowledged.
      await sleep(15_000);
      clearInterval(beat);
      await sleep(3_000);
      probing = false;
      await poll;
      const rssAfter = rssKiB(pid);
      const logGrowth = proc.output().length - baselineLog;
      const storedCounts = await Promise.all(devices.map(stored));
      const ackedDuring = state.map((s, i) => s.acked - ackedBefore[i]!);
      const slowest = Math.max(...probes.map((p) => p.ms));
      const failedProbes = probes.filter((p) => p.status !== 200);
      const idleApi = figures.slice(0, ATTACKERS_PER_PORT);
      const idleMqtts = figures.slice(ATTACKERS_PER_PORT, 2 * ATTACKERS_PER_PORT);
      const sum = (fs: Figures[], k: 'opened' | 'refusedFast' | 'closedLater' | 'maxOpen') => fs.reduce((n, f) => n + f[k], 0);
      console.log(
        `attack: ${attackMs} ms; idle API sockets opened ${sum(idleApi, 'opened')} (refused at once ${sum(idleApi, 'refusedFast')}, closed later ${sum(idleApi, 'closedLater')}, held at most ${sum(idleApi, 'maxOpen')}); ` +
          `idle MQTTS opened ${sum(idleMqtts, 'opened')} (refused at once ${sum(idleMqtts, 'refusedFast')}, closed later ${sum(idleMqtts, 'closedLater')}, held at most ${sum(idleMqtts, 'maxOpen')}); ` +
          `CONNECT flood ${figures.at(-2)!.opened} (CONNACKs ${JSON.stringify(figures.at(-2)!.connack)}); 60,000-char ids ${figures.at(-1)!.opened} (CONNACKs ${JSON.stringify(figures.at(-1)!.connack)}); ` +
          `deep JSON ${JSON.stringify(abuse.deep)}; 8 MiB anonymous bulk ${JSON.stringify(abuse.bulk)} (slowest ${abuse.bulkMaxMs} ms); ` +
          `healthz ${probes.length} probes, slowest ${slowest} ms, failed ${failedProbes.length}; devices acked during attack min ${Math.min(...ackedDuring)} max ${Math.max(...ackedDuring)}, longest gap ${Math.max(...state.map((s) => s.maxGapMs))} ms; ` +
          `reconnects ${JSON.stringify(reconnectMs)} ms (failed tries ${state.reduce((n, s) => n + s.failedReconnects, 0)}, PUBACKs cut off ${state.reduce((n, s) => n + s.unacked, 0)}); ` +
          `RSS baseline ${Math.round(baselineRss / 1024)} MiB, during ${Math.round(rssDuring / 1024)} MiB, after ${Math.round(rssAfter / 1024)} MiB; log grew ${logGrowth} bytes`,
      );

      expect(failedProbes, 'every /healthz answered 200').toEqual([]);
      expect(slowest, '/healthz within 1 s').toBeLessThan(1_000);
      // A flood from one address fills the kernel's accept queue of that port, shared with the
      // devices: a reconnecting device's SYN may wait for a retransmission (1 s, 3 s, 7 s), so
      // getting back in takes seconds, not milliseconds; before the guard it never happened.
      expect(
        reconnectMs.every((ms) => ms < RECONNECT_WITHIN_MS),
        'devices reconnect during the flood',
      ).toBe(true);
      // Acknowledged means stored, for every device; beyond those, at most the ones whose PUBACK was
      // cut off by the forced reconnect (stored, the acknowledgement lost with the connection).
      state.forEach((s, i) => {
        expect(storedCounts[i], `device ${i} stored vs acknowledged`).toBeGreaterThanOrEqual(s.acked);
        expect(storedCounts[i], `device ${i} stored vs published`).toBeLessThanOrEqual(s.acked + s.unacked);
      });
      // Heartbeats kept arriving: each device was acknowledged at least every 10 s, and about once a second.
      expect(Math.max(...state.map((s) => s.maxGapMs))).toBeLessThan(10_000);
      expect(Math.min(...ackedDuring)).toBeGreaterThan((attackMs / 1_000) * 0.5);
      // What the floods met: caps, refusals, codes.
      expect(figures.at(-1)!.connack).toEqual({ 2: expect.any(Number) });
      expect(Object.keys(abuse.deep)).toEqual(['400']);
      // 401 before the body is read, and the connection closed: a client still writing its 8 MiB
      // may see the close (EPIPE, ECONNRESET) before it reads the answer.
      expect(abuse.bulk['401']).toBeGreaterThan(0);
      expect(
        Object.keys(abuse.bulk).every((k) => ['401', 'write EPIPE', 'read ECONNRESET', 'write ECONNRESET'].includes(k)),
        JSON.stringify(abuse.bulk),
      ).toBe(true);
      // Up to ~1,100 idle TLS sockets are admitted at a time (1,000 per address on MQTT, 128 on the
      // API). RSS does not fall all the way back afterwards (measured +52 MiB on PGlite, +96 MiB on
      // PostgreSQL), but it stays flat once the flood is over: a bound, and no growth.
      expect(rssAfter - baselineRss, 'RSS back near its baseline (KiB)').toBeLessThan(128 * 1024);
      expect(rssAfter - rssDuring, 'RSS does not grow after the flood (KiB)').toBeLessThan(16 * 1024);
      expect(logGrowth).toBeLessThan(1024 * 1024);
      agent.destroy();
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      await proc.kill('SIGTERM');
      await db.drop();
    }
  });
});
