import { decodeDeviceMessage, edge, openEnvelope, type DeviceMessageKind } from '@edgenet/proto';
import { describe, expect, it } from 'vitest';
import { generateIdentity } from '../src/identity.js';
import { zeroInferenceCounters } from '../src/inference-counters.js';
import { readHardware } from '../src/inventory.js';
import { encodeHeartbeat, encodeHello, encodeStatus, encodeWorkstations, isClockUntrusted, seal, TRUSTED_CLOCK_FLOOR_MS } from '../src/messages.js';
import { ZERO_METRICS } from '../src/metrics-sampler.js';
import { fakeSystem } from './helpers/fake-system.js';

const identity = generateIdentity();

/** Seals, then checks the result the way the platform will: its decoder, then the signature. */
function accepted(kind: DeviceMessageKind, body: Uint8Array) {
  const decoded = decodeDeviceMessage(kind, seal(body, identity.privateKey));
  if (!decoded.ok) throw new Error(decoded.reason);
  expect(openEnvelope(decoded.envelope, identity.publicKey)).toBe(true);
  return decoded.message;
}

const metrics = {
  cpuPercent: 37.5,
  memoryUsedBytes: 3e9,
  memoryTotalBytes: 8e9,
  diskUsedBytes: 1e11,
  diskTotalBytes: 5e11,
  temperatureC: 54,
  accelerator: { model: 'Jetson Orin', utilizationPercent: 80, memoryUsedBytes: 2e9, temperatureC: 61 },
  sampledAt: Date.now(),
};

describe('device messages', () => {
  it('builds a Hello the platform decoder accepts', async () => {
    const { inventory, fingerprint } = await readHardware({ sys: fakeSystem() });
    const hello = accepted(
      'hello',
      encodeHello({
        agentVersion: '0.1.0',
        kind: 'server',
        inventory,
        fingerprint: fingerprint.value,
        heartbeatIntervalMs: 10_000,
        nowMs: Date.now(),
      }),
    ) as edge.v1.Hello;
    expect(hello.kind).toBe(edge.v1.DeviceKind.SERVER);
    expect(hello.fingerprint).toBe(fingerprint.value);
    expect(hello.inventory?.systemSerial).toBe('SN-7F3A-0042');
    expect(hello.inventory?.disks).toHaveLength(2);
  });

  it('builds a Heartbeat with every figure', () => {
    const now = Date.now();
    const hb = accepted(
      'heartbeat',
      encodeHeartbeat({
        seq: 42,
        nowMs: now,
        uptimeS: 3_600.7,
        metrics,
        inference: { total: 10, errors: 1, models: [] },
      }),
    ) as edge.v1.Heartbeat;
    expect(hb).toMatchObject({
      seq: 42,
      deviceTimeMs: now,
      uptimeS: 3_600,
      cpuPercent: 37.5,
      memoryUsedBytes: 3e9,
      diskTotalBytes: 5e11,
      clockUntrusted: false,
    });
    expect(hb.temperatureC).toBe(54);
    expect(hb.accelerator).toMatchObject({ model: 'Jetson Orin', utilizationPercent: 80, temperatureC: 61 });
    expect(hb.inference).toMatchObject({ total: 10, errors: 1 });
  });

  it('leaves unknown temperature and absent accelerator unset (zero snapshot before the first sample)', () => {
    const hb = accepted(
      'heartbeat',
      encodeHeartbeat({
        seq: 1,
        nowMs: Date.now(),
        uptimeS: 5,
        metrics: ZERO_METRICS,
        inference: zeroInferenceCounters.snapshot(),
      }),
    ) as edge.v1.Heartbeat;
    expect(hb.temperatureC ?? null).toBeNull();
    expect(hb.accelerator ?? null).toBeNull();
    expect(hb.cpuPercent).toBe(0);
  });

  it('flags a clock before 2024-01-01 as untrusted', () => {
    expect(isClockUntrusted(0)).toBe(true);
    expect(isClockUntrusted(TRUSTED_CLOCK_FLOOR_MS - 1)).toBe(true);
    expect(isClockUntrusted(TRUSTED_CLOCK_FLOOR_MS)).toBe(false);
    const hb = accepted(
      'heartbeat',
      encodeHeartbeat({
        seq: 2,
        nowMs: Date.UTC(1970, 0, 1, 0, 5),
        uptimeS: 300,
        metrics,
        inference: zeroInferenceCounters.snapshot(),
      }),
    ) as edge.v1.Heartbeat;
    expect(hb.clockUntrusted).toBe(true);
  });

  it('builds WorkstationMapping and Status', () => {
    const mapping = accepted('workstations', encodeWorkstations(['L1-01', 'L1-02'], 7)) as edge.v1.WorkstationMapping;
    expect(mapping).toMatchObject({ workstationCodes: ['L1-01', 'L1-02'], revision: 7 });
    const status = accepted('status', encodeStatus(false, 1_700_000_000_000)) as edge.v1.Status;
    expect(status).toMatchObject({ online: false, deviceTimeMs: 1_700_000_000_000 });
  });

  it('signs with the device key: another key does not verify', () => {
    const decoded = decodeDeviceMessage('status', seal(encodeStatus(false, Date.now()), identity.privateKey));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(openEnvelope(decoded.envelope, generateIdentity().publicKey)).toBe(false);
  });
});
