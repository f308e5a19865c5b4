// What `npm start` prints once the platform listens. Printed, not logged: the operator token must
// appear exactly once and never in log storage.
import { FIRST_ADMIN_USERNAME, type PlatformConfig } from './config.js';
import type { Backend } from './db/index.js';
import type { HeartbeatStorage } from './db/migrate.js';
import type { TlsMaterial } from './tls/material.js';

export interface BannerFacts {
  httpScheme: 'http' | 'https';
  httpPort: number;
  mqttPort: number | null;
  mqttsPort: number;
  tls: Pick<TlsMaterial, 'caPath' | 'source' | 'caFingerprint'>;
  backend: Backend;
  heartbeatStorage: HeartbeatStorage;
  createdOperatorToken: string | null;
  createdAdminPassword: string | null;
}

export function printBanner(config: Readonly<PlatformConfig>, f: BannerFacts): void {
  const host = config.httpHost === '0.0.0.0' ? 'localhost' : config.httpHost;
  const lines = [
    '',
    'edgenet platform (东莞市边端智算网络平台) is running',
    `  API        ${f.httpScheme}://${host}:${f.httpPort}/api/v1   (OpenAPI: ${f.httpScheme}://${host}:${f.httpPort}/docs)`,
    config.brokerUrl
      ? `  MQTT       external broker ${config.brokerUrl}, shared subscription group ${config.brokerShareGroup}, session of instance ${config.instanceId}`
      : `  MQTT       mqtts://${host}:${f.mqttsPort}${f.mqttPort === null ? '' : `   and plain mqtt://${host}:${f.mqttPort}`}`,
    `  TLS CA     ${f.tls.caPath}${f.tls.source === 'generated' ? ' (generated)' : ''}`,
    `             SHA-256 fingerprint ${f.tls.caFingerprint}`,
    `  database   ${f.backend === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}, heartbeats in a ${f.heartbeatStorage}`,
    ...(config.workers > 1 ? [`  workers    ${config.workers} processes share the API and broker ports`] : []),
    adminPasswordLine(config, f.createdAdminPassword),
    operatorTokenLine(config, f.createdOperatorToken),
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

// The same rule for the first admin's password: printed only when the platform generated it.
function adminPasswordLine(config: Readonly<PlatformConfig>, created: string | null): string {
  if (config.adminPassword !== undefined) return `  admin      account ${FIRST_ADMIN_USERNAME}, password from EDGENET_ADMIN_PASSWORD (not printed)`;
  if (created) return `  admin      account ${FIRST_ADMIN_USERNAME}, one-time password (shown once, store it now): ${created}`;
  return '  admin      accounts: sign in at the dashboard (forgotten admin password: npm run platform:reset-admin)';
}

// A token the operator supplied (EDGENET_OPERATOR_TOKEN) is never printed: under systemd or a
// container runtime stderr goes to the journal, and the operator already has it. Only a token the
// platform made itself is shown, once, because nobody else knows it.
function operatorTokenLine(config: Readonly<PlatformConfig>, created: string | null): string {
  if (config.operatorToken !== undefined) return '  operator token: the one in EDGENET_OPERATOR_TOKEN (not printed)';
  if (created) return `  operator token (shown once, store it now): ${created}`;
  return '  operator token: created on the first start (not shown again)';
}
