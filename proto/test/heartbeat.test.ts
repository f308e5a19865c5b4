// The one heartbeat builder: what a sender leaves out or calls unknown is unset on the wire (proto3
// `optional`), never a 0 the platform would store as a reading; what it gives comes back decoded,
// sealed under the sender's key.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainLink, decodeDeviceMessage, type edge, encodeHeartbeat, linksTo, sealedPayload } from '../src/index.js';

const { privateKey } = generateKeyPairSync('ed25519');

function decoded(body: Uint8Array): edge.v1.Heartbeat {
  const result = decodeDeviceMessage('heartbeat', sealedPayload(body, privateKey));
  if (!result.ok || result.kind !== 'heartbeat') throw new Error(`not a valid heartbeat: ${JSON.stringify(result)}`);
  return result.message;
}

describe('encodeHeartbeat', () => {
  it('leaves unknown temperature, accelerator and clock offset unset, and restarts the chain without prevHash', () => {
    for (const unknown of [{}, { temperatureC: null, accelerator: null, clockOffsetMs: null }]) {
      const hb = decoded(encodeHeartbeat({ seq: 7, deviceTimeMs: 1_780_000_000_000, ...unknown }));
      expect(hb.seq).toBe(7);
      expect(hb.deviceTimeMs).toBe(1_780_000_000_000);
      expect(Object.hasOwn(hb, 'temperatureC')).toBe(false);
      expect(hb.accelerator ?? null).toBeNull();
      expect(Object.hasOwn(hb, 'clockOffsetMs')).toBe(false);
      expect(hb.prevHash.length).toBe(0);
      expect([hb.queueDepth, hb.queueDropped, hb.inference?.total, hb.clockUntrusted]).toEqual([0, 0, 0, false]);
    }
  });

  it('carries every reading given, a zero offset and temperature included, and floors uptime at whole non-negative seconds', () => {
    const prev = encodeHeartbeat({ seq: 1, deviceTimeMs: 1_780_000_000_000 });
    const body = encodeHeartbeat({
      seq: 2,
      deviceTimeMs: 1_780_000_010_000,
      uptimeS: 12.9,
      cpuPercent: 40,
      memoryUsedBytes: 2 ** 33,
      memoryTotalBytes: 2 ** 34,
      diskUsedBytes: 1e10,
      diskTotalBytes: 6e10,
      temperatureC: 0,
      accelerator: { model: 'Jetson Orin', utilizationPercent: 55, memoryUsedBytes: 2 ** 30, temperatureC: null },
      inference: { total: 90, errors: 1 },
      clockUntrusted: true,
      queueDepth: 3,
      queueDropped: 1,
      clockOffsetMs: 0,
      prevHash: chainLink(prev),
    });
    const hb = decoded(body);
    expect(hb.uptimeS).toBe(12);
    expect(hb.temperatureC).toBe(0);
    expect(hb.clockOffsetMs).toBe(0);
    expect(hb.accelerator?.model).toBe('Jetson Orin');
    expect(Object.hasOwn(hb.accelerator ?? {}, 'temperatureC')).toBe(false);
    expect([hb.memoryUsedBytes, hb.queueDepth, hb.queueDropped, hb.inference?.errors, hb.clockUntrusted]).toEqual([2 ** 33, 3, 1, 1, true]);
    expect(linksTo(hb.prevHash, prev)).toBe(true);
    expect(decoded(encodeHeartbeat({ seq: 3, deviceTimeMs: 1, uptimeS: -5 })).uptimeS).toBe(0);
  });
});
