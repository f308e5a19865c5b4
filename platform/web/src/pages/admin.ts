// An admin's page: every account (create one, reset a password) and every bearer token (revoke
// one). A generated password is shown once, here, and never again; revoking takes effect at the
// next request the token makes (the platform checks it on each one).
import { del, get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { t } from '../i18n.js';
import { section, type PageContext } from '../page.js';
import type { Account, ApiTokenRow } from '../types.js';
import { errorText } from '../server-text.js';

function table(testid: string, heads: string[], rows: HTMLElement[]): HTMLElement {
  return h(
    'table',
    { class: 'table', testid },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        heads.map((k) => h('th', null, t(k as 'col.name'))),
      ),
    ),
    h('tbody', null, rows),
  );
}

const roleSelect = (testid: string) =>
  h(
    'select',
    { testid, 'aria-label': t('col.role') },
    (['operator', 'bureau', 'enterprise'] as const).map((r) => h('option', { value: r }, t(`role.${r}`))),
  );

export async function adminPage(ctx: PageContext): Promise<void> {
  const notice = h('div', { class: 'notice', testid: 'admin-notice', 'aria-live': 'polite' });
  const accounts = h('div');
  const tokens = h('div');
  const show = (content: HTMLElement | string) => replace(notice, content);
  const failed = (err: unknown) => show(h('div', { class: 'error-text', testid: 'admin-error' }, errorText(err)));

  const username = h('input', { type: 'text', testid: 'new-username', 'aria-label': t('col.username') });
  const role = roleSelect('new-role');
  const enterpriseId = h('input', { type: 'text', testid: 'new-enterprise', 'aria-label': t('admin.enterpriseId') });
  const admin = h('input', { type: 'checkbox', testid: 'new-admin' });
  const createForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const created = await post<Account>('/accounts', {
            username: username.value.trim(),
            role: role.value,
            ...(role.value === 'enterprise' ? { enterpriseId: enterpriseId.value.trim() } : {}),
            ...(admin.checked ? { admin: true } : {}),
          });
          show(h('span', { testid: 'new-password' }, t('admin.newPassword', { u: created.username, p: created.password ?? '' })));
          username.value = '';
          await load();
        } catch (err) {
          failed(err);
        }
      },
    },
    h('label', null, t('col.username'), username),
    h('label', null, t('col.role'), role),
    h('label', null, t('admin.enterpriseId'), enterpriseId),
    h('label', null, admin, t('admin.isAdmin')),
    h('button', { type: 'submit', testid: 'create-account' }, t('admin.createSubmit')),
  );

  // A bearer token for automation (a nightly export, a script): its secret is shown once, here.
  const tokenName = h('input', { type: 'text', testid: 'new-token-name', 'aria-label': t('col.name') });
  const tokenRole = roleSelect('new-token-role');
  const tokenEnterprise = h('input', { type: 'text', testid: 'new-token-enterprise', 'aria-label': t('admin.enterpriseId') });
  const tokenDays = h('input', { type: 'number', testid: 'new-token-days', 'aria-label': t('admin.tokenDays'), value: '90' });
  tokenDays.min = '1';
  const tokenForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const made = await post<{ id: string; token: string; expiresAt: string }>('/api-tokens', {
            name: tokenName.value.trim(),
            role: tokenRole.value,
            ...(tokenRole.value === 'enterprise' ? { enterpriseId: tokenEnterprise.value.trim() } : {}),
            expiresInDays: Number(tokenDays.value),
          });
          show(
            h(
              'div',
              { testid: 'new-token' },
              t('admin.tokenShownOnce', { n: tokenName.value.trim(), at: formatTime(made.expiresAt) }),
              h('code', { testid: 'new-token-secret', class: 'mono' }, made.token),
            ),
          );
          tokenName.value = '';
          await load();
        } catch (err) {
          failed(err);
        }
      },
    },
    h('label', null, t('col.name'), tokenName),
    h('label', null, t('col.role'), tokenRole),
    h('label', null, t('admin.enterpriseId'), tokenEnterprise),
    h('label', null, t('admin.tokenDays'), tokenDays),
    h('button', { type: 'submit', testid: 'create-token' }, t('admin.tokenSubmit')),
  );

  async function reset(a: Account): Promise<void> {
    try {
      const updated = await post<Account>(`/accounts/${a.id}/password`, {});
      show(h('span', { testid: 'new-password' }, t('admin.newPassword', { u: updated.username, p: updated.password ?? '' })));
      await load();
    } catch (err) {
      failed(err);
    }
  }

  async function revoke(token: ApiTokenRow): Promise<void> {
    try {
      await del(`/api-tokens/${token.id}`);
      await load();
    } catch (err) {
      failed(err);
    }
  }

  async function load(): Promise<void> {
    const [a, k] = await Promise.all([get<{ items: Account[] }>('/accounts'), get<{ items: ApiTokenRow[] }>('/api-tokens')]);
    if (!ctx.alive()) return;
    replace(
      accounts,
      table(
        'account-table',
        ['col.username', 'col.role', 'col.admin', 'col.lockedUntil', ''],
        a.items.map((x) =>
          h(
            'tr',
            { 'data-username': x.username },
            h('td', null, x.username),
            h('td', null, t(`role.${x.role}`)),
            h('td', null, x.admin ? '✓' : ''),
            h('td', null, x.lockedUntil ? formatTime(x.lockedUntil) : ''),
            h('td', null, h('button', { type: 'button', testid: `reset-${x.username}`, onclick: () => void reset(x) }, t('admin.reset'))),
          ),
        ),
      ),
    );
    replace(
      tokens,
      k.items.length === 0 ? h('p', { class: 'muted', testid: 'no-api-tokens' }, t('admin.noTokens')) : null,
      table(
        'token-table',
        ['col.name', 'col.role', 'col.account', 'col.createdBy', 'col.createdAt', 'col.expiresAt', 'col.lastUsedAt', ''],
        k.items.map((x) =>
          h(
            'tr',
            { 'data-token-id': x.id },
            h('td', null, x.name),
            h('td', null, t(`role.${x.role}`)),
            h('td', null, x.account ?? ''),
            h('td', null, x.createdBy ?? ''),
            h('td', null, formatTime(x.createdAt)),
            h('td', null, formatTime(x.expiresAt)),
            h('td', null, x.lastUsedAt ? formatTime(x.lastUsedAt) : ''),
            h(
              'td',
              null,
              x.revokedAt
                ? h('span', { testid: `revoked-${x.id}` }, t('admin.revoked'))
                : h('button', { type: 'button', testid: `revoke-${x.id}`, onclick: () => void revoke(x) }, t('admin.revoke')),
            ),
          ),
        ),
      ),
    );
  }

  replace(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('admin.title'))),
    notice,
    section(t('admin.accounts'), h('h3', null, t('admin.create')), createForm, accounts),
    section(t('admin.tokens'), h('h3', null, t('admin.tokenCreate')), tokenForm, tokens),
  );
  await load();
}
