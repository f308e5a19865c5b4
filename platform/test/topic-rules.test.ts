// The broker's publish and subscribe rules (broker/topic-rules.ts) as a decision table: each row is
// an actor, a topic and the answer, for the embedded broker and the external one's HTTP hook alike.
import { describe, expect, it } from 'vitest';
import { commandTopic, deviceTopic, sharedDeviceSubscription } from '@edgenet/proto';
import { mayPublish, maySubscribe, type BrokerActor } from '../src/broker/topic-rules.js';

const A = '0b7f6a53-4a43-4f4e-9e0e-1c2d3e4f5a6b';
const B = '1c8a7b64-5b54-4a5f-8f1f-2d3e4f5a6b7c';
const device: BrokerActor = { role: 'device', deviceId: A };
const platform: BrokerActor = { role: 'platform' };

describe('mayPublish', () => {
  const rows: [string, BrokerActor | null, string, boolean][] = [
    ['a device, its own hello', device, deviceTopic(A, 'hello'), true],
    ['a device, its own heartbeat', device, deviceTopic(A, 'heartbeat'), true],
    ['a device, its own workstations', device, deviceTopic(A, 'workstations'), true],
    ['a device, its own status', device, deviceTopic(A, 'status'), true],
    ["a device, another device's heartbeat", device, deviceTopic(B, 'heartbeat'), false],
    ['a device, its own command topic', device, commandTopic(A), false],
    ["a device, another device's command topic", device, commandTopic(B), false],
    ['a device, an unknown kind', device, `edge/v1/d/${A}/firmware`, false],
    ['a device, a deeper topic', device, `${deviceTopic(A, 'heartbeat')}/x`, false],
    ['a device, an upper-case id', device, deviceTopic(A.toUpperCase(), 'heartbeat'), false],
    ['a device, outside the tree', device, 'factory/line1', false],
    ['a device, $SYS', device, '$SYS/broker/uptime', false],
    ['a will, any device topic', null, deviceTopic(B, 'status'), true],
    ['a will, outside the tree', null, 'factory/line1', false],
    ['the platform, a command to a device', platform, commandTopic(B), true],
    ['the platform, a device message', platform, deviceTopic(B, 'heartbeat'), false],
    ['the platform, a command topic whose id is no UUID', platform, commandTopic('-'.repeat(36)), false],
    ['the platform, outside the tree', platform, 'factory/line1', false],
  ];
  it.each(rows)('%s', (_what, actor, topic, allowed) => {
    const decision = mayPublish(actor, topic);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe('topic_denied');
  });

  it('names the device message it allows, and refuses a topic over 128 characters before parsing it', () => {
    expect(mayPublish(device, deviceTopic(A, 'heartbeat'))).toEqual({ allowed: true, message: { deviceId: A, kind: 'heartbeat' } });
    expect(mayPublish(platform, commandTopic(A))).toEqual({ allowed: true, message: null });
    expect(mayPublish(device, `${deviceTopic(A, 'heartbeat')}${'/x'.repeat(40)}`)).toEqual({
      allowed: false,
      reason: 'topic_denied',
      why: 'topic of 136 characters exceeds 128',
    });
  });
});

describe('maySubscribe', () => {
  const rows: [string, BrokerActor, string, boolean][] = [
    ['a device, its own command topic', device, commandTopic(A), true],
    ["a device, another device's command topic", device, commandTopic(B), false],
    ['a device, #', device, '#', false],
    ['a device, every command topic', device, 'edge/v1/d/+/cmd', false],
    ['a device, its own heartbeats', device, deviceTopic(A, 'heartbeat'), false],
    ['a device, every device message', device, 'edge/v1/d/+/+', false],
    ["a device, the platform's shared subscription", device, sharedDeviceSubscription('edgenet'), false],
    ['a device, $SYS', device, '$SYS/#', false],
    ['the platform, its shared subscription', platform, sharedDeviceSubscription('edgenet'), true],
    ['the platform, another group', platform, sharedDeviceSubscription('edgenet-b_2'), true],
    ['the platform, a group with a slash', platform, '$share/a/b/edge/v1/d/+/+', false],
    // A broker without shared subscriptions (RabbitMQ 3.10's MQTT plugin): the plain filter.
    ['the platform, the messages without a share', platform, 'edge/v1/d/+/+', true],
    ['the platform, a shared #', platform, '$share/edgenet/#', false],
    ['the platform, #', platform, '#', false],
    ["the platform, a device's command topic", platform, commandTopic(A), false],
  ];
  it.each(rows)('%s', (_what, actor, filter, allowed) => {
    const decision = maySubscribe(actor, filter);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toBe('subscribe_denied');
  });
});
