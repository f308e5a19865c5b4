// Issue #3, hostile input: property-based tests (fast-check) on every wire decoder. Whatever bytes
// arrive — random, truncated, bit-flipped, or valid protobuf with hostile values — a decoder
// returns a reason or a message that passed its checks; it never throws. A long run checks that
// decoding does not keep memory across 100,000 messages.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVICE_MESSAGE_KINDS, MAX_PAYLOAD_BYTES, decodeCommand, decodeDeviceMessage, edge, type DeviceMessageKind } from '../src/index.js';

const kinds = fc.constantFrom(...DEVICE_MESSAGE_KINDS);

/** One valid body per kind, encoded, to mutate from. */
function validBody(kind: DeviceMessageKind): Uint8Array {
  switch (kind) {
    case 'hello':
      return edge.v1.Hello.encode({
        agentVersion: '1.0.0',
        kind: edge.v1.DeviceKind.SERVER,
        fingerprint: 'a'.repeat(64),
        heartbeatIntervalMs: 10_000,
        deviceTimeMs: 1,
        inventory: { cpuBrand: 'x', disks: [{ model: 'm', serial: 's' }] },
      }).finish();
    case 'heartbeat':
      return edge.v1.Heartbeat.encode({
        seq: 7,
        deviceTimeMs: 1,
        uptimeS: 5,
        cpuPercent: 10,
        memoryUsedBytes: 1,
        memoryTotalBytes: 2,
        diskUsedBytes: 1,
        diskTotalBytes: 2,
        inference: { total: 3, errors: 0, models: [{ name: 'n', count: 1 }] },
      }).finish();
    case 'workstations':
      return edge.v1.WorkstationMapping.encode({ workstationCodes: ['L1-01', 'L1-02'], revision: 2 }).finish();
    case 'status':
      return edge.v1.Status.encode({ online: false, deviceTimeMs: 1 }).finish();
    case 'result':
      return edge.v1.CommandResult.encode({
        commandId: '0b6d1c2e-8a51-4f7e-9a40-3c1d2e5f6a7b',
        outcome: edge.v1.CommandOutcome.COMMAND_DONE,
        detail: 'serving 2 workstations',
        deviceTimeMs: 1,
        workstations: { workstationCodes: ['L1-01', 'L1-02'], revision: 3 },
      }).finish();
  }
}
const seal = (body: Uint8Array) => edge.v1.Envelope.encode({ body, signature: new Uint8Array(64) }).finish();

/** Truncates, flips bytes in, or extends a valid payload. */
const mutated = (base: Uint8Array) =>
  fc.oneof(
    fc.nat({ max: base.length }).map((n) => base.slice(0, n)),
    fc.array(fc.tuple(fc.nat({ max: Math.max(0, base.length - 1) }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const copy = Uint8Array.from(base);
      for (const [i, v] of flips) copy[i] = v;
      return copy;
    }),
    fc.uint8Array({ maxLength: 64 }).map((tail) => Uint8Array.from([...base, ...tail])),
  );

function expectWellFormed(result: ReturnType<typeof decodeDeviceMessage>): void {
  if (!result.ok) {
    expect(typeof result.reason).toBe('string');
    expect(result.reason.length).toBeGreaterThan(0);
    return;
  }
  // Anything accepted passed the field checks.
  if (result.kind === 'heartbeat') {
    expect(Number.isSafeInteger(result.message.seq) && result.message.seq > 0).toBe(true);
    expect(result.message.cpuPercent >= 0 && result.message.cpuPercent <= 100).toBe(true);
  }
  if (result.kind === 'workstations') expect(result.message.workstationCodes.length).toBeLessThanOrEqual(256);
  if (result.kind === 'hello') expect(result.message.fingerprint).toMatch(/^[0-9a-f]{64}$/);
}

describe('decoders under hostile input', () => {
  it('decodeDeviceMessage never throws on random bytes, for every kind', () => {
    fc.assert(
      fc.property(kinds, fc.uint8Array({ maxLength: 40_000 }), (kind, bytes) => {
        const result = decodeDeviceMessage(kind, bytes);
        expectWellFormed(result);
        if (bytes.length > MAX_PAYLOAD_BYTES[kind]) expect(result.ok).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws on mutations of valid messages, enveloped or with a mutated envelope', () => {
    fc.assert(
      fc.property(
        kinds.chain((kind) => fc.tuple(fc.constant(kind), fc.oneof(mutated(validBody(kind)).map(seal), mutated(seal(validBody(kind)))))),
        ([kind, payload]) => expectWellFormed(decodeDeviceMessage(kind, payload)),
      ),
      { numRuns: 5_000 },
    );
  });

  it('rejects hostile values in well-formed protobuf with a reason', () => {
    const hostileHeartbeat = fc.record({
      seq: fc.oneof(fc.constant(0), fc.integer({ min: -1e6, max: 1e6 }), fc.constant(Number.MAX_SAFE_INTEGER)),
      cpuPercent: fc.oneof(fc.double(), fc.constant(Number.NaN), fc.constant(Infinity)),
      temperatureC: fc.option(fc.double(), { nil: undefined }),
      memoryUsedBytes: fc.integer({ min: -1e9, max: 1e9 }),
      inference: fc.option(
        fc.record({
          total: fc.integer({ min: -5, max: 5 }),
          errors: fc.nat(),
          models: fc.array(fc.record({ name: fc.string({ maxLength: 300 }), sha256: fc.string({ maxLength: 70 }) }), { maxLength: 70 }),
        }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(hostileHeartbeat, (hb) => {
        const result = decodeDeviceMessage('heartbeat', seal(edge.v1.Heartbeat.encode(hb).finish()));
        expectWellFormed(result);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 300 }), fc.integer({ min: -10, max: 10 }), (codes, revision) => {
        expectWellFormed(decodeDeviceMessage('workstations', seal(edge.v1.WorkstationMapping.encode({ workstationCodes: codes, revision }).finish())));
      }),
      { numRuns: 1_000 },
    );
  });

  it('decodeCommand never throws on random or mutated bytes', () => {
    const valid = edge.v1.Command.encode({ id: 'c1', action: 'reboot' as never }).finish();
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 6_000 }), mutated(valid)), (bytes) => {
        const result = decodeCommand(bytes);
        if (result.ok) expect(result.command.id.length).toBeGreaterThan(0);
        else expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps no memory across 100,000 hostile messages', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const samples = fc.sample(
      fc.tuple(
        kinds,
        fc.oneof(
          fc.uint8Array({ maxLength: 2_000 }),
          kinds.chain((k) => mutated(seal(validBody(k)))),
        ),
      ),
      1_000,
    );
    const heapAfter = (n: number): number => {
      for (let i = 0; i < n; i++) {
        const [kind, payload] = samples[i % samples.length]!;
        decodeDeviceMessage(kind, payload);
      }
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    heapAfter(10_000); // warm up: JIT and lazily built protobuf types
    const first = heapAfter(50_000);
    const second = heapAfter(50_000);
    // A leak of even 100 bytes a message would add 5 MB between the halves.
    expect(second - first).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);
});
