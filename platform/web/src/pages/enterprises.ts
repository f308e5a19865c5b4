// Enterprises with their fleet figures (the first step of the drill-down: enterprise → project →
// devices → one device). An enterprise token sees only its own and goes straight to it.
import { get } from '../api.js';
import { h, replace } from '../dom.js';
import { formatInt, formatShare } from '../format.js';
import { t } from '../i18n.js';
import { NUMERIC } from './shared.js';
import { every, type PageContext } from '../page.js';
import { go } from '../router.js';
import type { BreakdownRow } from '../types.js';
import { csvButton } from '../csv-export.js';

export async function enterprisesPage(ctx: PageContext): Promise<void> {
  if (ctx.me.enterprise) return go(`#/enterprises/${ctx.me.enterprise.id}`);
  const filter = h('input', { type: 'search', placeholder: t('enterprises.filter'), testid: 'enterprise-filter' });
  const table = h('div');
  let rows: BreakdownRow[] = [];
  const csv = csvButton<BreakdownRow>(
    'enterprises-csv',
    'enterprises',
    [
      { header: t('col.enterprise'), value: (r) => r.label },
      { header: t('col.town'), value: (r) => r.town },
      { header: t('col.projects'), value: (r) => r.projects },
      { header: t('col.devices'), value: (r) => r.devices },
      { header: t('col.online'), value: (r) => r.online },
      { header: t('col.workstations'), value: (r) => r.workstations },
    ],
    () => rows,
  );
  replace(ctx.root, h('div', { class: 'page-head' }, h('h1', null, t('enterprises.title')), filter, csv), h('section', { class: 'card' }, table));
  const render = () => {
    const needle = filter.value.trim().toLowerCase();
    const shown = needle ? rows.filter((r) => r.label.toLowerCase().includes(needle) || r.town.includes(needle)) : rows;
    if (shown.length === 0)
      return replace(table, h('p', { class: 'hint empty', testid: 'enterprises-empty' }, t(needle ? 'enterprises.noneMatch' : 'enterprises.noneYet')));
    replace(
      table,
      h(
        'table',
        { class: 'table', testid: 'enterprise-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['col.enterprise', 'col.town', 'col.projects', 'col.devices', 'col.online', 'col.onlineShare', 'col.workstations'].map((k) =>
              h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k as 'col.town')),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          shown.map((r) =>
            h(
              'tr',
              { class: 'clickable', onclick: () => go(`#/enterprises/${r.key}`) },
              h('td', null, h('a', { href: `#/enterprises/${r.key}` }, r.label)),
              h('td', null, r.town),
              h('td', { class: 'num' }, formatInt(r.projects)),
              h('td', { class: 'num' }, formatInt(r.devices)),
              h('td', { class: 'num' }, formatInt(r.online)),
              h('td', { class: 'num' }, formatShare(r.online, r.devices)),
              h('td', { class: 'num' }, formatInt(r.workstations)),
            ),
          ),
        ),
      ),
    );
  };
  filter.addEventListener('input', render);
  const load = async () => {
    rows = (await get<{ items: BreakdownRow[] }>('/fleet/breakdown?by=enterprise')).items;
    if (ctx.alive()) render();
  };
  await load();
  every(ctx, 15_000, load);
}
