// Chinese (zh-CN) by default, English on request; the choice is kept in localStorage so it survives
// a reload and a new login. Messages take {name} placeholders.
import { en } from './i18n/en.js';
import { zhCN, type MessageKey } from './i18n/zh-CN.js';

export type Locale = 'zh-CN' | 'en';
const KEY = 'edgenet.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

let current: Locale = readStored();
const listeners = new Set<() => void>();

function readStored(): Locale {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function onLocaleChange(listener: () => void): void {
  listeners.add(listener);
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export type { MessageKey };
