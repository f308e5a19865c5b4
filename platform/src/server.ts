#!/usr/bin/env node
// `npm start`: runs the platform until SIGINT/SIGTERM. With no settings it needs no database
// server and no broker: PGlite in ./data and the embedded MQTT broker.
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startPlatform } from './platform.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const platform = await startPlatform(config, log);
  const host = config.httpHost === '0.0.0.0' ? 'localhost' : config.httpHost;
  const { tls } = platform.context;
  // Printed, not logged: the operator token must appear exactly once and never in log storage.
  const lines = [
    '',
    'edgenet platform (东莞市边端智算网络平台) is running',
    `  API        ${platform.httpScheme}://${host}:${platform.httpPort}/api/v1   (OpenAPI: ${platform.httpScheme}://${host}:${platform.httpPort}/docs)`,
    config.brokerUrl
      ? `  MQTT       external broker ${config.brokerUrl}, shared subscription group ${config.brokerShareGroup}, session of instance ${config.instanceId}`
      : `  MQTT       mqtts://${host}:${platform.mqttsPort}${platform.mqttPort === null ? '' : `   and plain mqtt://${host}:${platform.mqttPort}`}`,
    `  TLS CA     ${tls.caPath}${tls.source === 'generated' ? ' (generated)' : ''}`,
    `             SHA-256 fingerprint ${tls.caFingerprint}`,
    `  database   ${platform.backend === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}, heartbeats in a ${platform.heartbeatStorage}`,
    platform.createdOperatorToken
      ? `  operator token (shown once, store it now): ${platform.createdOperatorToken}`
      : '  operator token: created on the first start (not shown again)',
    '',
  ];
  process.stderr.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    platform.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`edgenet platform failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
