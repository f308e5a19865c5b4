// Why a flag was raised, as a code and the values it names: the stored `reason` is its English
// wording (for logs, the audit and the certification evidence), `reason_code` and `reason_params`
// let the dashboard word it in its user's language (web/src/i18n, checked by
// platform/test/server-texts.test.ts).
import { fillTemplate, type TextParams } from '../domain/template.js';

export const FLAG_REASONS = {
  vm_reported: 'the agent reports a virtual machine',
  vm_reported_host: 'the agent reports a virtual machine ({host})',
  vm_named: '{field} "{value}" names a hypervisor or container',
  identity_conflict: 'the device credentials were used from two addresses at once',
  replay: 'heartbeat seq {seq} arrived after seq {lastSeq}',
  clock_ahead: 'device clock is {minutes} min ahead of the platform',
  clock_behind: 'device clock is {minutes} min behind the platform',
  hardware_claimed: 'claims hardware {count} earlier enrolled device(s) already claim ({shared})',
  rekeyed_while_connected: 'the hardware re-enrolled with a new key while the device was connected with its old key',
  // `note` is the operator's own words, shown as written.
  moved_here: 'the operator found this device, not the other one claiming its hardware ({shared}), to be the duplicate: {note}',
} as const;

export type FlagReasonCode = keyof typeof FLAG_REASONS;

export interface FlagReason {
  code: FlagReasonCode;
  params: TextParams;
}

export function flagReason(code: FlagReasonCode, params: TextParams = {}): FlagReason {
  return { code, params };
}

/** The reason in English, as stored in `device_flags.reason`. */
export function flagReasonText(reason: FlagReason): string {
  return fillTemplate(FLAG_REASONS[reason.code], reason.params);
}

// Vendor strings that SMBIOS shows inside common hypervisors and clouds.
const HYPERVISOR = /vmware|virtualbox|qemu|kvm|xen|bochs|parallels|hyper-v|virtual machine|openstack|amazon ec2|google compute|alibaba cloud ecs|docker|lxc/i;

/** The reason when the inventory says this is a virtual machine or container, else null. */
export function virtualMachineReason(inventory: Record<string, unknown>): FlagReason | null {
  if (inventory.virtual === true) {
    return inventory.virtualHost ? flagReason('vm_reported_host', { host: String(inventory.virtualHost) }) : flagReason('vm_reported');
  }
  for (const field of ['systemManufacturer', 'systemModel', 'boardManufacturer', 'virtualHost']) {
    const value = inventory[field];
    if (typeof value === 'string' && HYPERVISOR.test(value)) return flagReason('vm_named', { field, value });
  }
  return null;
}
