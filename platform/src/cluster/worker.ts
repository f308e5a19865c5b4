// A cluster worker (EDGENET_WORKERS > 1): the whole platform — API, embedded broker, ingest — in
// shared mode (presence and device state decided in the database, as with several instances on an
// external broker), listening on ports node:cluster shares among the workers. Its broker tells the
// primary of every session it opens and closes a session the primary says moved elsewhere.
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import type { BrokerPeers } from '../broker/index.js';
import type { PlatformConfig } from '../config.js';
import { startPlatform } from '../platform.js';
import { stopOnSignals } from '../shutdown.js';
import { isClusterMessage, type ClusterMessage } from './messages.js';

const send = (m: ClusterMessage) => process.send?.(m);
const RATE_EVERY_MS = 1_000;

export async function runWorker(config: Readonly<PlatformConfig>, log: Logger): Promise<void> {
  let connectedElsewhere: Parameters<BrokerPeers['onConnectedElsewhere']>[0] = () => undefined;
  const peers: BrokerPeers = {
    announce: (deviceId, remoteAddress) => send({ type: 'edgenet:connected', deviceId, remoteAddress }),
    onConnectedElsewhere: (handler) => (connectedElsewhere = handler),
  };
  const workerLog = log.child({ worker: Number(process.env.EDGENET_WORKER_INDEX ?? cluster.worker?.id) });
  const platform = await startPlatform(config, workerLog, { peers });
  const { rate } = platform.context;
  process.on('message', (m: unknown) => {
    if (!isClusterMessage(m)) return;
    if (m.type === 'edgenet:connected-elsewhere') connectedElsewhere(m.deviceId, m.remoteAddress);
    else if (m.type === 'edgenet:rate-elsewhere') rate.setElsewhere(m.rates);
  });
  // The dashboard's heartbeats per second (issue 6) is the cluster's, whichever worker answers.
  setInterval(() => send({ type: 'edgenet:rate', rates: rate.own() }), RATE_EVERY_MS).unref();
  send({ type: 'edgenet:listening', httpPort: platform.httpPort, mqttPort: platform.mqttPort, mqttsPort: platform.mqttsPort });
  stopOnSignals(workerLog, () => platform.close());
  // The primary is gone (killed, crashed): a worker alone would serve without its peers.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
