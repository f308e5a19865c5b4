// Heartbeat rows for tests of the writer and its rollups, at fixed times: seq n is received (and
// filed) n × 10 s after `t0`, one inference each, with a body and a signature whose bytes are all
// `seq` (so a test can tell which heartbeat an anchor's signature belongs to).
import { encodeHeartbeat } from '@edgenet/proto';
import type { HeartbeatRow, Signed } from '../../platform/src/ingest/heartbeat-writer.js';

export const ROLLUP_T0 = Date.parse('2026-11-05T02:00:00Z'); // 10:00 in Asia/Shanghai

export function rollupRow(deviceId: string, seq: number, atMs = ROLLUP_T0 + seq * 10_000): HeartbeatRow {
  const at = new Date(atMs);
  return {
    deviceId,
    seq,
    receivedAt: at,
    deviceTime: at,
    filedAt: at,
    filing: 'received',
    inferenceDelta: 1,
    body: Buffer.from(encodeHeartbeat({ seq, deviceTimeMs: atMs })),
    ...rollupSigned(seq),
  };
}

export function rollupSigned(seq: number, tpmSealed = false): Signed {
  return { signature: Buffer.alloc(64, seq % 256), keyId: `key-${seq}`, ...(tpmSealed ? { tpmSealed } : {}) };
}
