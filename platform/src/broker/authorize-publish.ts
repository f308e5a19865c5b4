// PUBLISH: a device publishes only under its own prefix, edge/v1/d/{deviceId}/{kind} (the rule is
// topic-rules.ts), and only within the kind's size limit. A refusal closes the connection: MQTT
// 3.1.1 has no negative PUBACK [MQTT-3.3.5-2], and a device that writes to another's topic is not
// to be trusted further. An authorised message goes to ingest from here, and the answer waits for
// it (published.ts).
import type { Client, PublishPacket } from 'aedes';
import { MAX_PAYLOAD_BYTES } from '@edgenet/proto';
import type { RejectCounter } from '../ingest/reject-counter.js';
import type { AcceptPublish } from './published.js';
import { mayPublish } from './topic-rules.js';

export function makeAuthorizePublish(rejects: RejectCounter, accept: AcceptPublish) {
  return function authorizePublish(client: Client | null, packet: PublishPacket, done: (error?: Error | null) => void): void {
    // client is null only for a will left over from a vanished session: its topic was checked
    // when that client was connected.
    const decision = mayPublish(client ? { role: 'device', deviceId: client.id } : null, packet.topic);
    if (!decision.allowed) {
      rejects.reject(decision.reason, client?.id ?? 'unknown', decision.why);
      return done(new Error(decision.why));
    }
    const { deviceId, kind } = decision.message;
    const size = packet.payload.length;
    if (size > MAX_PAYLOAD_BYTES[kind]) {
      const why = `${kind} payload of ${size} bytes exceeds ${MAX_PAYLOAD_BYTES[kind]}`;
      rejects.reject('malformed', deviceId, why);
      return done(new Error(why));
    }
    // Retained device messages would be replayed to later subscribers as if new.
    if (packet.retain) packet.retain = false;
    accept(client, deviceId, kind, packet.payload as Buffer, () => done(null));
  };
}
