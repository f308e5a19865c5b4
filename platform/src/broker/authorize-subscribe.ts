// A device may subscribe only to its own command topic. Anything else, '#' included, is negated:
// the broker answers SUBACK 0x80 for that filter [MQTT-3.9.3-2] and the session stays up.
import type { Client, Subscription } from 'aedes';
import { commandTopic } from '@edgenet/proto';
import type { RejectCounter } from '../ingest/reject-counter.js';

export function makeAuthorizeSubscribe(rejects: RejectCounter) {
  return function authorizeSubscribe(
    client: Client,
    sub: Subscription,
    done: (error: Error | null, subscription?: Subscription | null) => void,
  ): void {
    if (sub.topic === commandTopic(client.id)) return done(null, sub);
    rejects.reject('subscribe_denied', client.id, `subscription to ${JSON.stringify(sub.topic.slice(0, 140))} refused`);
    done(null, null);
  };
}
