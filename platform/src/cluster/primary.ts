// A cluster's primary (EDGENET_WORKERS > 1). One Node.js process uses one core for JavaScript and,
// here, holds at most as many connections as its file-descriptor limit: a province on one server
// needs several. The primary prepares once (certificates, migrations, operator token, signing key,
// every device offline), forks the workers, which share the API and broker ports and accept their
// own connections, and relays session takeovers and figures between them. It restarts a worker that
// dies; its devices reconnect to the others meanwhile.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { printBanner } from '../banner.js';
import type { PlatformConfig } from '../config.js';
import { PlatformError } from '../errors.js';
import { prepareCluster } from '../platform.js';
import { stopOnSignals } from '../shutdown.js';
import { isClusterMessage, type ClusterMessage } from './messages.js';

type Listening = Extract<ClusterMessage, { type: 'edgenet:listening' }>;

const RESTART_DELAY_MS = 1_000;

export async function runPrimary(config: Readonly<PlatformConfig>, log: Logger): Promise<void> {
  const prepared = await prepareCluster(config, log);
  // Each worker accepts its own connections from the shared socket (SCHED_NONE). node:cluster's
  // default round robin has the primary accept every connection and queue it until a worker takes
  // it: under a 100,000-device ramp with busy workers the primary ran out of file descriptors
  // (20,000 here) holding connections no worker had taken, and new devices hung. Without it, a busy
  // worker simply accepts less, the kernel's accept queue holds the rest, and each worker's own cap
  // (broker/connection-limit.ts) turns an excess away. NODE_CLUSTER_SCHED_POLICY=rr restores round
  // robin (the tests use it to place consecutive connections in different workers).
  if (!process.env.NODE_CLUSTER_SCHED_POLICY) cluster.schedulingPolicy = cluster.SCHED_NONE;
  /** The worker holding each device's newest session. */
  const owner = new Map<string, Worker>();
  /** Each worker's latest own heartbeat rates and ingest figures. */
  const latest = new Map<Worker, Extract<ClusterMessage, { type: 'edgenet:figures' }>>();
  let stopping = false;

  const start = (index: number): Promise<Listening> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ EDGENET_WORKER_INDEX: String(index) });
      let listening = false;
      worker.on('message', (m: unknown) => {
        if (!isClusterMessage(m)) return;
        if (m.type === 'edgenet:connected') {
          const before = owner.get(m.deviceId);
          owner.set(m.deviceId, worker);
          if (before && before !== worker && before.isConnected()) {
            before.send({ type: 'edgenet:connected-elsewhere', deviceId: m.deviceId, remoteAddress: m.remoteAddress });
          }
        } else if (m.type === 'edgenet:figures') {
          latest.set(worker, m);
          const others = [...latest].filter(([w]) => w !== worker).map(([, f]) => f);
          worker.send({ type: 'edgenet:figures-elsewhere', rates: sumRates(others.map((f) => f.rates)), figures: others.map((f) => f.figures) });
        } else if (m.type === 'edgenet:commands-waiting') {
          const holder = owner.get(m.deviceId);
          if (holder && holder !== worker && holder.isConnected()) holder.send(m);
        } else if (m.type === 'edgenet:reset-latency' || m.type === 'edgenet:device-status') {
          for (const w of Object.values(cluster.workers ?? {})) if (w && w !== worker && w.isConnected()) w.send(m);
        } else if (m.type === 'edgenet:listening') {
          listening = true;
          resolve(m);
        }
      });
      worker.on('exit', (code, signal) => {
        for (const [deviceId, w] of owner) if (w === worker) owner.delete(deviceId);
        latest.delete(worker);
        if (stopping) return;
        // A worker that never listened has said why on its stderr (a taken port, a bad file): the
        // next one would fail the same way.
        if (!listening) return reject(new PlatformError('EDGENET_ERR_STARTUP', `worker ${index} exited before listening (code ${code}, signal ${signal})`));
        log.error({ worker: index, code, signal }, 'worker died; starting another');
        setTimeout(() => void start(index).catch((err: unknown) => log.error({ err }, 'worker restart failed')), RESTART_DELAY_MS);
      });
    });

  const stopAll = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve) => {
            w.once('exit', resolve);
            w.process.kill('SIGTERM');
          }),
      ),
    );
  };
  stopOnSignals(log, stopAll);
  let ports: Listening;
  try {
    [ports] = (await Promise.all(Array.from({ length: config.workers }, (_, i) => start(i)))) as [Listening];
  } catch (err) {
    await stopAll();
    throw err;
  }
  // Every worker listens: only now is the cluster "running".
  printBanner(config, { ...prepared, ...ports, httpScheme: config.https ? 'https' : 'http', backend: 'postgres' });
}

function sumRates(list: readonly Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const r of list) for (const [scope, perSecond] of Object.entries(r)) sum[scope] = (sum[scope] ?? 0) + perSecond;
  return sum;
}
