// Every authorised device publish reaches ingest here, called from authorizePublish, and the
// broker's callback waits until a heartbeat's row is committed. aedes writes the QoS 1 PUBACK as
// soon as authorizePublish answers and before its `published` handler runs (aedes
// lib/handlers/publish.js), so ingesting in `published` acknowledged heartbeats that a restart could
// still lose (issue #7, 3 of 276,429 in the reconnect storm). Answering only after the commit makes
// a PUBACK mean "stored", as in external broker mode; the device resends anything unacknowledged
// [MQTT-4.3.2-2]. Waiting also gives back-pressure: aedes reads a client's next packets only when
// the current ones are done, so a saturated writer slows the devices instead of filling memory.
//
// A device's PUBACKs must leave in the order its PUBLISHes came [MQTT-4.6.0-2]; aedes handles the
// packets of one read concurrently, so each answer also waits for the one before it.
//
// The per-device rate limit is applied here rather than by refusing: a refusal closes the
// connection [MQTT-3.3.5-2], while a device over its rate should only lose the excess (issue #3:
// "excess dropped and counted, the device flagged").
import type { Client } from 'aedes';
import type { DeviceMessageKind } from '@edgenet/proto';
import type { Logger } from 'pino';
import type { HandleOptions, Ingest } from '../ingest/ingest.js';
import type { RejectCounter } from '../ingest/reject-counter.js';
import type { PublishRateLimiter } from './rate-limit.js';

export type OnRateLimited = (deviceId: string, evidence: Record<string, unknown>) => void;
/**
 * Takes an authorised publish (or a will) of the device's own topic; calls done once it may be
 * acknowledged. client is null for a will left over from a vanished session.
 */
export type AcceptPublish = (client: Client | null, deviceId: string, kind: DeviceMessageKind, payload: Buffer, done: () => void) => void;

interface Link {
  /** Ingest has taken the message (queued its row): the next message of the connection may start. */
  handled: Promise<void>;
  /** The message may be acknowledged: its row is committed and every earlier answer given. */
  answered: Promise<void>;
}

export function makeAcceptPublish(ingest: Ingest, log: Logger, rejects: RejectCounter, limiter: PublishRateLimiter, onRateLimited: OnRateLimited): AcceptPublish {
  // The newest message of each connection; a closed connection's entry goes with its client object.
  const newest = new WeakMap<Client, Link>();

  async function take(client: Client | null, deviceId: string, kind: DeviceMessageKind, payload: Buffer, receivedAt: Date, commit: NonNullable<HandleOptions['commit']>): Promise<void> {
    if (client && !limiter.take(client.id)) {
      const n = limiter.dropped(client.id);
      rejects.reject('rate_limited', client.id, `${kind} dropped: over the publish rate (${n} dropped on this connection)`);
      if (n === 1) {
        onRateLimited(client.id, { firstDroppedAt: receivedAt.toISOString(), kind, remoteAddress: (client.conn as { remoteAddress?: string }).remoteAddress ?? null });
      }
      return;
    }
    // A message ingest cannot take is acknowledged all the same, as in external mode: resent, it
    // would fail again. Only a committed or refused message is answered; the writer retries commits.
    await ingest.handle(deviceId, kind, payload, receivedAt, { commit }).catch((err: unknown) => {
      log.error({ err, deviceId, kind }, 'ingest failed');
    });
  }

  return (client, deviceId, kind, payload, done) => {
    const receivedAt = new Date();
    const commit: NonNullable<HandleOptions['commit']> = {};
    if (!client) {
      void take(null, deviceId, kind, payload, receivedAt, commit).then(() => commit.committed).then(done);
      return;
    }
    const before = newest.get(client);
    // One connection's messages are handled in order (its seq and hash chain); the next one need
    // not wait for this one's commit, only its acknowledgement does.
    const handled = (before?.handled ?? Promise.resolve()).then(() => take(client, deviceId, kind, payload, receivedAt, commit));
    const answered = Promise.all([before?.answered, handled.then(() => commit.committed)]).then(() => undefined);
    const link: Link = { handled, answered };
    newest.set(client, link);
    void answered.then(() => {
      if (newest.get(client) === link) newest.delete(client);
      done();
    });
  };
}
