// A signed-in person's own account: change the password (the other sessions end), and set up the
// second factor (TOTP): the secret is shown once, to be typed or pasted into an authenticator
// app, and takes effect only once a code from it is confirmed.
import { post } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { section, type PageContext } from '../page.js';
import { errorText } from '../server-text.js';

export function accountPage(ctx: PageContext): void {
  const notice = h('div', { class: 'notice', testid: 'account-notice', 'aria-live': 'polite' });
  const say = (text: string, testid = 'account-message') => replace(notice, h('span', { testid }, text));
  const failed = (err: unknown) => say(errorText(err), 'account-error');

  const current = h('input', { type: 'password', testid: 'current-password', 'aria-label': t('account.current') });
  const next = h('input', { type: 'password', testid: 'new-password-input', 'aria-label': t('account.new') });
  current.setAttribute('autocomplete', 'current-password');
  next.setAttribute('autocomplete', 'new-password');
  const passwordForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await post('/session/password', { current: current.value, password: next.value });
          current.value = '';
          next.value = '';
          say(t('account.changed'));
        } catch (err) {
          failed(err);
        }
      },
    },
    h('label', null, t('account.current'), current),
    h('label', null, t('account.new'), next),
    h('button', { type: 'submit', testid: 'change-password' }, t('account.change')),
  );

  const secret = h('code', { testid: 'totp-secret' });
  const code = h('input', { type: 'text', testid: 'totp-confirm-code', 'aria-label': t('login.code') });
  code.setAttribute('inputmode', 'numeric');
  const confirmForm = h(
    'form',
    {
      class: 'inline-form',
      style: 'display:none',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await post('/session/totp/confirm', { code: code.value.trim() });
          confirmForm.style.display = 'none';
          say(t('account.totpOn'));
        } catch (err) {
          failed(err);
        }
      },
    },
    h('label', null, t('account.totpSecret'), secret),
    h('label', null, t('login.code'), code),
    h('button', { type: 'submit', testid: 'totp-confirm' }, t('account.totpConfirm')),
  );
  const start = h(
    'button',
    {
      type: 'button',
      testid: 'totp-start',
      onclick: async () => {
        try {
          const answer = await post<{ secret: string; uri: string }>('/session/totp', {});
          replace(secret, answer.secret);
          secret.title = answer.uri;
          confirmForm.style.display = '';
          code.focus();
        } catch (err) {
          failed(err);
        }
      },
    },
    t('account.totpStart'),
  );

  replace(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('account.title'))),
    notice,
    section(t('account.password'), passwordForm),
    section(t('account.totp'), h('p', { class: 'hint' }, t('account.totpHint')), start, confirmForm),
  );
}
