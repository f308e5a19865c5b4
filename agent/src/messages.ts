// The device-to-platform messages of edge.v1, built from agent state and sealed in signed Envelopes
// (docs/protocol.md §2). Pure functions: the clock, seq and metrics come in as arguments.
import { deviceKindToProto, edge, encodeHeartbeat as encodeWireHeartbeat, sealedPayload, type DeviceKindName } from '@edgenet/proto';
import type { InferenceCountersSnapshot } from './inference-counters.js';
import type { HardwareInventory } from './inventory.js';
import type { MetricsSnapshot } from './metrics-sampler.js';

import { TRUSTED_CLOCK_FLOOR_MS } from './clock.js';

export { TRUSTED_CLOCK_FLOOR_MS };

/** The floor rule alone (clock.ts ClockJudge adds the platform-offset rule). */
export function isClockUntrusted(nowMs: number): boolean {
  return nowMs < TRUSTED_CLOCK_FLOOR_MS;
}

export interface HelloInput {
  agentVersion: string;
  kind: DeviceKindName;
  inventory: HardwareInventory;
  fingerprint: string;
  heartbeatIntervalMs: number;
  nowMs: number;
}

export function encodeHello(input: HelloInput): Uint8Array {
  return edge.v1.Hello.encode({
    agentVersion: input.agentVersion,
    kind: deviceKindToProto(input.kind),
    inventory: input.inventory,
    fingerprint: input.fingerprint,
    heartbeatIntervalMs: input.heartbeatIntervalMs,
    deviceTimeMs: input.nowMs,
  }).finish();
}

export function encodeWorkstations(codes: readonly string[], revision: number): Uint8Array {
  return edge.v1.WorkstationMapping.encode({ workstationCodes: [...codes], revision }).finish();
}

export interface HeartbeatInput {
  seq: number;
  nowMs: number;
  uptimeS: number;
  metrics: MetricsSnapshot;
  inference: InferenceCountersSnapshot;
  /** The ClockJudge's verdict; without it, only the floor rule applies. */
  clockUntrusted?: boolean;
  queueDepth?: number;
  queueDropped?: number;
  clockOffsetMs?: number;
  /** SHA-256 of the previous heartbeat body; empty when the chain (re)starts. */
  prevHash?: Uint8Array;
  /** The TPM's quote over prevHash (tpm-sealer.ts), when one is ready. */
  tpmSeal?: { quote: Uint8Array; signature: Uint8Array };
}

/** The agent's state as the edge.v1 Heartbeat body (proto's builder holds the wire conventions). */
export function encodeHeartbeat(input: HeartbeatInput): Uint8Array {
  const { metrics } = input;
  return encodeWireHeartbeat({
    seq: input.seq,
    deviceTimeMs: input.nowMs,
    uptimeS: input.uptimeS,
    cpuPercent: metrics.cpuPercent,
    memoryUsedBytes: metrics.memoryUsedBytes,
    memoryTotalBytes: metrics.memoryTotalBytes,
    diskUsedBytes: metrics.diskUsedBytes,
    diskTotalBytes: metrics.diskTotalBytes,
    temperatureC: metrics.temperatureC,
    accelerator: metrics.accelerator,
    inference: input.inference,
    clockUntrusted: input.clockUntrusted ?? isClockUntrusted(input.nowMs),
    prevHash: input.prevHash,
    queueDepth: input.queueDepth,
    queueDropped: input.queueDropped,
    clockOffsetMs: input.clockOffsetMs,
    tpmSeal: input.tpmSeal ?? null,
  });
}

export function encodeStatus(online: boolean, nowMs: number): Uint8Array {
  return edge.v1.Status.encode({ online, deviceTimeMs: nowMs }).finish();
}

/** Seals a body into a signed Envelope, as a Buffer (what mqtt.js publishes). */
export { sealedPayload as seal };
