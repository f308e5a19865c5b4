// One heartbeat builder for every sender of edge.v1: the agent, the tests' devices and both
// simulators (scripts/demo, scripts/fleet). The wire conventions live here once: proto3 `optional`
// fields are left unset for "unknown" (never sent as 0), uptime is whole non-negative seconds, an
// empty prev_hash restarts the chain (chain.ts), and the store-and-forward counters default to 0.
import type { KeyObject } from 'node:crypto';
import { sealEnvelope } from './envelope.js';
import { edge } from './wire.js';

export interface AcceleratorFields {
  model: string;
  utilizationPercent: number;
  memoryUsedBytes: number;
  /** null: the accelerator reports no temperature (left unset on the wire). */
  temperatureC?: number | null;
}

export interface HeartbeatFields {
  seq: number;
  deviceTimeMs: number;
  uptimeS?: number;
  cpuPercent?: number;
  memoryUsedBytes?: number;
  memoryTotalBytes?: number;
  diskUsedBytes?: number;
  diskTotalBytes?: number;
  /** null or absent: unknown (left unset on the wire). */
  temperatureC?: number | null;
  accelerator?: AcceleratorFields | null;
  inference?: edge.v1.IInferenceCounters;
  clockUntrusted?: boolean;
  queueDepth?: number;
  queueDropped?: number;
  /** Platform clock minus device clock; null or absent: not measured (left unset). */
  clockOffsetMs?: number | null;
  /** chainLink() of the previous heartbeat's body; empty or absent when the chain (re)starts. */
  prevHash?: Uint8Array;
  /** A TPM2_Quote over tpmSealQualifyingData(deviceId, prevHash) (tpm.ts); absent without a TPM. */
  tpmSeal?: { quote: Uint8Array; signature: Uint8Array } | null;
}

/** The Heartbeat body a device signs. */
export function encodeHeartbeat(f: HeartbeatFields): Uint8Array {
  const acc = f.accelerator;
  return edge.v1.Heartbeat.encode({
    seq: f.seq,
    deviceTimeMs: f.deviceTimeMs,
    uptimeS: Math.max(0, Math.floor(f.uptimeS ?? 0)),
    cpuPercent: f.cpuPercent ?? 0,
    memoryUsedBytes: f.memoryUsedBytes ?? 0,
    memoryTotalBytes: f.memoryTotalBytes ?? 0,
    diskUsedBytes: f.diskUsedBytes ?? 0,
    diskTotalBytes: f.diskTotalBytes ?? 0,
    ...(f.temperatureC != null ? { temperatureC: f.temperatureC } : {}),
    ...(acc
      ? {
          accelerator: {
            model: acc.model,
            utilizationPercent: acc.utilizationPercent,
            memoryUsedBytes: acc.memoryUsedBytes,
            ...(acc.temperatureC != null ? { temperatureC: acc.temperatureC } : {}),
          },
        }
      : {}),
    inference: f.inference ?? { total: 0, errors: 0 },
    clockUntrusted: f.clockUntrusted ?? false,
    prevHash: f.prevHash ?? new Uint8Array(),
    queueDepth: f.queueDepth ?? 0,
    queueDropped: f.queueDropped ?? 0,
    ...(f.clockOffsetMs != null ? { clockOffsetMs: f.clockOffsetMs } : {}),
    ...(f.tpmSeal ? { tpmSeal: { quote: f.tpmSeal.quote, signature: f.tpmSeal.signature } } : {}),
  }).finish();
}

/** A body sealed in its signed Envelope, as the Buffer an MQTT client publishes. */
export function sealedPayload(body: Uint8Array, privateKey: KeyObject): Buffer {
  const envelope = sealEnvelope(body, privateKey);
  return Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
}
