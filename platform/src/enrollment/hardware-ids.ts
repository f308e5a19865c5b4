// The hardware identifiers the platform derives itself from the serials a device reports, instead of
// trusting the device's own fingerprint (a hash the enrolling party computes: change one hashed
// field, say the memory size, and the same serials enroll twice under two fingerprints). Two
// devices sharing any one identifier are the same hardware (docs/certification.md "Flags").
//
// An identifier is `<kind>:<value>`: system_serial, board_serial and disk_serial upper-cased,
// system_uuid lower-cased, after trimming and collapsing blanks. Values firmware vendors leave
// instead of a serial ("To Be Filled By O.E.M.", "Default string", one symbol repeated) are dropped
// by the same rule the agent's fingerprint uses (proto meaningfulSerial), because every such box
// would share them; so are disks a hypervisor invents (their model names one).
import { createHash } from 'node:crypto';
import { meaningfulSerial } from '@edgenet/proto';

const VIRTUAL_DISK_MODEL = /qemu|vbox|virtual|vmware|xen|kvm|msft|red hat|virtio/i;

/** The identifiers in a reported inventory (the enrollment's JSON or a hello's), sorted, distinct. */
export function hardwareIds(inventory: unknown): string[] {
  const inv = (typeof inventory === 'object' && inventory !== null ? inventory : {}) as Record<string, unknown>;
  const ids = new Set<string>();
  const add = (kind: string, value: string) => {
    if (value) ids.add(`${kind}:${value}`);
  };
  add('system_serial', meaningfulSerial(inv.systemSerial).toUpperCase());
  add('board_serial', meaningfulSerial(inv.boardSerial).toUpperCase());
  add('system_uuid', meaningfulSerial(inv.systemUuid).toLowerCase());
  for (const disk of Array.isArray(inv.disks) ? inv.disks : []) {
    const d = (typeof disk === 'object' && disk !== null ? disk : {}) as Record<string, unknown>;
    if (VIRTUAL_DISK_MODEL.test(String(d.model ?? ''))) continue;
    add('disk_serial', meaningfulSerial(d.serial).toUpperCase());
  }
  return [...ids].sort();
}

/**
 * The platform's own fingerprint of the hardware: hex SHA-256 over the identifiers joined by "\n",
 * or null when the inventory names none (then only the self-reported fingerprint is compared).
 */
export function platformFingerprint(ids: readonly string[]): string | null {
  return ids.length === 0
    ? null
    : createHash('sha256')
        .update([...ids].sort().join('\n'), 'utf8')
        .digest('hex');
}

/** The kind of an identifier without its value, for answers that must not reveal another's serials. */
export const idKind = (id: string): string => id.slice(0, id.indexOf(':'));
