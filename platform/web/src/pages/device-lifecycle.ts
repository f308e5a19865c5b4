// A device's life on its page: its status, the operator's actions (disable, re-enable,
// decommission, replace, move; each asks a reason) and the status log with who did what and why.
// The enterprise and the bureau see the status and the log, not the actions (the API refuses them).
import { get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { t, type MessageKey } from '../i18n.js';
import { section, type PageContext } from '../page.js';
import type { DeviceDetail, DeviceStatus, DeviceStatusEvent } from '../types.js';
import { errorText } from '../server-text.js';

type Action = 'disable' | 'enable' | 'decommission' | 'replace' | 'move';
/** The actions each status allows (services/device-lifecycle.ts). */
const ALLOWED: Record<DeviceStatus, readonly Action[]> = {
  active: ['disable', 'decommission', 'replace', 'move'],
  disabled: ['enable', 'decommission', 'replace', 'move'],
  decommissioned: [],
};

export function lifecycleStatus(status: DeviceStatus, testid?: string): HTMLElement {
  return h('span', { class: `badge lifecycle-${status}`, ...(testid ? { testid } : {}) }, t(`lifecycle.status.${status}` as MessageKey));
}

export function deviceLifecycle(ctx: PageContext, device: DeviceDetail, reload: () => void): HTMLElement {
  const notice = h('div', { class: 'notice', testid: 'lifecycle-notice', 'aria-live': 'polite' });
  const log = h('div', { testid: 'status-events' });
  const reason = h('input', { type: 'text', testid: 'lifecycle-reason', 'aria-label': t('lifecycle.reason') });
  const other = h('input', { type: 'text', testid: 'lifecycle-target', 'aria-label': t('lifecycle.target'), placeholder: t('lifecycle.target') });

  async function run(action: Action): Promise<void> {
    if (reason.value.trim().length < 3) return replace(notice, h('span', { class: 'error-text' }, t('lifecycle.reasonRequired')));
    const body: Record<string, string> = { reason: reason.value.trim() };
    if (action === 'replace') body.replacementId = other.value.trim();
    if (action === 'move') body.projectId = other.value.trim();
    try {
      await post(`/devices/${device.id}/${action}`, body);
      reload();
    } catch (err) {
      replace(notice, h('span', { class: 'error-text', testid: 'lifecycle-error' }, errorText(err)));
    }
  }

  const operator = ctx.me.role === 'operator';
  const actions = ALLOWED[device.status];
  const form =
    operator && actions.length > 0
      ? h(
          'form',
          { class: 'inline-form', onsubmit: (e: Event) => e.preventDefault() },
          h('label', null, t('lifecycle.reason'), reason),
          actions.some((a) => a === 'replace' || a === 'move') ? h('label', null, t('lifecycle.target'), other) : null,
          actions.map((a) => h('button', { type: 'button', testid: `device-${a}`, onclick: () => void run(a) }, t(`lifecycle.action.${a}` as MessageKey))),
        )
      : null;

  void get<{ items: DeviceStatusEvent[] }>(`/devices/${device.id}/status-events`).then(({ items }) => {
    if (!ctx.alive()) return;
    if (items.length === 0) return replace(log, h('p', { class: 'hint' }, t('lifecycle.noEvents')));
    replace(
      log,
      h(
        'table',
        { class: 'table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['col.time', 'lifecycle.col.action', 'lifecycle.col.change', 'lifecycle.reason', 'lifecycle.col.actor'].map((k) =>
              h('th', null, t(k as MessageKey)),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          items.map((e) =>
            h(
              'tr',
              { 'data-action': e.action },
              h('td', null, formatTime(e.at)),
              h(
                'td',
                null,
                t(`lifecycle.action.${e.action}` as MessageKey),
                e.relatedDeviceId ? h('a', { href: `#/devices/${e.relatedDeviceId}` }, ` ${e.relatedDeviceId.slice(0, 8)}`) : null,
              ),
              h('td', null, `${t(`lifecycle.status.${e.fromStatus}` as MessageKey)} → ${t(`lifecycle.status.${e.toStatus}` as MessageKey)}`),
              h('td', null, e.reason),
              h('td', null, e.actor ?? '—'),
            ),
          ),
        ),
      ),
    );
  });

  return section(t('lifecycle.title'), h('p', null, lifecycleStatus(device.status)), form, notice, log);
}
