// An enterprise's record and its workstations, edited and archived (docs/records.md): its own
// staff may change the name and the town, the operator also the USCC and archiving; a workstation
// is renamed or archived by either (its code is what devices report and stays).
import { get, patch, post, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { t } from '../i18n.js';
import { section, type PageContext } from '../page.js';
import type { Enterprise, Page, Workstation } from '../types.js';
import { archiveButton, field, notice } from './record-forms.js';

export function enterpriseEditSection(ctx: PageContext, ent: Enterprise, reload: () => Promise<void>): HTMLElement | null {
  if (ctx.me.role === 'bureau' || ent.archivedAt) return null;
  const note = notice('enterprise-notice');
  const name = field('col.name', 'edit-enterprise-name', ent.name);
  const town = field('col.town', 'edit-enterprise-town', ent.town);
  const uscc = field('col.uscc', 'edit-enterprise-uscc', ent.uscc);
  const operator = ctx.me.role === 'operator';
  return section(
    t('records.editEnterprise'),
    note.el,
    h(
      'form',
      {
        class: 'inline-form',
        testid: 'enterprise-form',
        onsubmit: (e) => {
          e.preventDefault();
          const next: Record<string, string> = {
            name: name.input.value.trim(),
            town: town.input.value.trim(),
            ...(operator ? { uscc: uscc.input.value.trim() } : {}),
          };
          const changes = Object.fromEntries(Object.entries(next).filter(([k, v]) => ent[k as 'name'] !== v));
          if (Object.keys(changes).length === 0) return note.show(t('records.nothingChanged'));
          patch(`/enterprises/${ent.id}`, changes)
            .then(reload)
            .catch((err) => note.failed(err));
        },
      },
      name.label,
      town.label,
      operator ? uscc.label : null,
      h('button', { type: 'submit', testid: 'save-enterprise' }, t('records.save')),
    ),
    operator
      ? archiveButton('archive-enterprise', () =>
          post(`/enterprises/${ent.id}/archive`, {})
            .then(reload)
            .catch((err) => note.failed(err)),
        )
      : null,
  );
}

export async function workstationsSection(ctx: PageContext, enterpriseId: string): Promise<HTMLElement> {
  const note = notice('workstation-notice');
  const table = h('div');
  const writer = ctx.me.role !== 'bureau';
  async function load(): Promise<void> {
    const list = await get<Page<Workstation>>(`/workstations${qs({ enterpriseId, limit: 1000 })}`);
    if (!ctx.alive()) return;
    if (list.items.length === 0) return replace(table, h('p', { class: 'muted', testid: 'no-workstations' }, t('records.noWorkstations')));
    replace(
      table,
      h(
        'table',
        { class: 'table', testid: 'workstation-table' },
        h(
          'thead',
          null,
          h('tr', null, h('th', null, t('records.code')), h('th', null, t('col.name')), h('th', null, t('col.status')), writer ? h('th', null, '') : null),
        ),
        h('tbody', null, list.items.map(row)),
      ),
    );
  }
  function row(w: Workstation): HTMLElement {
    const rename = h('input', { type: 'text', value: w.name ?? '', testid: `ws-name-${w.code}`, 'aria-label': t('col.name') });
    const actions =
      writer && !w.archivedAt
        ? h(
            'td',
            null,
            h(
              'button',
              {
                type: 'button',
                testid: `ws-save-${w.code}`,
                onclick: () =>
                  void patch(`/workstations/${w.id}`, { name: rename.value.trim() || null })
                    .then(load)
                    .catch((err) => note.failed(err)),
              },
              t('records.save'),
            ),
            archiveButton(`ws-archive-${w.code}`, () =>
              post(`/workstations/${w.id}/archive`, {})
                .then(load)
                .catch((err) => note.failed(err)),
            ),
          )
        : writer
          ? h('td', null)
          : null;
    return h(
      'tr',
      { testid: `ws-${w.code}` },
      h('td', null, w.code),
      h('td', null, writer && !w.archivedAt ? rename : (w.name ?? '')),
      h('td', { testid: 'ws-state' }, w.archivedAt ? t('records.archivedAt', { t: formatTime(w.archivedAt) }) : t('records.active')),
      actions,
    );
  }
  await load();
  return section(t('records.workstations'), note.el, table);
}
