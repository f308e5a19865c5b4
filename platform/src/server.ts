#!/usr/bin/env node
// `npm start`: runs the platform until SIGINT/SIGTERM. With no settings it needs no database
// server and no broker: PGlite in ./data and the embedded MQTT broker. With EDGENET_WORKERS > 1
// this process becomes a cluster's primary and the workers serve (cluster/).
import cluster from 'node:cluster';
import { printBanner } from './banner.js';
import { runPrimary } from './cluster/primary.js';
import { runWorker } from './cluster/worker.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { createPlatform } from './platform.js';
import { stopOnSignals } from './shutdown.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (config.workers > 1) return cluster.isPrimary ? runPrimary(config, log) : runWorker(config, log);
  const platform = await createPlatform(config, log);
  const running = await platform.start();
  printBanner(config, { ...running, tls: platform.context.tls });
  stopOnSignals(log, () => platform.close());
}

main().catch((err: unknown) => {
  process.stderr.write(`edgenet platform failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
