import { ApiError, get, setToken } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import type { PageContext } from '../page.js';
import type { Whoami } from '../types.js';

export function loginPage(ctx: PageContext, loggedIn: () => void): void {
  const input = h('input', { type: 'password', testid: 'token', placeholder: 'op_… / bu_… / en_…', 'aria-label': t('login.token') });
  input.setAttribute('autocomplete', 'off');
  const message = h('div', { class: 'error-text', testid: 'login-error' });
  const form = h(
    'form',
    {
      class: 'login card',
      onsubmit: async (e) => {
        e.preventDefault();
        const token = input.value.trim();
        if (!token) return;
        setToken(token);
        try {
          await get<Whoami>('/whoami');
          loggedIn();
        } catch (err) {
          setToken(null);
          replace(message, err instanceof ApiError && err.status === 401 ? t('login.invalid') : String((err as Error).message));
        }
      },
    },
    h('h1', null, t('login.title')),
    h('label', null, t('login.token'), input),
    h('button', { type: 'submit', testid: 'login-submit' }, t('login.submit')),
    message,
    h('p', { class: 'hint' }, t('login.hint')),
  );
  replace(ctx.root, form);
  input.focus();
}
