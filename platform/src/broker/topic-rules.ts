// Who may publish and subscribe to what, for every broker the platform stands behind: the embedded
// aedes (authorize-publish.ts, authorize-subscribe.ts) and an external one asking over HTTP
// (broker-auth/hooks.ts), so a device meets the same rules whichever broker it reaches.
//
//   actor     publish                                   subscribe
//   device    edge/v1/d/{its id}/{hello|heartbeat|      edge/v1/d/{its id}/cmd only; '#', '+', $SYS,
//             workstations|status} only                 another device's cmd, a $share: refused
//   platform  edge/v1/d/{any device id}/cmd only        $share/{group}/edge/v1/d/+/+, or edge/v1/d/+/+
//                                                       on a broker without shared subscriptions
//   (none)    a will left by a vanished session: any device topic (its owner was checked when it
//             was connected)
//
// A refused PUBLISH closes the connection: MQTT 3.1.1 has no negative PUBACK [MQTT-3.3.5-2]. A
// refused SUBSCRIBE is answered 0x80 for that filter and the session stays up [MQTT-3.9.3-2].
import {
  commandTopic,
  DEVICE_MESSAGES_FILTER,
  isDeviceId,
  MAX_TOPIC_LENGTH,
  parseDeviceTopic,
  sharedDeviceSubscription,
  TOPIC_ROOT,
  type ParsedDeviceTopic,
} from '@edgenet/proto';
import type { RejectReason } from '../ingest/reject-counter.js';

/** A device, named by its id (its MQTT client id and user name), or the platform's own consumer. */
export type BrokerActor = DeviceActor | { role: 'platform' };
export interface DeviceActor {
  role: 'device';
  deviceId: string;
}

export interface Refusal {
  allowed: false;
  reason: Extract<RejectReason, 'topic_denied' | 'subscribe_denied'>;
  why: string;
}

/** `message` is the device message the topic names; null for a command the platform sends. */
export type PublishDecision = { allowed: true; message: ParsedDeviceTopic | null } | Refusal;
/** A device (or a device's will) publishes device messages only. */
export type DevicePublishDecision = { allowed: true; message: ParsedDeviceTopic } | Refusal;
export type SubscribeDecision = { allowed: true } | Refusal;

const quoted = (topic: string): string => JSON.stringify(topic.slice(0, 140));
const SHARE = /^\$share\/([A-Za-z0-9_-]{1,64})\//;

export function mayPublish(actor: DeviceActor | null, topic: string): DevicePublishDecision;
export function mayPublish(actor: BrokerActor | null, topic: string): PublishDecision;
export function mayPublish(actor: BrokerActor | null, topic: string): PublishDecision {
  // [MQTT-4.7.3-3] allows 65,535 bytes of topic; ours are under 70 (proto/src/topics.ts).
  if (topic.length > MAX_TOPIC_LENGTH)
    return { allowed: false, reason: 'topic_denied', why: `topic of ${topic.length} characters exceeds ${MAX_TOPIC_LENGTH}` };
  if (actor?.role === 'platform') {
    return isCommandTopic(topic)
      ? { allowed: true, message: null }
      : { allowed: false, reason: 'topic_denied', why: `the platform publishes only commands, not to ${quoted(topic)}` };
  }
  const parsed = parseDeviceTopic(topic);
  if (!parsed || (actor !== null && parsed.deviceId !== actor.deviceId)) {
    return { allowed: false, reason: 'topic_denied', why: `publish to ${quoted(topic)} is outside the device's own topics` };
  }
  return { allowed: true, message: parsed };
}

export function maySubscribe(actor: BrokerActor, filter: string): SubscribeDecision {
  const allowed = actor.role === 'device' ? filter === commandTopic(actor.deviceId) : filter === DEVICE_MESSAGES_FILTER || isSharedDeviceSubscription(filter);
  return allowed ? { allowed: true } : { allowed: false, reason: 'subscribe_denied', why: `subscription to ${quoted(filter)} refused` };
}

function isCommandTopic(topic: string): boolean {
  const deviceId = topic.slice(TOPIC_ROOT.length + 1, -'/cmd'.length);
  return isDeviceId(deviceId) && topic === commandTopic(deviceId);
}

function isSharedDeviceSubscription(filter: string): boolean {
  const group = SHARE.exec(filter)?.[1];
  return group !== undefined && filter === sharedDeviceSubscription(group);
}
