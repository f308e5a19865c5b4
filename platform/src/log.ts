import { pino, type Logger } from 'pino';

// One JSON line per event. Secrets never reach a log line: authorization headers and anything
// called password, token or key are censored at the serializer (pino docs/redaction.md).
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'edgenet-platform' },
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.token', '*.privateKey', 'password', 'token'],
      censor: '[redacted]',
    },
  });
}
