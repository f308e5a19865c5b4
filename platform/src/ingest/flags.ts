// Raises fraud and integrity flags (issue #4). A flag is raised once per device and kind while it is
// open; its reason is a sentence and its evidence the facts behind it, both shown to the operator
// and the bureau. Resolving one is an operator act recorded beside it (routes/flags.ts).
import { and, eq, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { deviceFlags } from '../db/schema/index.js';

export type FlagKind =
  | 'duplicate_hardware'
  | 'virtual_machine'
  | 'identity_conflict'
  | 'replay'
  | 'clock_skew'
  | 'rate_limited';

export class FlagRecorder {
  readonly #db: Database;
  readonly #log: Logger;
  /** device:kind pairs known to have an open flag, so a hot path does not query each time. */
  readonly #open = new Set<string>();

  constructor(db: Database, log: Logger) {
    this.#db = db;
    this.#log = log;
  }

  async raise(deviceId: string, kind: FlagKind, reason: string, evidence: Record<string, unknown>, db: Database = this.#db): Promise<void> {
    const key = `${deviceId}:${kind}`;
    if (this.#open.has(key)) return;
    const existing = await db
      .select({ id: deviceFlags.id })
      .from(deviceFlags)
      .where(and(eq(deviceFlags.deviceId, deviceId), eq(deviceFlags.kind, kind), isNull(deviceFlags.resolvedAt)))
      .limit(1);
    if (existing.length === 0) {
      await db.insert(deviceFlags).values({ deviceId, kind, reason, evidence });
      this.#log.warn({ deviceId, flag: kind, reason }, 'device flagged');
    }
    this.#open.add(key);
  }

  /** Forgets the cache for a device (after the operator resolves a flag). */
  resolved(deviceId: string, kind: string): void {
    this.#open.delete(`${deviceId}:${kind}`);
  }
}

// Vendor strings that SMBIOS shows inside common hypervisors and clouds.
const HYPERVISOR = /vmware|virtualbox|qemu|kvm|xen|bochs|parallels|hyper-v|virtual machine|openstack|amazon ec2|google compute|alibaba cloud ecs|docker|lxc/i;

/** A reason when the inventory says this is a virtual machine or container, else null. */
export function virtualMachineReason(inventory: Record<string, unknown>): string | null {
  if (inventory.virtual === true) {
    return `the agent reports a virtual machine${inventory.virtualHost ? ` (${String(inventory.virtualHost)})` : ''}`;
  }
  for (const field of ['systemManufacturer', 'systemModel', 'boardManufacturer', 'virtualHost']) {
    const value = inventory[field];
    if (typeof value === 'string' && HYPERVISOR.test(value)) return `${field} "${value}" names a hypervisor or container`;
  }
  return null;
}
