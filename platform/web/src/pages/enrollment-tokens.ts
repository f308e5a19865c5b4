// Enrollment tokens: who issued each, when, its expiry and uses left, its state; revoke one (the
// operator, or the enterprise for its own projects), and see each use — the device it enrolled,
// when, from where. The secret itself is shown once at issue and never here.
import { del, get } from '../api.js';
import { h, replace } from '../dom.js';
import { formatInt, formatTime } from '../format.js';
import { t, type MessageKey } from '../i18n.js';
import { section, type PageContext } from '../page.js';
import type { EnrollmentTokenRow, EnrollmentTokenUse, Page } from '../types.js';
import { errorText } from '../server-text.js';

const head = (keys: string[]) =>
  h(
    'thead',
    null,
    h(
      'tr',
      null,
      keys.map((k) => h('th', null, k ? t(k as MessageKey) : '')),
    ),
  );

export async function enrollmentTokensPage(ctx: PageContext): Promise<void> {
  const notice = h('div', { class: 'notice', testid: 'tokens-notice', 'aria-live': 'polite' });
  const list = h('div', { testid: 'enrollment-tokens' });
  const uses = h('div', { testid: 'token-uses' });
  const mayRevoke = ctx.me.role !== 'bureau';

  async function revoke(token: EnrollmentTokenRow): Promise<void> {
    try {
      await del(`/enrollment-tokens/${token.id}`);
      await load();
    } catch (err) {
      replace(notice, h('span', { class: 'error-text', testid: 'tokens-error' }, errorText(err)));
    }
  }

  async function showUses(token: EnrollmentTokenRow): Promise<void> {
    const page = await get<Page<EnrollmentTokenUse>>(`/enrollment-tokens/${token.id}/uses?limit=200`);
    if (!ctx.alive()) return;
    replace(
      uses,
      h('h3', null, t('tokens.uses', { id: token.id.slice(0, 8) })),
      page.items.length === 0
        ? h('p', { class: 'hint' }, t('tokens.noUses'))
        : h(
            'table',
            { class: 'table', testid: 'token-use-table' },
            head(['col.time', 'tokens.col.device', 'tokens.col.address']),
            h(
              'tbody',
              null,
              page.items.map((u) =>
                h(
                  'tr',
                  null,
                  h('td', null, formatTime(u.usedAt)),
                  h('td', null, u.deviceId ? h('a', { href: `#/devices/${u.deviceId}` }, u.deviceId) : '—'),
                  h('td', null, u.remoteAddress ?? '—'),
                ),
              ),
            ),
          ),
    );
  }

  async function load(): Promise<void> {
    const page = await get<Page<EnrollmentTokenRow>>('/enrollment-tokens?limit=500');
    if (!ctx.alive()) return;
    if (page.items.length === 0) return replace(list, h('p', { class: 'hint', testid: 'tokens-empty' }, t('tokens.empty')));
    replace(
      list,
      h(
        'table',
        { class: 'table', testid: 'enrollment-token-table' },
        head(['tokens.col.project', 'col.createdBy', 'col.createdAt', 'col.expiresAt', 'tokens.col.uses', 'tokens.col.usesLeft', 'tokens.col.state', '']),
        h(
          'tbody',
          null,
          page.items.map((x) =>
            h(
              'tr',
              { 'data-token-id': x.id },
              h('td', null, x.projectName),
              h('td', null, x.createdBy ?? '—'),
              h('td', null, formatTime(x.createdAt)),
              h('td', null, formatTime(x.expiresAt)),
              h('td', null, `${formatInt(x.uses)} / ${formatInt(x.maxUses)}`),
              h('td', null, formatInt(x.usesLeft)),
              h('td', { testid: `token-state-${x.id}` }, t(`tokens.state.${x.state}` as MessageKey), x.revokedBy ? ` (${x.revokedBy})` : ''),
              h(
                'td',
                null,
                h('button', { type: 'button', testid: `token-uses-${x.id}`, onclick: () => void showUses(x) }, t('tokens.showUses')),
                mayRevoke && x.state !== 'revoked'
                  ? h('button', { type: 'button', testid: `token-revoke-${x.id}`, onclick: () => void revoke(x) }, t('tokens.revoke'))
                  : null,
              ),
            ),
          ),
        ),
      ),
    );
  }

  replace(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('tokens.title'))),
    h('p', { class: 'hint' }, t('tokens.hint')),
    notice,
    section(t('tokens.title'), list),
    uses,
  );
  await load();
}
