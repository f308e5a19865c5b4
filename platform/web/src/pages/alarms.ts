// Alarms with their life (docs/alarms.md): open ones by default, or all; each row says what, about
// whom, since when, its state and its assignee; the operator and the enterprise concerned
// acknowledge with a comment, the operator assigns (an admin to anybody, any operator to themself);
// a row opens its history. The platform decides who may do what; this page only hides buttons.
import { get, post, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { t } from '../i18n.js';
import { section, type PageContext } from '../page.js';
import type { Account, Alarm, AlarmEvent, Page } from '../types.js';
import { allPages, csvButton } from '../csv-export.js';
import { deviceLink } from './shared.js';
import { errorText } from '../server-text.js';

export async function alarmsPage(ctx: PageContext): Promise<void> {
  const { me } = ctx;
  const notice = h('div', { class: 'notice', testid: 'alarms-notice', 'aria-live': 'polite' });
  const body = h('div');
  let filter: 'open' | 'all' = 'open';
  const mayAcknowledge = me.role !== 'bureau';
  const mayAssign = me.role === 'operator';
  // Whom the operator may assign to: every account for an admin, else themself.
  const people: { id: string; name: string }[] = me.admin
    ? (await get<{ items: Account[] }>('/accounts')).items.filter((a) => a.role !== 'bureau').map((a) => ({ id: a.id, name: a.username }))
    : me.accountId
      ? [{ id: me.accountId, name: me.username ?? t('alarms.assignMe') }]
      : [];
  const nameOf = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? id.slice(0, 8)) : '');
  const failed = (err: unknown) => replace(notice, h('div', { class: 'error-text', testid: 'alarms-error' }, errorText(err)));
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
      replace(notice, h('span', { testid: 'alarms-saved' }, t('alarms.saved')));
    } catch (err) {
      failed(err);
    }
  };

  const subject = (a: Alarm) =>
    a.deviceId
      ? deviceLink(a.deviceId)
      : a.enterpriseId
        ? h('a', { href: `#/enterprises/${a.enterpriseId}` }, String(a.details.enterpriseName ?? a.enterpriseId.slice(0, 8)))
        : t('alarms.platform');

  const actions = (a: Alarm) => {
    const cells: HTMLElement[] = [];
    if (mayAcknowledge && !a.acknowledgedAt) {
      const comment = h('input', { type: 'text', testid: `ack-comment-${a.id}`, 'aria-label': t('alarms.comment'), placeholder: t('alarms.comment') });
      cells.push(
        h(
          'form',
          {
            class: 'inline-form',
            onsubmit: (e) => {
              e.preventDefault();
              void act(() => post(`/alarms/${a.id}/acknowledge`, { comment: comment.value.trim() }));
            },
          },
          comment,
          h('button', { type: 'submit', testid: `ack-${a.id}` }, t('alarms.acknowledge')),
        ),
      );
    }
    if (mayAssign && people.length > 0) {
      const who = h(
        'select',
        { testid: `assignee-${a.id}`, 'aria-label': t('col.assignee') },
        people.map((p) => h('option', { value: p.id, selected: p.id === a.assigneeId }, p.name)),
      );
      cells.push(
        h(
          'form',
          {
            class: 'inline-form',
            onsubmit: (e) => {
              e.preventDefault();
              void act(() => post(`/alarms/${a.id}/assign`, { accountId: who.value }));
            },
          },
          who,
          h('button', { type: 'submit', testid: `assign-${a.id}` }, t('alarms.assign')),
        ),
      );
    }
    return cells;
  };

  const history = async (a: Alarm, into: HTMLElement) => {
    const detail = await get<Alarm & { history: AlarmEvent[] }>(`/alarms/${a.id}`);
    replace(
      into,
      h(
        'ul',
        { class: 'history', testid: `history-${a.id}` },
        detail.history.map((e) =>
          h(
            'li',
            null,
            `${formatTime(e.at)} · ${t(`alarms.action.${e.action}`)} · ${e.actorName ?? ''}`,
            e.assigneeId ? ` → ${nameOf(e.assigneeId)}` : '',
            e.comment ? ` · ${e.comment}` : '',
          ),
        ),
      ),
    );
  };

  const load = async () => {
    const page = await get<Page<Alarm>>(`/alarms${qs({ limit: 200, state: filter === 'open' ? 'open' : undefined })}`);
    if (!ctx.alive()) return;
    const rows = page.items.flatMap((a) => {
      const more = h('td');
      more.setAttribute('colspan', '6');
      const extra = h('tr', { class: 'history-row' }, more);
      extra.hidden = true;
      const toggleHistory = () => {
        extra.hidden = !extra.hidden;
        if (!extra.hidden) void history(a, more).catch(failed);
      };
      return [
        h(
          'tr',
          { testid: `alarm-${a.id}`, 'data-state': a.state },
          h('td', null, h('button', { type: 'button', class: 'link', testid: `open-${a.id}`, onclick: toggleHistory }, t(`alarms.kind.${a.kind}`))),
          h('td', null, subject(a)),
          h('td', null, formatTime(a.raisedAt)),
          h(
            'td',
            null,
            h(
              'span',
              { class: `badge ${a.state === 'raised' ? 'warn' : a.state === 'cleared' ? 'ok' : 'off'}`, testid: `state-${a.id}` },
              t(`alarms.state.${a.state}`),
            ),
          ),
          h('td', { testid: `assignee-name-${a.id}` }, a.assigneeName ?? ''),
          h('td', null, actions(a)),
        ),
        extra,
      ];
    });
    replace(
      body,
      section(
        `${t('alarms.title')} (${page.total})`,
        page.items.length === 0
          ? h('p', { class: 'hint', testid: 'alarms-empty' }, t('alarms.none'))
          : h(
              'table',
              { class: 'table', testid: 'alarms' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['col.alarm', 'col.subject', 'col.raisedAt', 'col.status', 'col.assignee', 'col.actions'].map((k) => h('th', null, t(k as 'col.alarm'))),
                ),
              ),
              h('tbody', null, rows),
            ),
      ),
    );
  };

  const toggle = h(
    'select',
    {
      testid: 'alarms-filter',
      'aria-label': t('col.status'),
      onchange: (e) => {
        filter = (e.target as HTMLSelectElement).value as 'open' | 'all';
        void load().catch(failed);
      },
    },
    h('option', { value: 'open' }, t('alarms.open')),
    h('option', { value: 'all' }, t('alarms.all')),
  );
  const csv = csvButton<Alarm>(
    'alarms-csv',
    'alarms',
    [
      { header: t('col.alarm'), value: (a) => t(`alarms.kind.${a.kind}`) },
      { header: t('col.subject'), value: (a) => a.subject },
      { header: t('col.raisedAt'), value: (a) => a.raisedAt },
      { header: t('col.status'), value: (a) => t(`alarms.state.${a.state}`) },
      { header: t('col.assignee'), value: (a) => a.assigneeName },
      { header: t('col.device'), value: (a) => a.deviceId },
    ],
    () => allPages((offset, limit) => get<Page<Alarm>>(`/alarms${qs({ offset, limit, state: filter === 'open' ? 'open' : undefined })}`)),
  );
  replace(ctx.root, h('div', { class: 'page-head' }, h('h1', null, t('alarms.title')), toggle, csv), notice, body);
  await load();
}
