// Chinese (zh-CN) by default, English on request; the choice is kept in localStorage so it survives
// a reload and a new login. Messages take {name} placeholders.
import { fillTemplate, type TextParams } from '@edgenet/platform/template';
import { en } from './i18n/en.js';
import { zhCN, type MessageKey } from './i18n/zh-CN.js';
import { serverEn } from './i18n/server-en.js';
import { serverZhCN, type ServerTextKey } from './i18n/server-zh-CN.js';

export type Locale = 'zh-CN' | 'en';
const KEY = 'edgenet.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const serverDictionaries: Record<Locale, Record<ServerTextKey, string>> = { 'zh-CN': serverZhCN, en: serverEn };

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

export function t(key: MessageKey, vars: TextParams = {}): string {
  return fillTemplate(dictionaries[current][key] ?? key, vars);
}

/** The dashboard's text for a key made at run time, or undefined when there is none. */
export function textFor(key: string, vars: TextParams = {}): string | undefined {
  return key in dictionaries[current] ? t(key as MessageKey, vars) : undefined;
}

/** A server text (web/src/server-text.ts) in the current language, or undefined for a key it lacks. */
export function serverText(key: string, vars: TextParams = {}, word?: (name: string, value: string | number) => string | undefined): string | undefined {
  const text = (serverDictionaries[current] as Record<string, string>)[key];
  return text === undefined ? undefined : fillTemplate(text, vars, word);
}

export type { MessageKey };
