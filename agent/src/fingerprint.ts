// The hardware fingerprint: hex SHA-256 over a fixed, documented list of hardware facts, so the same
// machine gives the same value across restarts and OS re-installs, and a cloned disk image on other
// hardware does not (DOMAIN.md: cloned devices must not inflate node counts).
//
// Fields, in this order (README.md "Hardware fingerprint"):
//   systemSerial, boardSerial, systemUuid  SMBIOS identity (root-only on Linux; see hardware.json)
//   cpuBrand, cpuPhysicalCores             manufacturer + brand string; physical cores, because a BIOS
//                                          hyper-threading toggle changes the logical count
//   memoryGiB                              installed RAM rounded *up* to whole GiB, because the kernel's
//                                          reservation (and so MemTotal) moves by MBs between kernels
//   diskSerials                            serials of physical, non-removable disks, sorted
// Deliberately excluded: hostname and /etc/machine-id (copied with a disk image), MAC addresses (change
// with a NIC swap), OS facts (change with a re-install).
// A field that is unreadable or holds a vendor placeholder ("To Be Filled By O.E.M.", all-zero UUID) is
// left out, and the list of fields actually used is recorded beside the value.
import { createHash } from 'node:crypto';
import { meaningfulSerial } from '@edgenet/proto';

export const FINGERPRINT_VERSION = 'edgenet-fingerprint-v1';

export const FINGERPRINT_FIELDS = ['systemSerial', 'boardSerial', 'systemUuid', 'cpuBrand', 'cpuPhysicalCores', 'memoryGiB', 'diskSerials'] as const;
export type FingerprintField = (typeof FINGERPRINT_FIELDS)[number];

/** Fields that tell two machines of the same model apart; without one the value is only a model id. */
export const IDENTIFYING_FIELDS: readonly FingerprintField[] = ['systemSerial', 'boardSerial', 'systemUuid', 'diskSerials'];

export interface FingerprintDisk {
  device: string;
  vendor: string;
  model: string;
  serial: string;
  interfaceType: string;
}

export interface FingerprintSources {
  systemSerial: string;
  boardSerial: string;
  systemUuid: string;
  cpuManufacturer: string;
  cpuBrand: string;
  cpuPhysicalCores: number;
  memoryBytes: number;
  disks: readonly FingerprintDisk[];
}

export interface Fingerprint {
  /** 64 lowercase hex characters (FINGERPRINT_PATTERN in @edgenet/proto). */
  value: string;
  /** The fields that went into value, in hashing order. */
  fields: FingerprintField[];
  /** False when no identifying field was readable: identical machines would then collide. */
  identifying: boolean;
}

/** The trimmed value, or '' when it is blank, a known placeholder, or one character repeated: the platform's rule too. */
export const meaningful: (value: string | null | undefined) => string = meaningfulSerial;

// Virtual block devices and the virtual disks hypervisors present; their serials are invented by the
// host and follow the disk image, not the hardware.
const VIRTUAL_DEVICE = /^(\/dev\/)?(loop|ram|zram|nbd|dm-|md|sr|fd|vd|xvd)/;
const VIRTUAL_MODEL = /qemu|vbox|virtual|vmware|xen|kvm|msft|red hat|virtio/i;

/** True for a disk that belongs to the machine: physical, not virtual, not removable USB storage. */
export function isPhysicalDisk(disk: FingerprintDisk): boolean {
  if (/usb/i.test(disk.interfaceType)) return false;
  if (VIRTUAL_DEVICE.test(disk.device)) return false;
  if (VIRTUAL_MODEL.test(`${disk.vendor} ${disk.model}`)) return false;
  return true;
}

export function computeFingerprint(sources: FingerprintSources): Fingerprint {
  const diskSerials = [
    ...new Set(
      sources.disks
        .filter(isPhysicalDisk)
        .map((d) => meaningful(d.serial).toUpperCase())
        .filter(Boolean),
    ),
  ].sort();
  const uuid = meaningful(sources.systemUuid).toLowerCase();
  const cpuBrand = meaningful(`${sources.cpuManufacturer} ${sources.cpuBrand}`);
  const memoryGiB = sources.memoryBytes > 0 ? Math.ceil(sources.memoryBytes / 2 ** 30) : 0;

  const candidates: Record<FingerprintField, string> = {
    systemSerial: meaningful(sources.systemSerial).toUpperCase(),
    boardSerial: meaningful(sources.boardSerial).toUpperCase(),
    systemUuid: uuid,
    cpuBrand,
    cpuPhysicalCores: sources.cpuPhysicalCores > 0 ? String(sources.cpuPhysicalCores) : '',
    memoryGiB: memoryGiB > 0 ? String(memoryGiB) : '',
    diskSerials: diskSerials.length > 0 ? JSON.stringify(diskSerials) : '',
  };
  const fields = FINGERPRINT_FIELDS.filter((f) => candidates[f] !== '');
  // The field names are hashed with their values, so a value can never be read as another field's.
  const canonical = JSON.stringify([FINGERPRINT_VERSION, fields.map((f) => [f, candidates[f]])]);
  return {
    value: createHash('sha256').update(canonical).digest('hex'),
    fields,
    identifying: fields.some((f) => IDENTIFYING_FIELDS.includes(f)),
  };
}
