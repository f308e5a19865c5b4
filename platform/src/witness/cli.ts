#!/usr/bin/env node
// edgenet-witness: the bureau's witness (docs/witness.md). Its own key, its own folder, its own port;
// nothing of the platform's. Settings by flag or environment:
//   --data-dir DIR     EDGENET_WITNESS_DATA_DIR   key and heads (default ./witness-data)
//   --host HOST        EDGENET_WITNESS_HOST       (default 127.0.0.1)
//   --port PORT        EDGENET_WITNESS_PORT       (default 8470)
//   --token-file FILE  EDGENET_WITNESS_TOKEN      the submitters' token (file: its first line)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildWitnessServer } from './server.js';
import { WitnessStore } from './store.js';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, 'token-file': { type: 'string' } },
});
const env = process.env;
const fail = (message: string): never => {
  process.stderr.write(`edgenet-witness: ${message}\n`);
  process.exit(2);
};
const token = values['token-file'] ? (readFileSync(values['token-file'], 'utf8').split('\n')[0] ?? '').trim() : env.EDGENET_WITNESS_TOKEN;
if (!token || token.length < 16) fail('a submission token of at least 16 characters is needed (--token-file or EDGENET_WITNESS_TOKEN)');
const port = Number(values.port ?? env.EDGENET_WITNESS_PORT ?? 8470);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: ${values.port ?? env.EDGENET_WITNESS_PORT} is not a port`);

const log = pino({ level: env.EDGENET_WITNESS_LOG_LEVEL ?? 'info' });
const store = new WitnessStore(values['data-dir'] ?? env.EDGENET_WITNESS_DATA_DIR ?? './witness-data');
const app = buildWitnessServer({ store, token: token!, log });
const address = await app.listen({ host: values.host ?? env.EDGENET_WITNESS_HOST ?? '127.0.0.1', port });
log.info({ address, keyId: store.key.keyId, publicKey: store.key.publicKey }, 'witness listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
