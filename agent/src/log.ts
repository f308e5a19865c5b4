// pino, one JSON line per event on stdout. Credentials are redacted by path as a second line of
// defence (pino docs/redaction.md); the first is never putting them in a log call.
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export const REDACTED_PATHS = ['password', '*.password', 'mqtt.password', 'privateKey', '*.privateKey', 'token', '*.token', 'headers.authorization'];

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const options = { level, base: { pid: process.pid, name: 'edge-agent' }, redact: { paths: REDACTED_PATHS } };
  return destination ? pino(options, destination) : pino(options);
}
