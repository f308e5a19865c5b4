// The fleet simulator's coordinator: builds enterprises and projects through the real API,
// makes each device's Ed25519 key, enrolls them in bulk (POST /api/v1/enroll/bulk, 1,000 a request),
// and runs them in several worker processes (sim-worker.mjs), each device a real MQTT connection.
import { fork } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { usccCheckCharacter } from '../../platform/dist/domain/uscc.js';

const WORKER = fileURLToPath(new URL('./sim-worker.mjs', import.meta.url));
const PER_PROJECT = 1_000;
// Every device is a socket in its simulator process, and the hard limit of open files per process
// is 20,000 on the machine the figures come from (`ulimit -Hn`): at most 15,000 devices a process.
const DEVICES_PER_WORKER = 15_000;
const TOWNS = ['松山湖', '长安镇', '虎门镇', '塘厦镇', '东城街道', '南城街道', '常平镇', '大朗镇'];

/** A small HTTP client for the platform API (plain HTTP: the simulator runs next to the platform). */
export function apiClient(baseUrl, token) {
  return async function api(method, path, body) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/**
 * Enrolls `count` simulated devices: one enterprise and project per 1,000, across the towns.
 * Returns everything a worker needs per device (credentials and key), plus timings.
 */
export async function enrollFleet({ api, count, intervalMs, misbehaveShare = 0, runId = Date.now().toString(36) }) {
  const started = Date.now();
  const devices = [];
  for (let p = 0; p * PER_PROJECT < count; p++) {
    const n = Math.min(PER_PROJECT, count - p * PER_PROJECT);
    // A valid unified social credit code for each simulated enterprise (GB 32100-2015).
    const body17 = `91441900${createHash('sha256')
      .update(`${runId}-${p}`)
      .digest('hex')
      .slice(0, 9)
      .toUpperCase()
      .replace(/[IOSVZ]/g, '0')}`;
    const ent = await api('POST', '/api/v1/enterprises', {
      name: `模拟企业 ${runId}-${p}`,
      uscc: body17 + usccCheckCharacter(body17),
      town: TOWNS[p % TOWNS.length],
    });
    const proj = await api('POST', '/api/v1/projects', {
      enterpriseId: ent.id,
      name: `模拟项目 ${p}`,
      totalInvestmentFen: 50_000_000,
      eligibleInvestmentFen: 40_000_000,
      windowStart: '2025-07-01',
      windowEnd: '2026-06-30',
    });
    const { token } = await api('POST', `/api/v1/projects/${proj.id}/enrollment-tokens`, { maxUses: n, expiresInHours: 24 });
    const batch = Array.from({ length: n }, (_, i) => ({
      i: p * PER_PROJECT + i,
      ...ed25519Pair(),
      fingerprint: createHash('sha256').update(`${runId}-device-${p}-${i}`).digest('hex'),
    }));
    const res = await api('POST', '/api/v1/enroll/bulk', {
      token,
      heartbeatIntervalMs: intervalMs,
      devices: batch.map((b) => ({
        kind: 'compute_box',
        fingerprint: b.fingerprint,
        publicKey: b.x,
        agentVersion: 'fleet-sim',
        inventory: { cpuBrand: 'simulated' },
      })),
    });
    res.devices.forEach((r, i) => {
      const b = batch[i];
      devices.push({
        deviceId: r.deviceId,
        password: r.password,
        fingerprint: b.fingerprint,
        x: b.x,
        d: b.d,
        nextSeq: 1,
        workstations: [`WS-${p}-${String(i).padStart(4, '0')}`],
        misbehaves: b.i < Math.round(count * misbehaveShare),
      });
    });
  }
  return { devices, enrollMs: Date.now() - started };
}

/** Simulator processes for a fleet: at least 4 (the coordinator's CPU is spread), 15,000 devices each at most. */
export function defaultWorkers(count) {
  return Math.max(4, Math.ceil(count / DEVICES_PER_WORKER));
}

/**
 * Starts the devices in `workers` processes, spreading connections over the loopback source
 * addresses so 100,000 connections do not run out of ephemeral ports (about 28,000 per source
 * address and destination on Linux's default ip_local_port_range).
 */
export function startFleet({
  devices,
  workers = defaultWorkers(devices.length),
  host,
  port,
  ca = null,
  intervalMs,
  rampMs,
  sources,
  disconnectChance = 0,
  resume = true, // offer each device's last TLS session on reconnect (sim-worker.mjs openTls)
  paused = false,
}) {
  const forger = { kty: 'OKP', crv: 'Ed25519', ...ed25519Pair() };
  const procs = [];
  const latest = new Map();
  const connectTimes = [];
  for (let w = 0; w < workers; w++) {
    const slice = devices.filter((_, i) => i % workers === w);
    const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=4096'] });
    child.on('message', (m) => {
      if (m.type === 'stats') {
        latest.set(w, m.stats);
        connectTimes.push(...m.stats.connectedAt);
      }
    });
    child.send({
      type: 'start',
      devices: slice,
      config: { host, port, ca, intervalMs, rampMs, sources, disconnectChance, resume, forgerJwk: forger, paused },
    });
    procs.push(child);
  }
  const total = (key) => [...latest.values()].reduce((n, s) => n + (s[key] ?? 0), 0);
  return {
    connected: () => total('connected'),
    total,
    /** The times of the connection acknowledgements since the last call. */
    takeConnectTimes: () => connectTimes.splice(0),
    /** Devices skip their heartbeats while paused (a connection-cost window), and resume after. */
    pause(paused) {
      for (const p of procs) p.send({ type: 'pause', paused });
    },
    /** Drops `count` connected devices' connections, spread over the workers; they reconnect. */
    reconnect(count) {
      for (const [w, p] of procs.entries()) p.send({ type: 'reconnect', count: Math.floor(count / workers) + (w < count % workers ? 1 : 0) });
    },
    /** Asks every worker for its figures now (they report once a second anyway). */
    async refresh() {
      await Promise.all(
        procs.map(
          (p) =>
            new Promise((resolve) => {
              const onStats = (m) => {
                if (m.type !== 'stats') return;
                p.off('message', onStats);
                resolve(undefined);
              };
              p.on('message', onStats);
              p.send({ type: 'stats' });
            }),
        ),
      );
    },
    async drain() {
      const results = await Promise.all(
        procs.map(
          (p) =>
            new Promise((resolve) => {
              p.on('message', (m) => m.type === 'drained' && resolve(m.stats));
              p.send({ type: 'drain' });
            }),
        ),
      );
      return results;
    },
    /** Closes every device's connection and waits for the workers to exit. */
    async stop() {
      await Promise.all(
        procs.map(
          (p) =>
            new Promise((resolve) => {
              if (p.exitCode !== null || p.signalCode !== null) return resolve(undefined);
              p.once('exit', resolve);
              if (p.connected) p.send({ type: 'stop' });
              else p.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/**
 * A new Ed25519 key pair as its raw JWK members (base64url): `x` public, `d` private. Encoded by
 * generateKeyPairSync itself (DER, whose last 32 bytes are the key), not by exporting the KeyObjects
 * as JWK: Node 20 holds the key's mutex while it builds the JWK's strings, a garbage collection
 * there may destroy the finished key-generation job that shares that mutex, and the process
 * deadlocks (seen here: a run hung for good in enrollment; ~KeyGenJob waiting in ExportJWKEdKey).
 */
function ed25519Pair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' }, // 12-byte header + 32-byte key
    privateKeyEncoding: { type: 'pkcs8', format: 'der' }, // 16-byte header + 32-byte key
  });
  return { x: publicKey.subarray(-32).toString('base64url'), d: privateKey.subarray(-32).toString('base64url') };
}

/** "127.0.0.2-127.0.0.9" → every address in the range (last octet). */
export function sourceRange(spec) {
  const [from, to = from] = spec.split('-');
  const prefix = from.split('.').slice(0, 3).join('.');
  const a = Number(from.split('.')[3]);
  const b = Number(to.split('.')[3]);
  return Array.from({ length: b - a + 1 }, (_, i) => `${prefix}.${a + i}`);
}
