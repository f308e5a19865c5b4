// Hostile input on the wire decoders: whatever the bytes, the result is a value (never a throw),
// and only well-formed, in-range messages come back ok.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEVICE_MESSAGE_KINDS, MAX_PAYLOAD_BYTES, decodeDeviceMessage, edge, openEnvelope, parseDeviceTopic, sealEnvelope } from '../src/index.js';

const keys = generateKeyPairSync('ed25519');
const seal = (body: Uint8Array) => sealEnvelope(body, keys.privateKey);

describe('decodeDeviceMessage', () => {
  it('decodes a signed heartbeat and verifies its signature', () => {
    const body = edge.v1.Heartbeat.encode({ seq: 2 ** 40, deviceTimeMs: Date.now(), cpuPercent: 50 }).finish();
    const decoded = decodeDeviceMessage('heartbeat', seal(body));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok || decoded.kind !== 'heartbeat') throw new Error('unreachable');
    expect(decoded.message.seq).toBe(2 ** 40);
    expect(openEnvelope(decoded.envelope, keys.publicKey)).toBe(true);
    expect(openEnvelope(decoded.envelope, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });

  it('never throws on random bytes, truncations or bit flips', () => {
    const good = seal(edge.v1.Hello.encode({ agentVersion: '1', kind: 1, fingerprint: 'f'.repeat(64), heartbeatIntervalMs: 10_000, inventory: {} }).finish());
    for (let i = 0; i < 20_000; i++) {
      const kind = DEVICE_MESSAGE_KINDS[i % DEVICE_MESSAGE_KINDS.length]!;
      let bytes: Uint8Array;
      if (i % 3 === 0) bytes = randomBytes(i % 300);
      else if (i % 3 === 1) bytes = good.subarray(0, i % good.length);
      else {
        bytes = Uint8Array.from(good);
        bytes[i % bytes.length]! ^= 1 << (i % 8);
      }
      const result = decodeDeviceMessage(kind, bytes);
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    }
  });

  it('refuses oversized payloads before parsing', () => {
    const r = decodeDeviceMessage('heartbeat', new Uint8Array(MAX_PAYLOAD_BYTES.heartbeat + 1));
    expect(r).toEqual({ ok: false, reason: `heartbeat payload of ${MAX_PAYLOAD_BYTES.heartbeat + 1} bytes exceeds ${MAX_PAYLOAD_BYTES.heartbeat}` });
  });

  it('refuses out-of-range fields with a reason', () => {
    const cases: Array<[string, Uint8Array, string]> = [
      ['heartbeat', edge.v1.Heartbeat.encode({ seq: 0, deviceTimeMs: 1 }).finish(), 'seq must be a positive integer'],
      ['heartbeat', edge.v1.Heartbeat.encode({ seq: 1, cpuPercent: 101 }).finish(), 'cpuPercent must be 0 to 100'],
      ['heartbeat', edge.v1.Heartbeat.encode({ seq: 1, cpuPercent: Number.NaN }).finish(), 'cpuPercent must be 0 to 100'],
      [
        'hello',
        edge.v1.Hello.encode({
          agentVersion: '1',
          kind: 9 as edge.v1.DeviceKind,
          fingerprint: 'f'.repeat(64),
          heartbeatIntervalMs: 10_000,
          inventory: {},
        }).finish(),
        'kind 9 is not a known device kind',
      ],
      [
        'hello',
        edge.v1.Hello.encode({ agentVersion: '1', kind: 1, fingerprint: 'xyz', heartbeatIntervalMs: 10_000, inventory: {} }).finish(),
        'fingerprint must be',
      ],
      ['workstations', edge.v1.WorkstationMapping.encode({ workstationCodes: ['L1', 'L1'] }).finish(), 'workstation codes repeat'],
      ['workstations', edge.v1.WorkstationMapping.encode({ workstationCodes: ['../etc'] }).finish(), 'is not valid'],
    ];
    for (const [kind, body, reason] of cases) {
      const r = decodeDeviceMessage(kind as 'hello', seal(body));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(reason);
    }
  });
});

describe('parseDeviceTopic', () => {
  const id = '0b7a1c2e-1111-4222-8333-944455556666';
  it('accepts exactly the device topics', () => {
    expect(parseDeviceTopic(`edge/v1/d/${id}/heartbeat`)).toEqual({ deviceId: id, kind: 'heartbeat' });
    for (const t of [
      `edge/v1/d/${id}/cmd`,
      `edge/v1/d/${id}/heartbeat/x`,
      `edge/v1/d/NOT-A-UUID/heartbeat`,
      `edge/v2/d/${id}/hello`,
      `edge/v1/d/${id}/${'x'.repeat(200)}`,
      '',
    ]) {
      expect(parseDeviceTopic(t)).toBeNull();
    }
  });
});
