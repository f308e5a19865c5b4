// Sign-in: a person's username and password (the session cookie), or a bearer token pasted for
// automation and tests. A refused attempt says so and stays on the page: the API's 401 here is the
// answer, not a lost session, so it is asked with quiet401 and nothing re-renders the form.
import { ApiError, get, post, setCsrfToken, setToken } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { errorText } from '../server-text.js';
import type { PageContext } from '../page.js';
import type { Whoami } from '../types.js';

function failure(err: unknown, unauthorized: string): string {
  if (err instanceof ApiError && err.status === 401 && err.code !== 'EDGENET_ERR_SECOND_FACTOR') return unauthorized;
  if (err instanceof ApiError && err.code === 'EDGENET_ERR_ACCOUNT_LOCKED') return t('login.locked');
  if (err instanceof ApiError && err.code === 'EDGENET_ERR_SECOND_FACTOR') return t('login.codeRequired');
  return errorText(err);
}

export function loginPage(ctx: PageContext, loggedIn: () => void): void {
  const username = h('input', { type: 'text', testid: 'username', 'aria-label': t('login.username') });
  username.setAttribute('autocomplete', 'username');
  const password = h('input', { type: 'password', testid: 'password', 'aria-label': t('login.password') });
  password.setAttribute('autocomplete', 'current-password');
  // Only for an account with a second factor (RFC 6238); left empty otherwise.
  const code = h('input', { type: 'text', testid: 'totp-code', 'aria-label': t('login.code') });
  code.setAttribute('autocomplete', 'one-time-code');
  code.setAttribute('inputmode', 'numeric');
  const signInMessage = h('div', { class: 'error-text', testid: 'signin-error', 'aria-live': 'polite' });
  const signIn = h(
    'form',
    {
      class: 'login card',
      testid: 'signin-form',
      onsubmit: async (e) => {
        e.preventDefault();
        if (!username.value.trim() || !password.value) return;
        setToken(null);
        try {
          const otp = code.value.trim();
          const body = { username: username.value.trim(), password: password.value, ...(otp ? { code: otp } : {}) };
          const session = await post<{ csrfToken: string }>('/session', body, { quiet401: true });
          setCsrfToken(session.csrfToken);
          loggedIn();
        } catch (err) {
          code.value = '';
          const needsCode = err instanceof ApiError && err.code === 'EDGENET_ERR_SECOND_FACTOR';
          if (!needsCode) password.value = '';
          replace(signInMessage, failure(err, t('login.wrongPassword')));
          (needsCode ? code : password).focus();
        }
      },
    },
    h('h1', null, t('login.title')),
    h('label', null, t('login.username'), username),
    h('label', null, t('login.password'), password),
    h('label', null, t('login.code'), code),
    h('button', { type: 'submit', testid: 'signin-submit' }, t('login.submit')),
    signInMessage,
  );

  const input = h('input', { type: 'password', testid: 'token', placeholder: 'op_… / bu_… / en_…', 'aria-label': t('login.token') });
  input.setAttribute('autocomplete', 'off');
  const message = h('div', { class: 'error-text', testid: 'login-error' });
  const byToken = h(
    'form',
    {
      class: 'login card',
      onsubmit: async (e) => {
        e.preventDefault();
        const token = input.value.trim();
        if (!token) return;
        setToken(token);
        try {
          await get<Whoami>('/whoami', undefined, { quiet401: true });
          loggedIn();
        } catch (err) {
          setToken(null);
          replace(message, failure(err, t('login.invalid')));
        }
      },
    },
    h('h2', null, t('login.byToken')),
    h('label', null, t('login.token'), input),
    h('button', { type: 'submit', testid: 'login-submit' }, t('login.submit')),
    message,
    h('p', { class: 'hint' }, t('login.hint')),
  );
  replace(ctx.root, signIn, byToken);
  username.focus();
}
