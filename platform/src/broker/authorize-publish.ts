// A device may publish only under its own prefix, edge/v1/d/{deviceId}/{kind}, and only within the
// kind's size limit. A refusal closes the connection: MQTT 3.1.1 has no negative PUBACK
// [MQTT-3.3.5-2], and a device that writes to another's topic is not to be trusted further.
// An authorised message goes to ingest from here, and the answer waits for it (published.ts).
import type { Client, PublishPacket } from 'aedes';
import { MAX_PAYLOAD_BYTES, MAX_TOPIC_LENGTH, parseDeviceTopic } from '@edgenet/proto';
import type { RejectCounter } from '../ingest/reject-counter.js';
import type { AcceptPublish } from './published.js';

export function makeAuthorizePublish(rejects: RejectCounter, accept: AcceptPublish) {
  return function authorizePublish(client: Client | null, packet: PublishPacket, done: (error?: Error | null) => void): void {
    const clientId = client?.id ?? 'unknown';
    // [MQTT-4.7.3-3] allows 65,535 bytes of topic; ours are under 70 (proto/src/topics.ts).
    if (packet.topic.length > MAX_TOPIC_LENGTH) {
      const why = `topic of ${packet.topic.length} characters exceeds ${MAX_TOPIC_LENGTH}`;
      rejects.reject('topic_denied', clientId, why);
      return done(new Error(why));
    }
    const parsed = parseDeviceTopic(packet.topic);
    // client is null only for a will left over from a vanished session: its topic was checked
    // when that client was connected.
    const owner = client?.id;
    if (!parsed || (owner !== undefined && parsed.deviceId !== owner)) {
      const why = `publish to ${JSON.stringify(packet.topic.slice(0, 140))} is outside the device's own topics`;
      rejects.reject('topic_denied', owner ?? 'unknown', why);
      return done(new Error(why));
    }
    const size = packet.payload.length;
    if (size > MAX_PAYLOAD_BYTES[parsed.kind]) {
      const why = `${parsed.kind} payload of ${size} bytes exceeds ${MAX_PAYLOAD_BYTES[parsed.kind]}`;
      rejects.reject('malformed', parsed.deviceId, why);
      return done(new Error(why));
    }
    // Retained device messages would be replayed to later subscribers as if new.
    if (packet.retain) packet.retain = false;
    accept(client, parsed.deviceId, parsed.kind, packet.payload as Buffer, () => done(null));
  };
}
