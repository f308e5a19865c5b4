// Every authorised device publish reaches ingest here, called from authorizePublish, and the
// broker's callback waits until a heartbeat's row is committed. aedes writes the QoS 1 PUBACK as
// soon as authorizePublish answers and before its `published` handler runs (aedes
// lib/handlers/publish.js), so ingesting in `published` acknowledged heartbeats that a restart could
// still lose (3 of 276,429 in a reconnect storm). Answering only after the commit makes a PUBACK
// mean "stored", as in external broker mode; the device resends anything unacknowledged
// [MQTT-4.3.2-2]. Waiting also gives back-pressure: aedes reads a client's next packets only when
// the current ones are done, so a saturated writer slows the devices instead of filling memory.
//
// A device's PUBACKs must leave in the order its PUBLISHes came [MQTT-4.6.0-2]; aedes handles the
// packets of one read concurrently, so each answer also waits for the one before it (ordered-acks.ts).
//
// Three outcomes per message:
//   ingest took it or rejected it (malformed, bad signature, duplicate …) → acknowledged once
//     committed; a rejected one would fail again if resent
//   ingest threw (it could not decide: the database did not answer)     → never acknowledged: the
//     connection is closed, later messages of it are not handled, and the device sends them all
//     again after it reconnects [MQTT-4.4.0-1]
//   over the device's publish rate                                       → waits for its token
//     (rate-limit.ts), so its PUBACK comes later: the device is slowed, nothing is dropped
import type { Client } from 'aedes';
import type { DeviceMessageKind } from '@edgenet/proto';
import type { Logger } from 'pino';
import type { Handled, Ingest } from '../ingest/ingest.js';
import { OrderedAcks } from './ordered-acks.js';
import type { PublishRateLimiter } from './rate-limit.js';

/**
 * Takes an authorised publish (or a will) of the device's own topic; calls done once it may be
 * acknowledged, and never for a message that must not be (its connection is closed instead).
 * client is null for a will left over from a vanished session.
 */
export type AcceptPublish = (client: Client | null, deviceId: string, kind: DeviceMessageKind, payload: Buffer, done: () => void) => void;

/** A connection's messages in flight: handled one after another, acknowledged in order. */
interface Lane {
  /** The newest message's handling: the next message of the connection starts after it. */
  tail: Promise<unknown>;
  acks: OrderedAcks;
}

export function makeAcceptPublish(ingest: Ingest, log: Logger, limiter: PublishRateLimiter): AcceptPublish {
  // Each connection's lane; a closed connection's lane goes with its client object.
  const lanes = new WeakMap<Client, Lane>();
  // Connections closed because ingest failed: what they sent after is not handled.
  const failed = new WeakSet<Client>();

  /** Null: not to be acknowledged (ingest threw, or the connection is already closed for it). */
  async function take(client: Client | null, deviceId: string, kind: DeviceMessageKind, payload: Buffer, receivedAt: Date): Promise<Handled | null> {
    if (client && (failed.has(client) || !(await limiter.wait(client.id)))) return null;
    try {
      return await ingest.handle(deviceId, kind, payload, receivedAt);
    } catch (err) {
      log.error({ err, deviceId, kind }, 'ingest failed; the message is not acknowledged and the connection is closed so the device sends it again');
      if (client) {
        failed.add(client);
        client.close();
      }
      return null;
    }
  }

  return (client, deviceId, kind, payload, done) => {
    const receivedAt = new Date();
    if (!client) {
      // A will has no connection to close or device to resend it: it is answered either way.
      void take(null, deviceId, kind, payload, receivedAt)
        .then((taken) => taken?.committed)
        .then(done);
      return;
    }
    let lane = lanes.get(client);
    if (!lane) {
      lane = { tail: Promise.resolve(), acks: new OrderedAcks() };
      lanes.set(client, lane);
    }
    // One connection's messages are handled in order (its seq and hash chain); the next one need
    // not wait for this one's commit, only its acknowledgement does.
    const handled = lane.tail.then(() => take(client, deviceId, kind, payload, receivedAt));
    lane.tail = handled;
    lane.acks.add(
      handled.then(async (taken) => {
        if (!taken) return false;
        await taken.committed;
        return true;
      }),
      done,
    );
  };
}
