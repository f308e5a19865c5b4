// A cluster worker (EDGENET_WORKERS > 1): the whole platform — API, embedded broker, ingest — in
// shared mode (presence and device state decided in the database, as with several instances on an
// external broker), listening on ports node:cluster shares among the workers. Its broker tells the
// primary of every session it opens and closes a session the primary says moved elsewhere.
import nodeCluster from 'node:cluster';
import type { Logger } from 'pino';
import type { BrokerPeers } from '../broker/index.js';
import type { PlatformConfig } from '../config.js';
import type { ClusterLink } from '../context.js';
import { ownFigures, type IngestFigures } from '../ingest/figures.js';
import { createPlatform } from '../platform.js';
import { stopOnSignals } from '../shutdown.js';
import { isClusterMessage, type ClusterMessage } from './messages.js';

const send = (m: ClusterMessage) => process.send?.(m);
const FIGURES_EVERY_MS = 1_000;

export async function runWorker(config: Readonly<PlatformConfig>, log: Logger): Promise<void> {
  let connectedElsewhere: Parameters<BrokerPeers['onConnectedElsewhere']>[0] = () => undefined;
  const peers: BrokerPeers = {
    announce: (deviceId, remoteAddress) => send({ type: 'edgenet:connected', deviceId, remoteAddress }),
    onConnectedElsewhere: (handler) => (connectedElsewhere = handler),
  };
  const index = Number(process.env.EDGENET_WORKER_INDEX ?? nodeCluster.worker?.id);
  const workerLog = log.child({ worker: index });
  let others: IngestFigures[] = [];
  const cluster: ClusterLink = {
    others: () => others,
    resetLatency: () => send({ type: 'edgenet:reset-latency' }),
    commandsWaiting: (deviceId) => send({ type: 'edgenet:commands-waiting', deviceId }),
    deviceStatus: (deviceId, status) => send({ type: 'edgenet:device-status', deviceId, status }),
  };
  const platform = await createPlatform(config, workerLog, { peers, cluster, sweepsPresence: index === 0, evaluatesAlarms: index === 0 });
  const { rate, ingest, rejects, writer, commands } = platform.context;
  process.on('message', (m: unknown) => {
    if (!isClusterMessage(m)) return;
    if (m.type === 'edgenet:connected-elsewhere') connectedElsewhere(m.deviceId, m.remoteAddress);
    else if (m.type === 'edgenet:reset-latency') writer.commitLatency.reset();
    else if (m.type === 'edgenet:commands-waiting') commands.sendWaiting(m.deviceId);
    else if (m.type === 'edgenet:device-status') void platform.context.applyDeviceStatus(m.deviceId, m.status);
    else if (m.type === 'edgenet:figures-elsewhere') {
      rate.setElsewhere(m.rates);
      others = m.figures;
    }
  });
  // The dashboard's heartbeats per second and GET /ingest/stats are the cluster's,
  // whichever worker answers.
  setInterval(() => send({ type: 'edgenet:figures', rates: rate.own(), figures: ownFigures(ingest, rejects, writer) }), FIGURES_EVERY_MS).unref();
  const running = await platform.start();
  send({ type: 'edgenet:listening', httpPort: running.httpPort, mqttPort: running.mqttPort, mqttsPort: running.mqttsPort });
  stopOnSignals(workerLog, () => platform.close());
  // The primary is gone (killed, crashed): a worker alone would serve without its peers.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
