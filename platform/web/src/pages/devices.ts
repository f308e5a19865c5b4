// Every device the caller may see, searched, filtered and sorted by the server, shown in a
// virtualised table (100,000 rows scroll like 100). Filters live in the URL, so a view can be shared.
import { get, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { formatInt, formatTime } from '../format.js';
import { t } from '../i18n.js';
import { every, type PageContext } from '../page.js';
import { go } from '../router.js';
import type { BreakdownRow, DeviceRow, Page } from '../types.js';
import { VirtualTable } from '../virtual-table.js';
import { allPages, csvButton, type CsvColumn } from '../csv-export.js';
import { deviceName, kindLabel, statusBadge } from './shared.js';
import { lifecycleStatus } from './device-lifecycle.js';

const FILTERS = ['q', 'online', 'kind', 'town', 'enterpriseId', 'projectId'] as const;

// Headers in the language of the page that builds the button.
const deviceCsv = (): CsvColumn<DeviceRow>[] => [
  { header: t('col.device'), value: (d) => deviceName(d) },
  { header: 'ID', value: (d) => d.id },
  { header: t('col.serial'), value: (d) => d.serial },
  { header: t('col.status'), value: (d) => (d.status === 'active' ? t(d.online ? 'status.online' : 'status.offline') : d.status) },
  { header: t('col.enterprise'), value: (d) => d.enterpriseName },
  { header: t('col.project'), value: (d) => d.projectName },
  { header: t('col.town'), value: (d) => d.town },
  { header: t('col.kind'), value: (d) => kindLabel(d.kind) },
  { header: t('col.workstations'), value: (d) => d.workstationsServed ?? 0 },
  { header: t('col.lastSeen'), value: (d) => d.lastSeenAt },
  { header: t('col.enrolled'), value: (d) => d.enrolledAt },
];

export async function devicesPage(ctx: PageContext): Promise<void> {
  const query = ctx.route.query;
  const state: Record<string, string> = {};
  for (const k of FILTERS) state[k] = query.get(k) ?? '';
  let sort = query.get('sort') ?? 'enrolledAt';
  let order: 'asc' | 'desc' = query.get('order') === 'asc' ? 'asc' : 'desc';

  const total = h('span', { class: 'muted', testid: 'device-total' });
  // An empty list says what to do next: enroll the first device, or loosen the filters.
  const empty = h('p', { class: 'hint empty', testid: 'devices-empty' });
  empty.hidden = true;
  const search = h('input', { type: 'search', placeholder: t('devices.search'), value: state.q, testid: 'device-search', class: 'grow' });
  const select = (key: string, options: [string, string][], testid: string) => {
    const el = h(
      'select',
      { testid },
      options.map(([v, label]) => h('option', { value: v, selected: state[key] === v }, label)),
    );
    el.addEventListener('change', () => {
      state[key] = el.value;
      changed();
    });
    return el;
  };
  const online = select(
    'online',
    [
      ['', t('devices.allStates')],
      ['true', t('status.online')],
      ['false', t('status.offline')],
    ],
    'filter-online',
  );
  const kind = select(
    'kind',
    [
      ['', t('devices.allKinds')],
      ['compute_box', t('kind.compute_box')],
      ['industrial_pc', t('kind.industrial_pc')],
      ['server', t('kind.server')],
    ],
    'filter-kind',
  );
  const town = select('town', [['', t('devices.allTowns')]], 'filter-town');
  const scopeNote = h('span', { class: 'muted' });

  const table = new VirtualTable<DeviceRow>({
    testid: 'device-table',
    loadingText: t('devices.loading'),
    sort,
    order,
    columns: [
      {
        key: 'online',
        label: t('col.status'),
        width: '88px',
        sortable: true,
        cell: (d) => (d.status === 'active' ? statusBadge(d.online, d.lastSeenAt !== null) : lifecycleStatus(d.status)),
      },
      {
        key: 'id',
        label: t('col.device'),
        width: 'minmax(150px, 1.5fr)',
        sortable: true,
        cell: (d) => h('a', { href: `#/devices/${d.id}`, title: d.id, testid: `device-name-${d.id}` }, deviceName(d)),
      },
      { key: 'enterprise', label: t('col.enterprise'), width: 'minmax(140px, 2fr)', sortable: true, cell: (d) => d.enterpriseName ?? '' },
      { key: 'project', label: t('col.project'), width: 'minmax(120px, 1.5fr)', sortable: true, cell: (d) => d.projectName ?? '' },
      { key: 'town', label: t('col.town'), width: '100px', sortable: true, cell: (d) => d.town ?? '' },
      { key: 'kind', label: t('col.kind'), width: '90px', sortable: true, cell: (d) => kindLabel(d.kind) },
      { key: 'workstations', label: t('col.workstations'), width: '80px', cell: (d) => h('span', { class: 'num' }, formatInt(d.workstationsServed ?? 0)) },
      { key: 'lastSeenAt', label: t('col.lastSeen'), width: '170px', sortable: true, cell: (d) => formatTime(d.lastSeenAt) },
      { key: 'enrolledAt', label: t('col.enrolled'), width: '170px', sortable: true, cell: (d) => formatTime(d.enrolledAt) },
    ],
    load: (offset, limit, s, o) => get<Page<DeviceRow>>(`/devices${qs({ ...state, offset, limit, sort: s, order: o })}`),
    onRow: (d) => go(`#/devices/${d.id}`),
    onTotal: (n) => {
      total.textContent = t('devices.total', { n: formatInt(n) });
      empty.hidden = n > 0;
      empty.textContent = FILTERS.some((k) => state[k]) ? t('devices.noneMatch') : t('devices.noneYet');
    },
    onSort: (s, o) => {
      sort = s;
      order = o;
      writeUrl();
    },
  });

  let debounce: number | undefined;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = window.setTimeout(() => {
      state.q = search.value.trim();
      changed();
    }, 250);
  });
  function writeUrl(): void {
    const q = new URLSearchParams();
    for (const k of FILTERS) if (state[k]) q.set(k, state[k]!);
    if (sort !== 'enrolledAt') q.set('sort', sort);
    if (order !== 'desc') q.set('order', order);
    // replaceState: filtering is not navigation, and must not remount the page.
    history.replaceState(null, '', `#/devices${q.toString() ? `?${q}` : ''}`);
  }
  function changed(): void {
    writeUrl();
    table.reload();
  }

  if (state.projectId || state.enterpriseId) {
    const [p] = await Promise.all([state.projectId ? get<{ name: string }>(`/projects/${encodeURIComponent(state.projectId)}`).catch(() => null) : null]);
    scopeNote.textContent = p ? `${t('col.project')}: ${p.name}` : '';
  }
  replace(
    ctx.root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, t('devices.title')),
      total,
      scopeNote,
      // Every device the filters select, not the rows on screen.
      csvButton('devices-csv', 'devices', deviceCsv(), () =>
        allPages((offset, limit) => get<Page<DeviceRow>>(`/devices${qs({ ...state, offset, limit, sort, order })}`)),
      ),
    ),
    h('div', { class: 'filters' }, search, online, kind, town),
    h('section', { class: 'card flush' }, table.el),
    empty,
  );
  table.reload();
  get<{ items: BreakdownRow[] }>('/fleet/breakdown?by=town')
    .then(({ items }) => {
      for (const r of items) town.appendChild(h('option', { value: r.key, selected: state.town === r.key }, r.label));
    })
    .catch(() => undefined);
  every(ctx, 10_000, () => table.refresh()); // online state of the rows in view
}
