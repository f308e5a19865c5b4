// One project (docs/records.md): its declared award figures beside the approved ones a
// certification run counts, the edit form (the enterprise and the operator), the approve action
// (the operator and the bureau, sending back the figures as shown), archiving, and the history of
// every change and approval.
import { get, patch, post } from '../api.js';
import { h, replace } from '../dom.js';
import { fenToYuanString, formatMoney, formatTime, yuanToFen } from '../format.js';
import { t, type MessageKey } from '../i18n.js';
import { section, type PageContext } from '../page.js';
import { link } from '../router.js';
import type { Approval, AwardFigures, Project, ProjectChange } from '../types.js';
import { archiveButton, field, notice } from './record-forms.js';

const FIGURES: { key: keyof AwardFigures; label: MessageKey; money: boolean }[] = [
  { key: 'totalInvestmentFen', label: 'col.totalInvestment', money: true },
  { key: 'eligibleInvestmentFen', label: 'col.eligibleInvestment', money: true },
  { key: 'windowStart', label: 'records.windowStart', money: false },
  { key: 'windowEnd', label: 'records.windowEnd', money: false },
];
const shown = (money: boolean, v: string | number | undefined) => (v === undefined ? '—' : money ? formatMoney(Number(v)) : String(v));
const FIELD_LABEL: Record<string, MessageKey> = {
  name: 'col.name',
  totalInvestmentFen: 'col.totalInvestment',
  eligibleInvestmentFen: 'col.eligibleInvestment',
  windowStart: 'records.windowStart',
  windowEnd: 'records.windowEnd',
};
const changeValue = (f: string, v: string | null) => (v === null ? '—' : f.endsWith('Fen') ? formatMoney(Number(v)) : v);

export async function projectPage(ctx: PageContext): Promise<void> {
  const id = ctx.route.path[1]!;
  const note = notice('project-notice');
  const body = h('div');
  ctx.root.append(note.el, body);

  async function load(): Promise<void> {
    const [p, history] = await Promise.all([
      get<Project>(`/projects/${encodeURIComponent(id)}`),
      get<{ changes: ProjectChange[]; approvals: Approval[] }>(`/projects/${encodeURIComponent(id)}/history`),
    ]);
    if (!ctx.alive()) return;
    const role = ctx.me.role;
    const open = !p.archivedAt;
    replace(
      body,
      h(
        'div',
        { class: 'page-head' },
        h('h1', { testid: 'project-name' }, p.name),
        h('span', { class: 'muted', testid: 'project-state' }, p.archivedAt ? t('records.archivedAt', { t: formatTime(p.archivedAt) }) : ''),
        h('a', { class: 'button', href: link(`/enterprises/${p.enterpriseId}`) }, t('records.toEnterprise')),
        h('a', { class: 'button', href: link('/devices', { projectId: p.id }) }, t('enterprise.devices')),
      ),
      figuresSection(p, role !== 'enterprise' && open, async () => {
        await post(`/projects/${p.id}/approval`, Object.fromEntries(FIGURES.map((f) => [f.key, p[f.key]])));
        note.show(t('records.approved'));
      }),
      role !== 'bureau' && open ? editSection(p) : null,
      historySection(history.changes, history.approvals),
    );
  }

  function figuresSection(p: Project, mayApprove: boolean, approve: () => Promise<void>): HTMLElement {
    const a = p.approval ?? null;
    const status = a
      ? t(p.pendingApproval ? 'records.pendingSince' : 'records.approvedBy', {
          who: a.approvedByName ?? t(`role.${a.approvedRole as 'operator'}`),
          t: formatTime(a.approvedAt),
        })
      : t('records.neverApproved');
    return section(
      t('records.figures'),
      h('p', { testid: 'approval-status', class: p.pendingApproval ? 'warn' : 'muted' }, status),
      h(
        'table',
        { class: 'table', testid: 'figures-table' },
        h(
          'thead',
          null,
          h('tr', null, h('th', null, ''), h('th', { class: 'num' }, t('records.declared')), h('th', { class: 'num' }, t('records.approvedCol'))),
        ),
        h(
          'tbody',
          null,
          FIGURES.map((f) =>
            h(
              'tr',
              { testid: `figure-${f.key}` },
              h('td', null, t(f.label)),
              h('td', { class: 'num', testid: 'declared' }, shown(f.money, p[f.key])),
              h('td', { class: 'num', testid: 'approved' }, shown(f.money, a?.[f.key])),
            ),
          ),
        ),
      ),
      mayApprove && p.pendingApproval
        ? h(
            'button',
            {
              type: 'button',
              testid: 'approve-project',
              onclick: () =>
                void approve()
                  .then(load)
                  .catch((err) => note.failed(err)),
            },
            t('records.approve'),
          )
        : null,
    );
  }

  function editSection(p: Project): HTMLElement {
    const name = field('col.name', 'edit-name', p.name);
    const total = field('col.totalInvestment', 'edit-total', fenToYuanString(p.totalInvestmentFen));
    const eligible = field('col.eligibleInvestment', 'edit-eligible', fenToYuanString(p.eligibleInvestmentFen));
    const start = field('records.windowStart', 'edit-window-start', p.windowStart, 'date');
    const end = field('records.windowEnd', 'edit-window-end', p.windowEnd, 'date');
    const submit = async (): Promise<void> => {
      const totalFen = yuanToFen(total.input.value);
      const eligibleFen = yuanToFen(eligible.input.value);
      if (totalFen === null || eligibleFen === null) return note.show(t('records.badMoney'));
      const next = {
        name: name.input.value.trim(),
        totalInvestmentFen: totalFen,
        eligibleInvestmentFen: eligibleFen,
        windowStart: start.input.value,
        windowEnd: end.input.value,
      };
      // Only what changed is sent, so the history shows only real changes.
      const changes = Object.fromEntries(Object.entries(next).filter(([k, v]) => p[k as keyof typeof next] !== v));
      if (Object.keys(changes).length === 0) return note.show(t('records.nothingChanged'));
      await patch(`/projects/${p.id}`, changes);
      note.show(t('records.saved'));
      await load();
    };
    return section(
      t('records.edit'),
      h(
        'form',
        {
          class: 'inline-form',
          testid: 'project-form',
          onsubmit: (e) => {
            e.preventDefault();
            submit().catch((err) => note.failed(err));
          },
        },
        name.label,
        total.label,
        eligible.label,
        start.label,
        end.label,
        h('button', { type: 'submit', testid: 'save-project' }, t('records.save')),
      ),
      archiveButton('archive-project', () =>
        post(`/projects/${p.id}/archive`, {})
          .then(() => note.show(t('records.archived')))
          .then(load)
          .catch((err) => note.failed(err)),
      ),
    );
  }

  await load();
}

function historySection(changes: ProjectChange[], approvals: Approval[]): HTMLElement {
  const rows = [
    ...changes.map((c) => ({
      at: c.at,
      what: `${t(FIELD_LABEL[c.field] ?? 'col.name')}: ${changeValue(c.field, c.oldValue)} → ${changeValue(c.field, c.newValue)}`,
      who: c.actorName ?? t(`role.${c.actorRole as 'operator'}`),
    })),
    ...approvals.map((a) => ({
      at: a.approvedAt,
      what: t('records.approvalRow', {
        total: formatMoney(a.totalInvestmentFen),
        eligible: formatMoney(a.eligibleInvestmentFen),
        from: a.windowStart,
        to: a.windowEnd,
      }),
      who: a.approvedByName ?? t(`role.${a.approvedRole as 'operator'}`),
    })),
  ].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  return section(
    t('records.history'),
    h(
      'table',
      { class: 'table', testid: 'history-table' },
      h('thead', null, h('tr', null, h('th', null, t('col.time')), h('th', null, t('records.change')), h('th', null, t('records.who')))),
      h(
        'tbody',
        null,
        rows.map((r) => h('tr', null, h('td', null, formatTime(r.at)), h('td', null, r.what), h('td', null, r.who))),
      ),
    ),
  );
}
