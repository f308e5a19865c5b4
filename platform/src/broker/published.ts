// Every authorised publish reaches ingest here. Using aedes's `published` handler rather than the
// 'publish' event gives back-pressure: when the heartbeat writer is saturated, the callback waits
// and the broker stops reading from that client instead of buffering without bound.
//
// The per-device rate limit is applied here rather than in authorizePublish: a refusal there
// closes the connection [MQTT-3.3.5-2], while a device over its rate should only lose the excess
// (issue #3: "excess dropped and counted, the device flagged").
import type { AedesPublishPacket, Client } from 'aedes';
import { parseDeviceTopic } from '@edgenet/proto';
import type { Logger } from 'pino';
import type { Ingest } from '../ingest/ingest.js';
import type { RejectCounter } from '../ingest/reject-counter.js';
import type { PublishRateLimiter } from './rate-limit.js';

export type OnRateLimited = (deviceId: string, evidence: Record<string, unknown>) => void;

export function makePublished(ingest: Ingest, log: Logger, rejects: RejectCounter, limiter: PublishRateLimiter, onRateLimited: OnRateLimited) {
  return function published(packet: AedesPublishPacket, client: Client | null, done: (error?: Error | null) => void): void {
    // The broker's own $SYS traffic and the platform's commands have no device behind them.
    const parsed = parseDeviceTopic(packet.topic);
    if (!parsed || (client && client.id !== parsed.deviceId)) return done();
    // A will is published by the broker after the client is gone; it is not the device's traffic.
    if (client && !limiter.take(client.id)) {
      const n = limiter.dropped(client.id);
      rejects.reject('rate_limited', client.id, `${parsed.kind} dropped: over the publish rate (${n} dropped on this connection)`);
      if (n === 1) {
        onRateLimited(client.id, { firstDroppedAt: new Date().toISOString(), kind: parsed.kind, remoteAddress: (client.conn as { remoteAddress?: string }).remoteAddress ?? null });
      }
      return done();
    }
    ingest.handle(parsed.deviceId, parsed.kind, packet.payload as Buffer).then(
      () => done(),
      (err: unknown) => {
        log.error({ err, deviceId: parsed.deviceId, kind: parsed.kind }, 'ingest failed');
        done();
      },
    );
  };
}
