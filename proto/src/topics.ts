// Topic layout of edge.v1. Each device owns one subtree, edge/v1/d/{deviceId}/…, so the broker's
// authorisation is a prefix check: a device publishes only below its own id and subscribes only to
// its own command topic.
import { DEVICE_ID_PATTERN } from './limits.js';

export const PROTOCOL_VERSION = 'edge.v1';
export const TOPIC_ROOT = 'edge/v1/d';

// Device ids are UUIDs (36 chars); the longest valid topic is under 70 bytes. Anything longer is
// refused before it reaches a parser [MQTT-4.7.3-3 allows 65,535; we do not need that].
export const MAX_TOPIC_LENGTH = 128;

// 'result': the device's signed answer to a command it received on its cmd topic.
export const DEVICE_MESSAGE_KINDS = ['hello', 'heartbeat', 'workstations', 'status', 'result'] as const;
export type DeviceMessageKind = (typeof DEVICE_MESSAGE_KINDS)[number];

const kinds: ReadonlySet<string> = new Set(DEVICE_MESSAGE_KINDS);

export function deviceTopic(deviceId: string, kind: DeviceMessageKind): string {
  return `${TOPIC_ROOT}/${deviceId}/${kind}`;
}

export function commandTopic(deviceId: string): string {
  return `${TOPIC_ROOT}/${deviceId}/cmd`;
}

/** Every device-to-platform message, any kind. */
export const DEVICE_MESSAGES_FILTER = `${TOPIC_ROOT}/+/+`;

/**
 * The shared subscription through which the instances of one group split the devices' messages
 * ([MQTT-5.0] §4.8.2 `$share/{group}/{filter}`; EMQX and Mosquitto take it from 3.1.1 clients too).
 */
export function sharedDeviceSubscription(group: string): string {
  return `$share/${group}/${DEVICE_MESSAGES_FILTER}`;
}

export interface ParsedDeviceTopic {
  deviceId: string;
  kind: DeviceMessageKind;
}

/** Parses a device-to-platform topic; null for anything that is not exactly one of ours. */
export function parseDeviceTopic(topic: string): ParsedDeviceTopic | null {
  if (topic.length > MAX_TOPIC_LENGTH) return null;
  const parts = topic.split('/');
  if (parts.length !== 5) return null;
  const [a, b, c, deviceId, kind] = parts as [string, string, string, string, string];
  if (`${a}/${b}/${c}` !== TOPIC_ROOT || !DEVICE_ID_PATTERN.test(deviceId) || !kinds.has(kind)) return null;
  return { deviceId, kind: kind as DeviceMessageKind };
}
