// One enterprise: its record and its projects with investment (money in yuan from integer fen) and
// fleet figures; a project leads to its page (figures, approval, history), its workstations and the
// forms that edit and archive them (enterprise-records.ts).
import { get, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { formatInt, formatMoney, formatShare, formatTime } from '../format.js';
import { t } from '../i18n.js';
import { NUMERIC } from './shared.js';
import { section, type PageContext } from '../page.js';
import { go, link } from '../router.js';
import type { BreakdownRow, Enterprise, Page, Project } from '../types.js';
import { enterpriseEditSection, workstationsSection } from './enterprise-records.js';

export async function enterprisePage(ctx: PageContext): Promise<void> {
  const id = ctx.route.path[1]!;
  const [ent, breakdown, projects] = await Promise.all([
    get<Enterprise>(`/enterprises/${encodeURIComponent(id)}`),
    get<{ items: BreakdownRow[] }>(`/fleet/breakdown${qs({ by: 'project', enterpriseId: id })}`),
    get<Page<Project>>(`/projects${qs({ enterpriseId: id, limit: 1000 })}`),
  ]);
  const workstations = await workstationsSection(ctx, id);
  if (!ctx.alive()) return;
  const figures = new Map(breakdown.items.map((r) => [r.key, r]));
  replace(
    ctx.root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { testid: 'enterprise-name' }, ent.name),
      h('span', { class: 'muted', testid: 'enterprise-meta' }, `${ent.town} · ${t('col.uscc')} ${ent.uscc}`),
      ent.archivedAt ? h('span', { class: 'warn', testid: 'enterprise-archived' }, t('records.archivedAt', { t: formatTime(ent.archivedAt) })) : null,
      h('a', { class: 'button', href: link('/devices', { enterpriseId: ent.id }) }, t('enterprise.devices')),
    ),
    section(
      t('enterprise.projects'),
      projects.items.length === 0 ? h('p', { class: 'muted', testid: 'no-projects' }, t('enterprise.noProjects')) : null,
      h(
        'table',
        { class: 'table', testid: 'project-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['col.project', 'col.totalInvestment', 'col.eligibleInvestment', 'col.devices', 'col.online', 'col.onlineShare', 'col.workstations'].map((k) =>
              h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k as 'col.project')),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          projects.items.map((p) => {
            const f = figures.get(p.id);
            return h(
              'tr',
              { class: 'clickable', testid: `project-row-${p.name}`, onclick: () => go(link(`/projects/${p.id}`)) },
              h(
                'td',
                null,
                h('a', { href: link(`/projects/${p.id}`) }, p.name),
                p.pendingApproval ? h('span', { class: 'badge warn' }, t('records.pending')) : null,
                p.archivedAt ? h('span', { class: 'badge' }, t('records.archivedBadge')) : null,
              ),
              h('td', { class: 'num' }, formatMoney(p.totalInvestmentFen)),
              h('td', { class: 'num' }, formatMoney(p.eligibleInvestmentFen)),
              h('td', { class: 'num' }, formatInt(f?.devices ?? 0)),
              h('td', { class: 'num' }, formatInt(f?.online ?? 0)),
              h('td', { class: 'num' }, formatShare(f?.online ?? 0, f?.devices ?? 0)),
              h('td', { class: 'num' }, formatInt(f?.workstations ?? 0)),
            );
          }),
        ),
      ),
    ),
    workstations,
    enterpriseEditSection(ctx, ent, () => enterprisePage(ctx)),
  );
}
