// The dashboard's entry point: the shell (header, navigation, language switch), login, and the
// hash router that mounts one page at a time. Navigation a role may not use is not shown, and the
// API refuses it anyway (the roles are enforced by the platform, not by this page).
import { ApiError, del, get, getToken, setCsrfToken, setToken, whenUnauthorized } from './api.js';
import { h, replace } from './dom.js';
import { locale, onLocaleChange, setLocale, t, type MessageKey } from './i18n.js';
import { errorBox, type Page, type PageContext } from './page.js';
import { currentRoute, go } from './router.js';
import type { Role, Whoami } from './types.js';
import { alertsPage } from './pages/alerts.js';
import { certificationPage } from './pages/certification.js';
import { devicePage } from './pages/device.js';
import { devicesPage } from './pages/devices.js';
import { enterprisePage } from './pages/enterprise.js';
import { enterprisesPage } from './pages/enterprises.js';
import { projectPage } from './pages/project.js';
import { loginPage } from './pages/login.js';
import { adminPage } from './pages/admin.js';
import { enrollmentTokensPage } from './pages/enrollment-tokens.js';
import { accountPage } from './pages/account.js';
import { overviewPage } from './pages/overview.js';
import { alarmsPage } from './pages/alarms.js';
import { notificationsPage } from './pages/notifications.js';

interface NavItem {
  hash: string;
  label: MessageKey;
  roles: readonly Role[];
  /** Shown to an admin only (accounts and tokens). */
  admin?: boolean;
  page: Page;
  match: (path: string[]) => boolean;
}

const ALL: readonly Role[] = ['operator', 'bureau', 'enterprise'];
const NAV: NavItem[] = [
  { hash: '#/', label: 'nav.overview', roles: ALL, page: overviewPage, match: (p) => p.length === 0 },
  { hash: '#/alerts', label: 'nav.alerts', roles: ALL, page: alertsPage, match: (p) => p[0] === 'alerts' },
  { hash: '#/alarms', label: 'nav.alarms', roles: ALL, page: alarmsPage, match: (p) => p[0] === 'alarms' },
  { hash: '#/enterprises', label: 'nav.enterprises', roles: ALL, page: enterprisesPage, match: (p) => p[0] === 'enterprises' && p.length === 1 },
  { hash: '#/devices', label: 'nav.devices', roles: ALL, page: devicesPage, match: (p) => p[0] === 'devices' && p.length === 1 },
  // Certification runs are the bureau's and the operator's (routes/certifications.ts CERTIFIERS).
  { hash: '#/certification', label: 'nav.certification', roles: ['operator', 'bureau'], page: certificationPage, match: (p) => p[0] === 'certification' },
  { hash: '#/notifications', label: 'nav.notifications', roles: ['operator'], page: notificationsPage, match: (p) => p[0] === 'notifications' },
  { hash: '#/enrollment-tokens', label: 'nav.enrollmentTokens', roles: ALL, page: enrollmentTokensPage, match: (p) => p[0] === 'enrollment-tokens' },
  { hash: '#/admin', label: 'nav.admin', roles: ['operator'], admin: true, page: adminPage, match: (p) => p[0] === 'admin' },
];
const mayOpen = (me: Whoami, item: { roles: readonly Role[]; admin?: boolean }) => item.roles.includes(me.role) && (!item.admin || me.admin);
const HIDDEN_ROUTES: { match: (p: string[]) => boolean; page: Page; nav: string; roles: readonly Role[] }[] = [
  // A person's own password and second factor, reached from the name in the header.
  { match: (p) => p[0] === 'account', page: accountPage, nav: '#/account', roles: ALL },
  { match: (p) => p[0] === 'devices' && p.length === 2, page: devicePage, nav: '#/devices', roles: ALL },
  { match: (p) => p[0] === 'enterprises' && p.length === 2, page: enterprisePage, nav: '#/enterprises', roles: ALL },
  { match: (p) => p[0] === 'projects' && p.length === 2, page: projectPage, nav: '#/enterprises', roles: ALL },
];

const app = document.getElementById('app')!;
let me: Whoami | null = null;
let cleanups: (() => void)[] = [];
let generation = 0;

whenUnauthorized(() => {
  setToken(null);
  setCsrfToken(null);
  me = null;
  go('#/login');
});

/** Sign-out: a session ends on the platform too; a pasted token is only forgotten by this tab. */
async function signOut(everywhere: boolean): Promise<void> {
  if (getToken()) setToken(null);
  else await del(everywhere ? '/sessions' : '/session').catch(() => undefined);
  setCsrfToken(null);
  me = null;
  go('#/login');
}

function header(): HTMLElement {
  const current = currentRoute();
  const navItems = me ? NAV.filter((n) => mayOpen(me!, n)) : [];
  const activeNav = NAV.find((n) => n.match(current.path))?.hash ?? HIDDEN_ROUTES.find((r) => r.match(current.path))?.nav;
  return h(
    'header',
    { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'brand-title' }, t('app.title')), h('span', { class: 'brand-sub' }, t('app.subtitle'))),
    h(
      'nav',
      { class: 'nav' },
      navItems.map((n) => h('a', { href: n.hash, class: n.hash === activeNav ? 'active' : '', testid: `nav-${n.hash.slice(2) || 'overview'}` }, t(n.label))),
    ),
    h(
      'div',
      { class: 'tools' },
      me
        ? h(
            'span',
            { class: 'who', testid: 'who' },
            // A person signed in with a password reaches their own account from their name.
            me.username && !getToken() ? h('a', { href: '#/account', testid: 'my-account' }, me.username) : me.username,
            me.username ? ' · ' : null,
            [t(`role.${me.role}`), me.enterprise?.name].filter(Boolean).join(' · '),
          )
        : null,
      h(
        'button',
        { class: 'lang', testid: 'lang', type: 'button', title: 'Language / 语言', onclick: () => setLocale(locale() === 'zh-CN' ? 'en' : 'zh-CN') },
        locale() === 'zh-CN' ? 'English' : '中文',
      ),
      me ? h('button', { class: 'logout', type: 'button', testid: 'logout', onclick: () => void signOut(false) }, t('nav.logout')) : null,
      me && !getToken()
        ? h('button', { class: 'logout', type: 'button', testid: 'logout-everywhere', onclick: () => void signOut(true) }, t('nav.logoutEverywhere'))
        : null,
    ),
  );
}

async function mount(): Promise<void> {
  for (const c of cleanups) c();
  cleanups = [];
  const gen = ++generation;
  const route = currentRoute();
  document.documentElement.lang = locale();
  document.title = `${t('app.subtitle')} · ${t('app.title')}`;

  if (!me) {
    // A pasted token, or the session cookie the browser sends by itself: ask who this is.
    try {
      me = await get<Whoami>('/whoami', undefined, { quiet401: true });
      if (!getToken()) setCsrfToken((await get<{ csrfToken: string | null }>('/session')).csrfToken);
    } catch (err) {
      me = null;
      if (!(err instanceof ApiError && err.status === 401)) {
        replace(app, header(), h('main', null, errorBox(err)));
        return;
      }
      setToken(null);
      if (route.path[0] !== 'login') return go('#/login');
    }
    if (gen !== generation) return;
  }

  const main = h('main', { testid: `page-${route.path[0] ?? 'overview'}` });
  replace(app, header(), main);
  if (route.path[0] === 'login')
    return loginPage({ me: me!, route, root: main, onCleanup: () => undefined, alive: () => gen === generation }, () => {
      me = null;
      go('#/');
    });
  const nav = NAV.find((n) => n.match(route.path));
  const hidden = HIDDEN_ROUTES.find((r) => r.match(route.path));
  const target = nav ?? hidden;
  if (!target || !mayOpen(me!, target)) return go('#/');
  const ctx: PageContext = { me: me!, route, root: main, onCleanup: (fn) => cleanups.push(fn), alive: () => gen === generation };
  try {
    await target.page(ctx);
  } catch (err) {
    if (gen === generation) main.appendChild(errorBox(err));
  }
}

window.addEventListener('hashchange', () => void mount());
onLocaleChange(() => void mount());
void mount();
