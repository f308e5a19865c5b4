// A device's days fed through the real ingest path at chosen receive times: `buckets` chained
// heartbeats a day from 09:00 Shanghai, 5 minutes apart, each with inferences, received when sent.
// The insider tests build their fleets with it, so their reports count real device-signed days.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { edge, sealEnvelope } from '@edgenet/proto';
import type { Calendar } from '../../platform/src/domain/calendar.js';
import type { TestDevice } from './device.js';
import type { TestPlatform } from './platform.js';

export async function feedChainedDays(tp: TestPlatform, calendar: Calendar, dev: TestDevice, days: readonly string[], buckets: number): Promise<void> {
  let prev: Buffer | null = null;
  let seq = 1;
  for (const day of days) {
    for (let k = 0; k < buckets; k++) {
      const at = calendar.dayStartUtc(day) + 9 * 3_600_000 + k * 300_000;
      const body = edge.v1.Heartbeat.encode({
        seq,
        deviceTimeMs: at,
        uptimeS: 100,
        inference: { total: seq * 5 },
        prevHash: prev ?? new Uint8Array(),
      }).finish();
      expect((await tp.platform.context.ingest.handle(dev.deviceId, 'heartbeat', sealEnvelope(body, dev.privateKey), new Date(at))).outcome).toBe('accepted');
      prev = createHash('sha256').update(body).digest();
      seq += 1;
    }
  }
}
