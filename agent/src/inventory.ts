// What the hardware is: one read of systeminformation at start, turned into the HardwareInventory of
// edge.proto and the inputs of the fingerprint. SMBIOS serials and UUID are root-only on Linux
// (/sys/class/dmi/id/product_serial is mode 0400), so a root run of `edge-agent inventory --write` can
// leave them in hardware.json for an agent that runs as an ordinary user.
import { join } from 'node:path';
import type { Complete, edge } from '@edgenet/proto';
import si from 'systeminformation';
import { AgentError } from './errors.js';
import { computeFingerprint, meaningful, type Fingerprint, type FingerprintSources } from './fingerprint.js';
import { readJsonFile, writeJsonFile } from './durable-file.js';
import { STATE_FILES } from './state-files.js';

export type SystemInfo = Pick<typeof si, 'system' | 'baseboard' | 'cpu' | 'mem' | 'diskLayout' | 'networkInterfaces' | 'graphics' | 'osInfo'>;

/** HardwareInventory of edge.proto with every field present (also the JSON body sent at enrollment). */
export type HardwareInventory = Omit<Complete<edge.v1.HardwareInventory.$Properties>, 'disks' | 'nics' | 'accelerators'> & {
  disks: Complete<edge.v1.Disk.$Properties>[];
  nics: Complete<edge.v1.NetworkInterface.$Properties>[];
  accelerators: Complete<edge.v1.Accelerator.$Properties>[];
};

/** hardware.json: SMBIOS identity read as root, for a non-root agent. */
export interface HardwareFile {
  systemSerial: string;
  boardSerial: string;
  systemUuid: string;
  writtenAt: string;
}

export interface HardwareReading {
  inventory: HardwareInventory;
  fingerprint: Fingerprint;
  /** True when hardware.json supplied a serial or UUID that could not be read live. */
  usedHardwareFile: boolean;
}

// Limits of the platform's decoder (@edgenet/proto decode.ts): longer text or lists fail the Hello.
const MAX_TEXT = 256;
const MAX_LIST = 64;
const CALL_TIMEOUT_MS = 15_000; // 15 s: lspci/nvidia-smi behind graphics() can hang on a sick driver

const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT) : '');
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/** Resolves to the call's value, or to fallback if it throws or outlasts timeoutMs. */
export async function settle<T>(call: () => Promise<T>, fallback: T, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([call().catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function readHardwareFile(stateDir: string): HardwareFile | undefined {
  const raw = readJsonFile(join(stateDir, STATE_FILES.hardware));
  if (raw === undefined) return undefined;
  const r = raw as Partial<Record<keyof HardwareFile, unknown>> | null;
  return {
    systemSerial: text(r?.systemSerial),
    boardSerial: text(r?.boardSerial),
    systemUuid: text(r?.systemUuid),
    writtenAt: text(r?.writtenAt),
  };
}

/** Writes hardware.json from a live reading; refuses when there is nothing worth saving. */
export function writeHardwareFile(stateDir: string, inventory: HardwareInventory): HardwareFile {
  const file: HardwareFile = {
    systemSerial: meaningful(inventory.systemSerial),
    boardSerial: meaningful(inventory.boardSerial),
    systemUuid: meaningful(inventory.systemUuid),
    writtenAt: new Date().toISOString(),
  };
  if (!file.systemSerial && !file.boardSerial && !file.systemUuid) {
    throw new AgentError(
      'EDGE_AGENT_ERR_HARDWARE_UNREADABLE',
      'no system serial, board serial or system UUID could be read; run `edge-agent inventory --write` as root',
    );
  }
  // Serials are not secret and the agent's own user must read the file, hence 0644.
  writeJsonFile(join(stateDir, STATE_FILES.hardware), file, 0o644);
  return file;
}

/**
 * Reads the hardware. Live SMBIOS values win over hardware.json: the file only fills what this process
 * cannot read, so a hardware.json copied along with a disk image cannot mask different live serials,
 * and disk serials (readable without root) are always live.
 */
export async function readHardware(options: { sys?: SystemInfo; hardwareFile?: HardwareFile }): Promise<HardwareReading> {
  const sys = options.sys ?? si;
  const [system, board, cpu, mem, disks, nics, graphics, os] = await Promise.all([
    settle(() => sys.system(), undefined),
    settle(() => sys.baseboard(), undefined),
    settle(() => sys.cpu(), undefined),
    settle(() => sys.mem(), undefined),
    settle(() => sys.diskLayout(), []),
    settle(() => sys.networkInterfaces(), []),
    settle(() => sys.graphics(), undefined),
    settle(() => sys.osInfo(), undefined),
  ]);

  const file = options.hardwareFile;
  let usedHardwareFile = false;
  const identity = (live: unknown, fromFile: string | undefined): string => {
    const value = meaningful(text(live));
    if (value) return value;
    const filed = meaningful(fromFile);
    if (filed) usedHardwareFile = true;
    return filed;
  };

  const diskList = Array.isArray(disks) ? disks : [];
  const nicList = (Array.isArray(nics) ? nics : [nics]).filter((n) => n && !n.internal);
  // Physical NICs first, so the list cut at MAX_LIST (a host with many container veths) keeps them.
  nicList.sort((a, b) => Number(a.virtual) - Number(b.virtual));

  const inventory: HardwareInventory = {
    systemManufacturer: text(system?.manufacturer),
    systemModel: text(system?.model),
    systemSerial: identity(system?.serial, file?.systemSerial),
    systemUuid: identity(system?.uuid, file?.systemUuid).toLowerCase(),
    boardManufacturer: text(board?.manufacturer),
    boardModel: text(board?.model),
    boardSerial: identity(board?.serial, file?.boardSerial),
    cpuBrand: text(`${cpu?.manufacturer ?? ''} ${cpu?.brand ?? ''}`),
    cpuCores: count(cpu?.cores),
    cpuPhysicalCores: count(cpu?.physicalCores),
    memoryBytes: count(mem?.total),
    disks: diskList.slice(0, MAX_LIST).map((d) => ({
      model: text(d.name),
      serial: text(d.serialNum),
      sizeBytes: count(d.size),
      type: text(d.type),
    })),
    nics: nicList.slice(0, MAX_LIST).map((n) => ({ name: text(n.iface), mac: text(n.mac), virtual: Boolean(n.virtual) })),
    accelerators: (graphics?.controllers ?? []).slice(0, MAX_LIST).map((g) => ({
      vendor: text(g.vendor),
      model: text(g.model),
      memoryBytes: count(g.vram) * 1024 * 1024, // systeminformation reports vram in MiB
    })),
    osPlatform: text(os?.platform),
    osDistro: text(os?.distro),
    osRelease: text(os?.release),
    arch: text(os?.arch),
    virtual: Boolean(system?.virtual),
    virtualHost: text(system?.virtualHost),
  };

  const sources: FingerprintSources = {
    systemSerial: inventory.systemSerial,
    boardSerial: inventory.boardSerial,
    systemUuid: inventory.systemUuid,
    cpuManufacturer: text(cpu?.manufacturer),
    cpuBrand: text(cpu?.brand),
    cpuPhysicalCores: inventory.cpuPhysicalCores,
    memoryBytes: inventory.memoryBytes,
    disks: diskList.map((d) => ({
      device: text(d.device),
      vendor: text(d.vendor),
      model: text(d.name),
      serial: text(d.serialNum),
      interfaceType: text(d.interfaceType),
    })),
  };
  return { inventory, fingerprint: computeFingerprint(sources), usedHardwareFile };
}
