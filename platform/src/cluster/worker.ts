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

export async function runWorker(config: Readonly<PlatformConfig>, log: Logger): Promise<void> {
  const peers: BrokerPeers = {
    announce: (deviceId, remoteAddress) => send({ type: 'edgenet:connected', deviceId, remoteAddress }),
    onConnectedElsewhere: (handler) =>
      process.on('message', (m: unknown) => {
        if (isClusterMessage(m) && m.type === 'edgenet:connected-elsewhere') handler(m.deviceId, m.remoteAddress);
      }),
  };
  const workerLog = log.child({ worker: Number(process.env.EDGENET_WORKER_INDEX ?? cluster.worker?.id) });
  const platform = await startPlatform(config, workerLog, { peers });
  send({ type: 'edgenet:listening', httpPort: platform.httpPort, mqttPort: platform.mqttPort, mqttsPort: platform.mqttsPort });
  const close = () => platform.close();
  stopOnSignals(workerLog, close);
  // The primary is gone (killed, crashed): a worker alone would serve without its peers.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
