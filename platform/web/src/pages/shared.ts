// Small pieces several pages show the same way.
import { h } from '../dom.js';
import { t, type MessageKey } from '../i18n.js';
import type { DeviceKind } from '../types.js';

export function kindLabel(kind: DeviceKind | string): string {
  return kind === 'compute_box' || kind === 'industrial_pc' || kind === 'server' ? t(`kind.${kind}`) : kind;
}

export function statusBadge(online: boolean, everSeen = true): HTMLElement {
  const label = online ? t('status.online') : everSeen ? t('status.offline') : t('status.neverSeen');
  return h('span', { class: `badge ${online ? 'ok' : 'off'}`, 'data-online': String(online) }, label);
}

/** Table columns holding numbers (right-aligned, header too). */
export const NUMERIC: ReadonlySet<string> = new Set([
  'col.enterprises',
  'col.enterprisesConnected',
  'col.projects',
  'col.devices',
  'col.online',
  'col.onlineShare',
  'col.workstations',
  'col.offlineFor',
  'col.today',
  'col.average',
  'col.totalInvestment',
  'col.eligibleInvestment',
  'col.verified',
  'col.certifiedNodes',
  'col.award',
]);

const FLAGS = ['duplicate_hardware', 'virtual_machine', 'identity_conflict', 'replay', 'clock_skew', 'rate_limited'] as const;
/** Flag kinds (docs/certification.md "Flags") in the user's language; an unknown kind as it is. */
export function flagLabel(kind: string): string {
  return (FLAGS as readonly string[]).includes(kind) ? t(`flag.${kind as (typeof FLAGS)[number]}`) : kind;
}

/** The first 8 hex digits identify a device at a glance; the full id is in the link and its title. */
export function deviceLink(id: string): HTMLElement {
  return h('a', { href: `#/devices/${id}`, class: 'mono', title: id }, id.slice(0, 8));
}

/** A compact table: a head row of translated column names (blank for an empty key), then the rows. */
export function compactTable(heads: readonly (MessageKey | '')[], rows: HTMLElement[]): HTMLElement {
  return h(
    'table',
    { class: 'table compact' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        heads.map((k) => h('th', null, k ? t(k) : '')),
      ),
    ),
    h('tbody', null, rows),
  );
}

/** What a person calls a device: "model · SN serial", the serial or the model alone, else its short id. */
export function deviceName(d: { id: string; model: string | null; serial: string | null }): string {
  if (d.model && d.serial) return `${d.model} · ${t('device.serialShort')} ${d.serial}`;
  if (d.serial) return `${t('device.serialShort')} ${d.serial}`;
  return d.model ? `${d.model} · ${d.id.slice(0, 8)}` : d.id.slice(0, 8);
}
