#!/usr/bin/env node
// `npm run demo`: a living dashboard within a minute. Starts the platform (PGlite in a
// fresh folder, plain HTTP), creates enterprises, projects and workstations across several towns
// through the real API, enrolls a few hundred simulated devices (scripts/demo/sim-device.mjs: real
// MQTT, signed edge.v1, the last hours as a store-and-forward backlog so the charts have a history)
// plus one real `edge-agent` running the shipped model, then prints the dashboard URL and tokens.
//
// Settings (environment): DEMO_DEVICES (300), DEMO_HISTORY_HOURS (since yesterday 00:00), DEMO_DATA_DIR (a new temp
// folder, removed on exit), DEMO_AGENT (true); and any EDGENET_* setting of the platform
// (EDGENET_HTTP_PORT 8080, EDGENET_MQTT_PORT 1884 since Mosquitto often holds 1883; 0 = any free port).
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { loadConfig, startPlatform, createLogger } from '../platform/dist/index.js';
import { SimDevice } from './demo/sim-device.mjs';
import { mulberry32 } from './lib/mulberry32.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const DEVICES = int(env.DEMO_DEVICES, 300);
// Default history: from the start of yesterday (Asia/Shanghai) to now, so the alerts can compare
// today's hours with the same hours of yesterday and the 30-day chart has a whole day.
const HISTORY_HOURS = int(env.DEMO_HISTORY_HOURS, Math.ceil(24 + ((Date.now() + 8 * 3_600_000) % 86_400_000) / 3_600_000));
const WITH_AGENT = env.DEMO_AGENT !== 'false';
// The projects' assessment windows start on the day the replayed history starts (Asia/Shanghai)
// and run a year, so a certification of the demo's days (that day to today) includes every project.
const HISTORY_START_MS = Date.now() - HISTORY_HOURS * 3_600_000;
const shanghaiDay = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const WINDOW_START = shanghaiDay(HISTORY_START_MS);
const WINDOW_END = shanghaiDay(Date.parse(`${WINDOW_START}T00:00:00Z`) + 364 * 86_400_000);
const ownDataDir = !env.DEMO_DATA_DIR;
const dataDir = env.DEMO_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'edgenet-demo-'));
const operatorToken = `op_demo_${randomBytes(16).toString('hex')}`;

const rand = mulberry32(20260601); // every demo builds the same fleet

const TOWNS = ['松山湖', '长安镇', '虎门镇', '塘厦镇', '大朗镇', '寮步镇'];
const ENTERPRISES = [
  ['东莞市精工五金制品有限公司', '长安镇'],
  ['广东华创电子科技有限公司', '松山湖'],
  ['东莞市恒达模具有限公司', '长安镇'],
  ['东莞虎门服装智造有限公司', '虎门镇'],
  ['塘厦精密注塑有限公司', '塘厦镇'],
  ['大朗毛织智能制造有限公司', '大朗镇'],
  ['寮步汽车零部件有限公司', '寮步镇'],
  ['松山湖智能装备有限公司', '松山湖'],
  ['东莞市新材科技有限公司', '塘厦镇'],
  ['虎门线缆科技有限公司', '虎门镇'],
  ['东莞市光电显示有限公司', '松山湖'],
  ['长安精密电路有限公司', '长安镇'],
];
// Shift patterns of the factories (hours of the day, Asia/Shanghai, when their lines run).
const PATTERNS = { '24x7': () => true, twoShifts: (h) => h >= 6, dayShift: (h) => h >= 7 && h < 22 };

function int(raw, fallback) {
  const v = Number(raw);
  return raw === undefined || raw === '' || !Number.isInteger(v) || v < 0 ? fallback : v;
}

// GB 32100-2015 check character, so each demo enterprise has a valid unified social credit code.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(n) {
  const body = `91441900MA${String(n).padStart(7, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i], 0);
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}

async function main() {
  // Errors only by default: the demo's point is the dashboard (EDGENET_LOG_LEVEL=info shows the platform's log).
  const log = createLogger(env.EDGENET_LOG_LEVEL ?? 'error');
  const config = loadConfig({
    EDGENET_HTTPS: 'false', // the demo runs on one machine; `npm start` shows the TLS set-up
    EDGENET_MQTT_PLAIN: 'true',
    EDGENET_MQTT_PORT: '1884',
    EDGENET_MQTTS_PORT: '0',
    EDGENET_DATA_DIR: dataDir,
    EDGENET_OPERATOR_TOKEN: operatorToken,
    EDGENET_LOG_LEVEL: 'error',
    EDGENET_ALERT_OFFLINE_MINUTES: '5', // so the offline alerts fill within the demo's first minutes
    // The demo enrolls hundreds of devices from one address in a few seconds.
    EDGENET_RATE_LIMIT_PER_IP: '1000000',
    EDGENET_RATE_LIMIT_PER_TOKEN: '1000000',
    ...Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('EDGENET_') || k === 'DATABASE_URL')),
  });
  const platform = await startPlatform(config, log);
  const host = config.httpHost === '0.0.0.0' ? 'localhost' : config.httpHost;
  const base = `http://${host === 'localhost' ? '127.0.0.1' : host}:${platform.httpPort}`;
  const mqttUrl = `mqtt://127.0.0.1:${platform.mqttPort}`;
  const api = async (method, path, body, token = operatorToken) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : undefined;
  };

  const sims = [];
  let agent = null;
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the demo…\n`);
    agent?.kill('SIGTERM');
    await Promise.all(sims.map((s) => s.stop()));
    await platform.close();
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // Enterprises, projects, workstations, enrollment tokens: the operator's set-up, through the API.
  const started = Date.now();
  const enterprises = [];
  for (const [i, [name, town]] of ENTERPRISES.entries()) {
    const ent = await api('POST', '/enterprises', { name, uscc: uscc(1000 + i), town });
    const projects = [];
    for (let p = 0; p < (i % 3 === 0 ? 2 : 1); p++) {
      const totalFen = (30 + Math.floor(rand() * 250)) * 1_000_000; // 300,000 to 2,800,000 yuan
      projects.push(
        await api('POST', '/projects', {
          enterpriseId: ent.id,
          name: ['视觉质检产线改造', '设备预测性维护', '数字化车间升级'][(i + p) % 3],
          totalInvestmentFen: totalFen,
          eligibleInvestmentFen: Math.floor((totalFen * 8) / 10),
          windowStart: WINDOW_START,
          windowEnd: WINDOW_END,
        }),
      );
    }
    const pattern = Object.keys(PATTERNS)[i % 3];
    enterprises.push({ ...ent, projects, pattern, outage: i === 3, nextWs: 1 });
  }

  // Devices: spread over the enterprises (some bigger than others), 2 to 6 workstations each.
  const weights = enterprises.map((_, i) => 1 + ((i * 7) % 5));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const plan = [];
  enterprises.forEach((e, i) => {
    const n = i === enterprises.length - 1 ? DEVICES - plan.length : Math.round((DEVICES * weights[i]) / totalWeight);
    for (let k = 0; k < n && plan.length < DEVICES; k++) plan.push(e);
  });
  const tokens = new Map();
  for (const e of enterprises) {
    for (const p of e.projects)
      tokens.set(p.id, (await api('POST', `/projects/${p.id}/enrollment-tokens`, { maxUses: DEVICES + 1, expiresInHours: 24 })).token);
  }
  const kinds = ['compute_box', 'compute_box', 'industrial_pc', 'server'];
  const specs = plan.map((e, n) => {
    const project = e.projects[n % e.projects.length];
    const count = 2 + Math.floor(rand() * 5);
    const workstations = Array.from({ length: count }, () => `L${Math.ceil(e.nextWs / 8)}-${String(((e.nextWs++ - 1) % 8) + 1).padStart(2, '0')}`);
    return { e, project, workstations, kind: kinds[n % kinds.length], n };
  });
  // Register the workstations (a few requests at a time), then enroll each device with its own key.
  await inBatches(
    specs.flatMap((s) => s.workstations.map((code) => () => api('POST', '/workstations', { enterpriseId: s.e.id, code }))),
    8,
  );
  const enrolled = await inBatches(
    specs.map((s) => async () => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const serial = `DG${String(s.n).padStart(6, '0')}`;
      const inventory = {
        systemManufacturer: ['Advantech', 'Huawei', 'Inspur', 'Lenovo'][s.n % 4],
        systemModel: { compute_box: 'Atlas 500', industrial_pc: 'IPC-610', server: 'NF5280M6' }[s.kind],
        systemSerial: serial,
        boardSerial: `B${serial}`,
        systemUuid: `4c4c4544-0000-1000-8000-${String(s.n).padStart(12, '0')}`,
        cpuBrand: s.kind === 'server' ? 'Intel Xeon Silver 4314' : 'Intel Core i7-1185G7E',
        cpuCores: s.kind === 'server' ? 32 : 8,
        cpuPhysicalCores: s.kind === 'server' ? 16 : 4,
        memoryBytes: (s.kind === 'server' ? 128 : 16) * 1024 ** 3,
        osPlatform: 'linux',
        osDistro: 'Ubuntu',
        osRelease: '22.04',
        arch: 'x64',
        // One box in the fleet is a virtual machine posing as hardware: the platform flags it.
        ...(s.n === 7 ? { virtual: true, virtualHost: 'KVM', systemManufacturer: 'QEMU', systemModel: 'Standard PC (Q35 + ICH9, 2009)' } : {}),
      };
      const fingerprint = createHash('sha256').update(`${serial}|B${serial}|${inventory.systemUuid}`).digest('hex');
      const res = await fetch(`${base}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token: tokens.get(s.project.id),
          kind: s.kind,
          fingerprint,
          publicKey: publicKey.export({ format: 'jwk' }).x,
          agentVersion: 'demo-sim 0.1',
          inventory,
          workstations: s.workstations,
        }),
      });
      const body = await res.json();
      if (res.status !== 201) throw new Error(`enroll: ${res.status} ${JSON.stringify(body)}`);
      const up = PATTERNS[s.e.pattern];
      const gaps = rand() < 0.1; // some boxes had a bad night
      return new SimDevice({
        deviceId: body.deviceId,
        password: body.mqtt.password,
        privateKey,
        fingerprint,
        kind: s.kind,
        workstations: s.workstations,
        inventory,
        intervalMs: 10_000,
        mqttUrl,
        rand: mulberry32(s.n + 1),
        enterprise: s.e,
        onlineAt: (ms) => {
          const hour = new Date(ms + 8 * 3_600_000).getUTCHours();
          return up(hour) && !(gaps && hour >= 1 && hour < 4);
        },
      });
    }),
    8,
  );
  sims.push(...enrolled);
  // The backlog replays hours before these enrollments, and a heartbeat dated before its device's
  // enrollment never counts (docs/certification.md "Filing rule"). The demo pretends its fleet was
  // enrolled before its history: a demo-only write to its own throw-away database, before any
  // device connects (the platform reads the enrollment time when a device first connects).
  await platform.context.db.execute(sql`update devices set enrolled_at = ${new Date(HISTORY_START_MS - 3_600_000)}`);

  // Connect everyone, send the backlog (paced: 4 a second per device, under the platform's
  // per-device rate limit), then live heartbeats. The "outage" enterprise lost its network at
  // midnight: its backlog ends there and it stays away (an online-share alert). A few others
  // flap: dropped and back a minute later.
  const midnight = Math.floor((Date.now() + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
  await inBatches(
    sims.map((s) => () => s.connect()),
    20,
  );
  for (const s of sims) {
    const outage = s.enterprise.outage && rand() < 0.8;
    void s
      .backlog(HISTORY_HOURS, 4, outage ? midnight : undefined)
      .then(async () => {
        if (outage) return s.drop();
        await s.heartbeat(Date.now());
        s.live();
      })
      .catch(() => undefined);
  }
  const flapper = setInterval(() => {
    for (const s of sims) {
      if (s.stopped || s.enterprise.outage || !s.client?.connected || rand() > 0.004) continue;
      void s.drop().then(() =>
        setTimeout(
          () => {
            if (stopping) return;
            s.connect()
              .then(() => s.heartbeat(Date.now()))
              .then(() => s.live())
              .catch(() => undefined);
          },
          20_000 + rand() * 70_000,
        ),
      );
    }
  }, 5_000);
  flapper.unref();
  // Two devices go offline for good a little later (they appear in the offline alerts).
  setTimeout(
    () =>
      sims
        .filter((s) => !s.enterprise.outage)
        .slice(-2)
        .forEach((s) => {
          s.stopped = true;
          void s.drop();
        }),
    30_000,
  ).unref();

  // One real edge-agent process, running the shipped model when the agent build has it.
  let agentNote = 'not started (DEMO_AGENT=false)';
  const cli = join(ROOT, 'agent/dist/cli.js');
  if (WITH_AGENT && existsSync(cli)) {
    const dir = join(dataDir, 'agent');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'hardware.json'),
      JSON.stringify({
        systemSerial: 'DEMO-AGENT-1',
        boardSerial: 'DEMO-AGENT-BRD-1',
        systemUuid: '4c4c4544-0000-1000-8000-00000000a9e1',
        writtenAt: new Date().toISOString(),
      }),
    );
    const e = enterprises[1];
    await api('POST', '/workstations', { enterpriseId: e.id, code: 'AGENT-01' });
    await api('POST', '/workstations', { enterpriseId: e.id, code: 'AGENT-02' });
    const token = tokens.get(e.projects[0].id);
    const enroll = await run(process.execPath, [
      cli,
      'enroll',
      '--platform',
      base,
      '--token',
      token,
      '--workstations',
      'AGENT-01,AGENT-02',
      '--kind',
      'industrial_pc',
      '--heartbeat-interval-ms',
      '5000',
      '--state-dir',
      dir,
    ]);
    if (enroll.code !== 0) {
      agentNote = `enroll failed: ${enroll.output.trim().split('\n').at(-1)}`;
    } else {
      const args = [cli, 'run', '--state-dir', dir];
      if (hasModel()) {
        writeFileSync(
          join(dir, 'config.json'),
          JSON.stringify({
            inference: {
              models: [
                { name: 'surface-defect', path: 'builtin:surface-defect-v1', workstation: 'AGENT-01', input: { type: 'synthetic', ratePerSecond: 10 } },
                { name: 'surface-defect', path: 'builtin:surface-defect-v1', workstation: 'AGENT-02', input: { type: 'synthetic', ratePerSecond: 5 } },
              ],
            },
          }),
        );
        args.push('--config', join(dir, 'config.json'));
        agentNote = 'running the shipped model surface-defect-v1 on AGENT-01 and AGENT-02';
      } else {
        agentNote = 'running without a model (agent/models/surface-defect-v1.onnx or onnxruntime-node missing)';
      }
      agent = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, EDGE_AGENT_LOG_LEVEL: 'warn' } });
      const agentId = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')).deviceId;
      agentNote += `\n               device page: ${base.replace('127.0.0.1', host)}/#/devices/${agentId}`;
    }
  } else if (WITH_AGENT) {
    agentNote = 'not started: agent/dist/cli.js is missing (run npm run build)';
  }

  const bureau = await api('POST', '/api-tokens', { name: '市科学技术局（演示）', role: 'bureau' });
  const factory = await api('POST', '/api-tokens', { name: `${enterprises[1].name} IT`, role: 'enterprise', enterpriseId: enterprises[1].id });
  const url = `http://${host}:${platform.httpPort}/`;
  process.stdout.write(
    [
      '',
      'edgenet demo is running (东莞市边端智算网络平台 · 运营看板)',
      `  dashboard     ${url}`,
      `  operator token    ${operatorToken}`,
      `  bureau token      ${bureau.token}`,
      `  enterprise token  ${factory.token}   (${enterprises[1].name} only)`,
      `  fleet         ${sims.length} simulated devices in ${enterprises.length} enterprises across ${TOWNS.length} towns (set up in ${((Date.now() - started) / 1000).toFixed(1)} s);`,
      `                the last ${HISTORY_HOURS} h arrive first as a store-and-forward backlog (about ${sims.length * HISTORY_HOURS * 12} heartbeats), so the charts fill over the next minutes`,
      `  certify       a window from ${WINDOW_START} to today: the projects' assessment windows (${WINDOW_START} – ${WINDOW_END}) start with the history`,
      `  real agent    ${agentNote}`,
      `  MQTT          ${mqttUrl}   API ${base}/api/v1   OpenAPI ${base}/docs`,
      `  data          ${dataDir} (${ownDataDir ? 'removed on exit' : 'kept'})`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

function hasModel() {
  if (!existsSync(join(ROOT, 'agent/models/surface-defect-v1.onnx'))) return false;
  try {
    createRequire(join(ROOT, 'agent/package.json')).resolve('onnxruntime-node');
    return true;
  } catch {
    return false;
  }
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

async function inBatches(tasks, width) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
