// Pieces the record pages share (docs/records.md): a labelled input, an archive button that asks
// once more before it acts (archiving cannot be undone from the dashboard), and the notice line
// where a page says what happened or what the platform refused.
import { h, replace } from '../dom.js';
import { t, type MessageKey } from '../i18n.js';
import { errorText } from '../server-text.js';

export function field(label: MessageKey, testid: string, value: string, type = 'text'): { label: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type, testid, value, 'aria-label': t(label) });
  return { label: h('label', null, t(label), input), input };
}

export interface Notice {
  el: HTMLElement;
  show(text: string): void;
  failed(err: unknown): void;
}

export function notice(testid: string): Notice {
  const el = h('div', { class: 'notice', testid, 'aria-live': 'polite' });
  return {
    el,
    show: (text) => replace(el, text),
    failed: (err) => replace(el, h('div', { class: 'error-text', testid: `${testid}-error` }, errorText(err))),
  };
}

/** "Archive", then "Archive for good?": two clicks, so a stray one archives nothing. */
export function archiveButton(testid: string, act: () => Promise<void>): HTMLElement {
  const box = h('span', { class: 'archive' });
  const confirm = h('button', { type: 'button', class: 'danger', testid: `${testid}-confirm`, onclick: () => void act() }, t('records.archiveConfirm'));
  const first = h('button', { type: 'button', testid, onclick: () => replace(box, confirm) }, t('records.archive'));
  replace(box, first);
  return box;
}
