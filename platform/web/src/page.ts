// What every page gets: who is logged in, the route, the element to fill, and a place to register
// cleanups (streams, timers, charts) that run when the user navigates away.
import { h } from './dom.js';
import { t } from './i18n.js';
import type { Route } from './router.js';
import type { Whoami } from './types.js';
import { errorText } from './server-text.js';

export interface PageContext {
  me: Whoami;
  route: Route;
  root: HTMLElement;
  onCleanup(fn: () => void): void;
  /** Still the page on screen (false once the user navigated away). */
  alive(): boolean;
}

export type Page = (ctx: PageContext) => void | Promise<void>;

export function errorBox(err: unknown): HTMLElement {
  return h('div', { class: 'error', testid: 'error' }, t('common.error', { m: errorText(err) }));
}

export function section(title: string, ...children: (Node | string | null)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

/** Re-runs fn every ms while the page is on screen. */
export function every(ctx: PageContext, ms: number, fn: () => void | Promise<void>): void {
  const timer = window.setInterval(() => {
    if (ctx.alive()) void fn();
  }, ms);
  ctx.onCleanup(() => clearInterval(timer));
}
