// SUBSCRIBE: the rule is topic-rules.ts (a device subscribes to its own command topic only).
// Anything else, '#' included, is negated: the broker answers SUBACK 0x80 for that filter
// [MQTT-3.9.3-2] and the session stays up.
import type { Client, Subscription } from 'aedes';
import type { RejectCounter } from '../ingest/reject-counter.js';
import { maySubscribe } from './topic-rules.js';

export function makeAuthorizeSubscribe(rejects: RejectCounter) {
  return function authorizeSubscribe(client: Client, sub: Subscription, done: (error: Error | null, subscription?: Subscription | null) => void): void {
    const decision = maySubscribe({ role: 'device', deviceId: client.id }, sub.topic);
    if (decision.allowed) return done(null, sub);
    rejects.reject(decision.reason, client.id, decision.why);
    done(null, null);
  };
}
