// Decoding with validation. Everything from the wire is hostile until proven otherwise: size is
// checked before parsing, protobufjs errors become values, and each field is range-checked, so a
// caller gets either a well-formed message or a reason string, never an exception.
import { edge } from './wire.js';
import { deviceKindFromProto } from './device-kind.js';
import type { DeviceMessageKind } from './topics.js';

/** Largest accepted payload per message kind, envelope included (bytes). */
export const MAX_PAYLOAD_BYTES: Readonly<Record<DeviceMessageKind | 'cmd', number>> = Object.freeze({
  hello: 32 * 1024, // 32 KiB: inventory of a server with many disks and NICs
  heartbeat: 8 * 1024, // 8 KiB: one heartbeat with per-model counters
  workstations: 16 * 1024, // 16 KiB: up to MAX_WORKSTATIONS codes
  status: 512,
  cmd: 4 * 1024,
});

/** Workstation codes as enterprises register them: letters, digits, '.', '_' and '-', 1 to 64. */
export const WORKSTATION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;
const MAX_WORKSTATIONS = 256;
const MAX_MODELS = 64;
const MAX_LIST = 64;
const MAX_STRING = 256;

export interface DecodeFailure {
  ok: false;
  reason: string;
}

export type DecodedMessage =
  | { kind: 'hello'; message: edge.v1.Hello }
  | { kind: 'heartbeat'; message: edge.v1.Heartbeat }
  | { kind: 'workstations'; message: edge.v1.WorkstationMapping }
  | { kind: 'status'; message: edge.v1.Status };

export type Decoded = ({ ok: true; envelope: edge.v1.Envelope } & DecodedMessage) | DecodeFailure;

const fail = (reason: string): DecodeFailure => ({ ok: false, reason });

/** Decodes an Envelope and its body for a device topic. Does not verify the signature. */
export function decodeDeviceMessage(kind: DeviceMessageKind, payload: Uint8Array): Decoded {
  if (payload.length > MAX_PAYLOAD_BYTES[kind]) {
    return fail(`${kind} payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD_BYTES[kind]}`);
  }
  let envelope: edge.v1.Envelope;
  try {
    envelope = edge.v1.Envelope.decode(payload);
  } catch (err) {
    return fail(`envelope is not valid protobuf: ${(err as Error).message}`);
  }
  if (envelope.body.length === 0) return fail('envelope has an empty body');
  try {
    switch (kind) {
      case 'hello':
        return settle(envelope, 'hello', edge.v1.Hello.decode(envelope.body), checkHello);
      case 'heartbeat':
        return settle(envelope, 'heartbeat', edge.v1.Heartbeat.decode(envelope.body), checkHeartbeat);
      case 'workstations':
        return settle(envelope, 'workstations', edge.v1.WorkstationMapping.decode(envelope.body), checkMapping);
      case 'status':
        return settle(envelope, 'status', edge.v1.Status.decode(envelope.body), checkStatus);
    }
  } catch (err) {
    return fail(`${kind} body is not valid protobuf: ${(err as Error).message}`);
  }
}

/** Decodes a platform command (used by the agent on its cmd topic). */
export function decodeCommand(payload: Uint8Array): { ok: true; command: edge.v1.Command } | DecodeFailure {
  if (payload.length > MAX_PAYLOAD_BYTES.cmd) return fail(`command of ${payload.length} bytes is too large`);
  try {
    const command = edge.v1.Command.decode(payload);
    if (!command.id || command.id.length > MAX_STRING) return fail('command id is missing or too long');
    if (!command.action) return fail('command has no action');
    return { ok: true, command };
  } catch (err) {
    return fail(`command is not valid protobuf: ${(err as Error).message}`);
  }
}

function settle<K extends DecodedMessage['kind'], M>(envelope: edge.v1.Envelope, kind: K, message: M, check: (m: M) => string | null): Decoded {
  const problem = check(message);
  if (problem) return fail(`${kind}: ${problem}`);
  return { ok: true, envelope, kind, message } as Decoded;
}

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const isFiniteIn = (n: number, min: number, max: number): boolean => Number.isFinite(n) && n >= min && n <= max;

function longStrings(values: readonly string[]): string | null {
  for (const v of values) if (v.length > MAX_STRING) return `a text field is longer than ${MAX_STRING}`;
  return null;
}

function checkHello(m: edge.v1.Hello): string | null {
  if (!m.agentVersion || m.agentVersion.length > 64) return 'agentVersion is missing or too long';
  if (deviceKindFromProto(m.kind) === null) return `kind ${m.kind} is not a known device kind`;
  if (!FINGERPRINT_PATTERN.test(m.fingerprint)) return 'fingerprint must be 64 lowercase hex characters';
  if (!isFiniteIn(m.heartbeatIntervalMs, 1_000, 3_600_000)) return 'heartbeatIntervalMs must be 1 s to 1 h';
  if (!m.inventory) return 'inventory is missing';
  // Decoded nested messages are class instances with every field defaulted.
  const inv = m.inventory as edge.v1.HardwareInventory;
  if (inv.disks.length > MAX_LIST || inv.nics.length > MAX_LIST || inv.accelerators.length > MAX_LIST) {
    return `inventory lists more than ${MAX_LIST} disks, NICs or accelerators`;
  }
  return longStrings([
    inv.systemManufacturer,
    inv.systemModel,
    inv.systemSerial,
    inv.systemUuid,
    inv.boardManufacturer,
    inv.boardModel,
    inv.boardSerial,
    inv.cpuBrand,
    inv.osPlatform,
    inv.osDistro,
    inv.osRelease,
    inv.arch,
    inv.virtualHost,
    ...(inv.disks as edge.v1.Disk[]).flatMap((d) => [d.model, d.serial, d.type]),
    ...(inv.nics as edge.v1.NetworkInterface[]).flatMap((n) => [n.name, n.mac]),
    ...(inv.accelerators as edge.v1.Accelerator[]).flatMap((a) => [a.vendor, a.model]),
  ]);
}

function checkHeartbeat(m: edge.v1.Heartbeat): string | null {
  if (!isCount(m.seq) || m.seq === 0) return 'seq must be a positive integer';
  if (!Number.isSafeInteger(m.deviceTimeMs)) return 'deviceTimeMs is not an integer';
  if (!isCount(m.uptimeS)) return 'uptimeS is not a count';
  if (!isFiniteIn(m.cpuPercent, 0, 100)) return 'cpuPercent must be 0 to 100';
  for (const n of [m.memoryUsedBytes, m.memoryTotalBytes, m.diskUsedBytes, m.diskTotalBytes]) {
    if (!isCount(n)) return 'memory and disk figures must be byte counts';
  }
  if (m.temperatureC != null && !isFiniteIn(m.temperatureC, -60, 200)) return 'temperatureC out of range';
  const acc = m.accelerator as edge.v1.AcceleratorUsage | null | undefined;
  if (acc && (!isFiniteIn(acc.utilizationPercent, 0, 100) || acc.model.length > MAX_STRING)) {
    return 'accelerator figures out of range';
  }
  const inf = m.inference as edge.v1.InferenceCounters | null | undefined;
  if (inf) {
    if (!isCount(inf.total) || !isCount(inf.errors)) return 'inference counters must be counts';
    if (inf.models.length > MAX_MODELS) return `more than ${MAX_MODELS} models`;
    for (const model of inf.models as edge.v1.ModelCounters[]) {
      if (model.name.length > MAX_STRING || !/^([0-9a-f]{64})?$/.test(model.sha256)) return 'model name or sha256 invalid';
      if (!isCount(model.count) || !isCount(model.errors)) return 'model counters must be counts';
      if (!isFiniteIn(model.p50Ms, 0, 3_600_000) || !isFiniteIn(model.p99Ms, 0, 3_600_000)) return 'model latency out of range';
      if (model.workstationCode !== '' && !WORKSTATION_CODE_PATTERN.test(model.workstationCode)) return 'model workstation code is not valid';
      if (model.lastError.length > MAX_STRING) return `model lastError is longer than ${MAX_STRING}`;
    }
  }
  if (!isCount(m.queueDepth) || !isCount(m.queueDropped)) return 'queue figures must be counts';
  const seal = m.tpmSeal as edge.v1.TpmSeal | null | undefined;
  // A TPMS_ATTEST of a one-PCR quote is ~150 bytes and an RSA-2048 signature 256: 1 KiB each is ample.
  if (seal && (seal.quote.length === 0 || seal.quote.length > 1024 || seal.signature.length === 0 || seal.signature.length > 1024)) {
    return 'tpmSeal quote and signature must be 1 to 1024 bytes';
  }
  if (m.clockOffsetMs != null && !Number.isSafeInteger(m.clockOffsetMs)) return 'clockOffsetMs is not an integer';
  if (m.prevHash.length !== 0 && m.prevHash.length !== 32) return 'prevHash must be empty or a 32-byte SHA-256';
  return null;
}

function checkMapping(m: edge.v1.WorkstationMapping): string | null {
  if (m.workstationCodes.length > MAX_WORKSTATIONS) return `more than ${MAX_WORKSTATIONS} workstation codes`;
  if (!isCount(m.revision)) return 'revision is not a count';
  for (const code of m.workstationCodes) {
    if (!WORKSTATION_CODE_PATTERN.test(code)) return `workstation code ${JSON.stringify(code.slice(0, 70))} is not valid`;
  }
  if (new Set(m.workstationCodes).size !== m.workstationCodes.length) return 'workstation codes repeat';
  return null;
}

function checkStatus(m: edge.v1.Status): string | null {
  return Number.isSafeInteger(m.deviceTimeMs) ? null : 'deviceTimeMs is not an integer';
}
