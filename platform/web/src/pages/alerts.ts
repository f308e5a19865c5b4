// Alerts: devices silent too long, flagged devices (with the flag's reason), enterprises whose
// online share fell; every row links to the device or enterprise.
import { get, post, qs } from '../api.js';
import { allPages, csvButton } from '../csv-export.js';
import { h, replace } from '../dom.js';
import { formatAge, formatBp, formatInt, formatTime } from '../format.js';
import { t } from '../i18n.js';
import { every, section, type PageContext } from '../page.js';
import type { Alerts, Flag, Page } from '../types.js';
import { NUMERIC, deviceLink, flagLabel, kindLabel } from './shared.js';
import { errorText, flagReasonText } from '../server-text.js';

export async function alertsPage(ctx: PageContext): Promise<void> {
  const body = h('div');
  const notice = h('div', { class: 'notice', testid: 'alerts-notice', 'aria-live': 'polite' });
  // Every flag, open and resolved, with its reason in the page's language (the alert list shows the open ones).
  const csv = csvButton<Flag>(
    'flags-csv',
    'flags',
    [
      { header: t('col.device'), value: (f) => f.deviceId },
      { header: t('col.flag'), value: (f) => flagLabel(f.kind) },
      { header: t('col.reason'), value: (f) => flagReasonText(f) },
      { header: t('col.raised'), value: (f) => f.createdAt },
      { header: t('col.resolvedAt'), value: (f) => f.resolvedAt },
      { header: t('col.resolvedBy'), value: (f) => f.resolvedByName },
      { header: t('col.resolution'), value: (f) => f.resolution },
    ],
    () => allPages((offset, limit) => get<Page<Flag>>(`/flags${qs({ offset, limit })}`)),
  );
  replace(ctx.root, h('div', { class: 'page-head' }, h('h1', null, t('alerts.title')), csv), notice, body);
  // Resolving a flag is the operator's (routes/flags.ts), with the reason kept beside the flag.
  const mayResolve = ctx.me.role === 'operator';
  const resolveForm = (flagId: string) => {
    const resolution = h('input', { type: 'text', testid: `resolution-${flagId}`, 'aria-label': t('flags.resolution'), placeholder: t('flags.resolution') });
    return h(
      'form',
      {
        class: 'inline-form',
        onsubmit: async (e) => {
          e.preventDefault();
          try {
            await post(`/flags/${flagId}/resolve`, { resolution: resolution.value.trim() });
            // The list first, then the notice: whoever sees the notice sees the list without the flag.
            await load();
            replace(notice, h('span', { testid: 'flag-resolved' }, t('flags.resolved')));
          } catch (err) {
            replace(notice, h('div', { class: 'error-text', testid: 'alerts-error' }, errorText(err)));
          }
        },
      },
      resolution,
      h('button', { type: 'submit', testid: `resolve-${flagId}` }, t('flags.resolve')),
    );
  };
  const load = async () => {
    const a = await get<Alerts>('/alerts?limit=200');
    if (!ctx.alive()) return;
    const units = { d: t('unit.d'), h: t('unit.h'), m: t('unit.m') };
    const more = (shown: number, total: number) => (total > shown ? h('p', { class: 'hint' }, t('alerts.more', { n: formatInt(total - shown) })) : null);
    replace(
      body,
      section(
        `${t('alerts.offline', { m: a.settings.offlineMinutes })} (${formatInt(a.offline.total)})`,
        a.offline.items.length === 0
          ? h('p', { class: 'hint empty' }, t('alerts.noneOffline'))
          : h(
              'table',
              { class: 'table', testid: 'alerts-offline' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['col.device', 'col.enterprise', 'col.town', 'col.project', 'col.kind', 'col.lastSeen', 'col.offlineFor'].map((k) =>
                    h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k as 'col.device')),
                  ),
                ),
              ),
              h(
                'tbody',
                null,
                a.offline.items.map((d) =>
                  h(
                    'tr',
                    null,
                    h('td', null, deviceLink(d.deviceId)),
                    h('td', null, h('a', { href: `#/enterprises/${d.enterpriseId}` }, d.enterpriseName)),
                    h('td', null, d.town),
                    h('td', null, d.projectName),
                    h('td', null, kindLabel(d.kind)),
                    h('td', null, d.lastSeenAt ? formatTime(d.lastSeenAt) : t('status.neverSeen')),
                    h('td', { class: 'num' }, formatAge(d.lastSeenAt ?? d.enrolledAt, Date.now(), units)),
                  ),
                ),
              ),
            ),
        more(a.offline.items.length, a.offline.total),
      ),
      section(
        `${t('alerts.flagged')} (${formatInt(a.flagged.total)})`,
        a.flagged.items.length === 0
          ? h('p', { class: 'hint empty' }, t('alerts.noneFlagged'))
          : h(
              'table',
              { class: 'table', testid: 'alerts-flagged' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['col.device', 'col.enterprise', 'col.flag', 'col.reason', 'col.raised', ...(mayResolve ? ['col.actions'] : [])].map((k) =>
                    h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k as 'col.device')),
                  ),
                ),
              ),
              h(
                'tbody',
                null,
                a.flagged.items.map((f) =>
                  h(
                    'tr',
                    null,
                    h('td', null, deviceLink(f.deviceId)),
                    h('td', null, h('a', { href: `#/enterprises/${f.enterpriseId}` }, f.enterpriseName)),
                    h('td', null, h('span', { class: 'badge warn', title: f.kind }, flagLabel(f.kind))),
                    h('td', null, flagReasonText(f)),
                    h('td', null, formatTime(f.createdAt)),
                    mayResolve ? h('td', null, resolveForm(f.flagId)) : null,
                  ),
                ),
              ),
            ),
        more(a.flagged.items.length, a.flagged.total),
      ),
      section(
        `${t('alerts.shareDrops')} (${formatInt(a.shareDrops.length)})`,
        h('p', { class: 'hint' }, t('alerts.shareDropsHint', { p: 100 - a.settings.shareDropPercent })),
        a.shareDrops.length === 0
          ? h('p', { class: 'hint empty' }, t('alerts.noneShareDrops'))
          : h(
              'table',
              { class: 'table', testid: 'alerts-share' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['col.enterprise', 'col.town', 'col.devices', 'col.today', 'col.average'].map((k) =>
                    h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k as 'col.device')),
                  ),
                ),
              ),
              h(
                'tbody',
                null,
                a.shareDrops.map((e) =>
                  h(
                    'tr',
                    null,
                    h('td', null, h('a', { href: `#/enterprises/${e.enterpriseId}` }, e.enterpriseName)),
                    h('td', null, e.town),
                    h('td', { class: 'num' }, formatInt(e.devices)),
                    h('td', { class: 'num bad' }, formatBp(e.todayShareBp)),
                    h('td', { class: 'num' }, formatBp(e.averageShareBp)),
                  ),
                ),
              ),
            ),
      ),
    );
  };
  await load();
  // A refresh would wipe a resolution being typed: wait while an input of this page has the focus.
  every(ctx, 15_000, () => (document.activeElement instanceof HTMLInputElement && body.contains(document.activeElement) ? undefined : load()));
}
