#!/usr/bin/env node
// Footprint of the agent, measured the way an operator would: resident memory (VmRSS) and CPU share
// (utime + stime over wall time, from /proc/<pid>/stat) of the real `edge-agent run` process against a
// real platform on this machine, and of Prometheus node_exporter (Debian's prometheus-node-exporter)
// as a well-known reference. `npm run bench:agent` (after npm run build); Linux only.
//   scenario 1: 10 s heartbeat, no models
//   scenario 2: 10 s heartbeat, the demo model at 10 inferences per second (synthetic source)
// BENCH_SECONDS (default 60) is the measured window per scenario, after BENCH_WARMUP_SECONDS (10).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// BENCH_AGENT_ROOT: a packaged agent's directory (an unpacked .deb's usr/lib/edge-agent, or
// /usr/lib/edge-agent on a box) to measure the bundle on its own Node instead of agent/dist.
const packaged = process.env.BENCH_AGENT_ROOT;
const cli = packaged ? join(packaged, 'dist', 'cli.js') : join(root, 'agent', 'dist', 'cli.js');
const nodeBin = packaged ? join(packaged, 'node', 'bin', 'node') : process.execPath;
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const CLK_TCK = 100; // USER_HZ on Linux (sysconf(_SC_CLK_TCK)); /proc/<pid>/stat counts in it

const { loadConfig, startPlatform } = await import(join(root, 'platform', 'dist', 'index.js'));
const { pino } = await import('pino');

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // comm may hold spaces
  return Number(fields[11]) + Number(fields[12]); // utime, stime (proc(5) fields 14 and 15)
}
function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
async function measure(pid) {
  await new Promise((r) => setTimeout(r, warmup * 1000));
  const t0 = performance.now();
  const c0 = cpuTicks(pid);
  const rss = [];
  for (let i = 0; i < seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    rss.push(rssKiB(pid));
  }
  const cpu = (cpuTicks(pid) - c0) / CLK_TCK / ((performance.now() - t0) / 1000);
  return {
    rssMiB: +(Math.max(...rss) / 1024).toFixed(1),
    rssMeanMiB: +(rss.reduce((a, b) => a + b, 0) / rss.length / 1024).toFixed(1),
    cpuPercentOfOneCore: +(cpu * 100).toFixed(2),
  };
}
async function api(base, method, path, body, token) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body && JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
// V8 flags: the unit's (deploy/edge-agent.service ExecStart) for a packaged agent, else none.
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? (packaged ? '--lite-mode --max-old-space-size=128 --disable-warning=DEP0169' : ''))
  .split(' ')
  .filter(Boolean);
function run(args, env = {}) {
  return spawn(nodeBin, [...NODE_FLAGS, cli, ...args], {
    env: { ...process.env, EDGE_AGENT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const token = 'op_bench_operator_token_0123456789abcdef';
const data = mkdtempSync(join(tmpdir(), 'edgenet-bench-'));
const platform = await startPlatform(
  loadConfig({
    EDGENET_HTTP_HOST: '127.0.0.1',
    EDGENET_HTTP_PORT: '0',
    EDGENET_MQTT_HOST: '127.0.0.1',
    EDGENET_MQTT_PORT: '0',
    EDGENET_DATA_DIR: data,
    EDGENET_OPERATOR_TOKEN: token,
    EDGENET_LOG_LEVEL: 'silent',
    // Plain HTTP and MQTT on loopback: the benchmark measures the agent, not TLS (ignored by platforms without TLS).
    EDGENET_HTTPS: 'false',
    EDGENET_MQTT_PLAIN: 'true',
    EDGENET_MQTTS_PORT: '0',
  }),
  pino({ level: 'silent' }),
);
const base = `http://127.0.0.1:${platform.httpPort}`;
const ent = await api(base, 'POST', '/api/v1/enterprises', { name: 'bench', uscc: '91350100M000100Y43', town: '松山湖' }, token);
const proj = await api(
  base,
  'POST',
  '/api/v1/projects',
  {
    enterpriseId: ent.id,
    name: 'bench',
    totalInvestmentFen: 50_000_000,
    eligibleInvestmentFen: 40_000_000,
    windowStart: '2025-07-01',
    windowEnd: '2026-06-30',
  },
  token,
);
await api(base, 'POST', '/api/v1/workstations', { enterpriseId: ent.id, code: 'L1-01' }, token);
const tok = await api(base, 'POST', `/api/v1/projects/${proj.id}/enrollment-tokens`, { maxUses: 2 }, token);
const results = {
  machine: `${cpus()[0]?.model} × ${cpus().length}`,
  node: packaged ? `${nodeBin} (packaged)` : process.version,
  nodeFlags: NODE_FLAGS.join(' '),
  windowSeconds: seconds,
};

const stateDir = mkdtempSync(join(tmpdir(), 'edgenet-bench-agent-'));
const enroll = run([
  'enroll',
  '--platform',
  base,
  '--token',
  tok.token,
  '--workstations',
  'L1-01',
  '--heartbeat-interval-ms',
  '10000',
  '--state-dir',
  stateDir,
]);
await new Promise((r) => enroll.once('exit', r));

const noModels = join(stateDir, 'no-models.json');
writeFileSync(noModels, '{}');
let agent = run(['run', '--state-dir', stateDir, '--config', noModels]);
results.agentNoModels = await measure(agent.pid);
agent.kill('SIGTERM');
await new Promise((r) => agent.once('exit', r));

const withModel = join(stateDir, 'with-model.json');
writeFileSync(
  withModel,
  JSON.stringify({
    inference: {
      models: [{ name: 'surface-defect', path: 'builtin:surface-defect-v1', workstation: 'L1-01', input: { type: 'synthetic', ratePerSecond: 10 } }],
    },
  }),
);
agent = run(['run', '--state-dir', stateDir, '--config', withModel]);
results.agentDemoModel10PerSecond = await measure(agent.pid);
agent.kill('SIGTERM');
await new Promise((r) => agent.once('exit', r));

const exporter = ['/usr/bin/prometheus-node-exporter', '/usr/local/bin/node_exporter'].find((p) => existsSync(p));
if (exporter) {
  // Scraped every 10 s, as a Prometheus server would, so it does comparable periodic work.
  const ne = spawn(exporter, ['--web.listen-address=127.0.0.1:19100'], { stdio: 'ignore' });
  const scrape = setInterval(
    () =>
      void fetch('http://127.0.0.1:19100/metrics')
        .then((r) => r.text())
        .catch(() => undefined),
    10_000,
  );
  results.nodeExporterScrapedEvery10s = await measure(ne.pid);
  clearInterval(scrape);
  ne.kill('SIGTERM');
  const version = spawn(exporter, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let v = '';
  version.stdout.on('data', (c) => (v += c));
  version.stderr.on('data', (c) => (v += c));
  await new Promise((r) => version.once('exit', r));
  results.nodeExporterVersion = v.split('\n')[0];
} else {
  results.nodeExporter = 'not installed (apt-get install prometheus-node-exporter)';
}
await platform.close();
console.log(JSON.stringify(results, null, 2));
