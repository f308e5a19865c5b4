// A device's commands on its page (docs/commands.md): the history with each state, and, for the roles
// that may send, a form for ping, request_hello, set_workstations and (the operator) the heartbeat
// interval. The platform decides who may send what; the form only leaves out what would be refused.
import { get, post, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { t, type MessageKey } from '../i18n.js';
import { every, type PageContext } from '../page.js';
import { compactTable } from './shared.js';
import type { DeviceCommand, Page } from '../types.js';
import { errorText } from '../server-text.js';

type Kind = DeviceCommand['kind'];
const KINDS: readonly Kind[] = ['ping', 'request_hello', 'set_workstations', 'set_heartbeat_interval'];
/** What an enterprise may send (services/device-commands.ts ENTERPRISE_KINDS). */
const ENTERPRISE_KINDS: readonly Kind[] = ['ping', 'request_hello', 'set_workstations'];
const STATE_BADGE: Record<DeviceCommand['state'], string> = {
  queued: 'warn',
  delivered: 'warn',
  done: 'ok',
  failed: 'bad',
  expired: 'off',
  cancelled: 'off',
};

export function commandsSection(ctx: PageContext, deviceId: string, workstations: readonly string[]): HTMLElement {
  const list = h('div', { testid: 'commands' });
  const notice = h('div', { class: 'notice', testid: 'command-notice', 'aria-live': 'polite' });
  const kinds = ctx.me.role === 'operator' ? KINDS : ctx.me.role === 'enterprise' ? ENTERPRISE_KINDS : [];

  const load = async () => {
    const page = await get<Page<DeviceCommand>>(`/devices/${deviceId}/commands${qs({ limit: 20 })}`);
    if (!ctx.alive()) return;
    replace(
      list,
      page.items.length === 0 ? h('p', { class: 'hint' }, t(kinds.length > 0 ? 'command.noneSend' : 'command.none')) : table(page.items, load, notice),
    );
  };
  every(ctx, 3_000, load);
  void load();
  return h('div', null, kinds.length > 0 ? sendForm(deviceId, kinds, workstations, notice, load) : null, notice, list);
}

function sendForm(deviceId: string, kinds: readonly Kind[], workstations: readonly string[], notice: HTMLElement, load: () => Promise<void>): HTMLElement {
  const kind = h(
    'select',
    { testid: 'command-kind', 'aria-label': t('command.kind') },
    kinds.map((k) => h('option', { value: k }, t(`command.kind.${k}` as MessageKey))),
  );
  const codes = h('input', { type: 'text', testid: 'command-workstations', value: workstations.join(', '), 'aria-label': t('command.workstations') });
  const interval = h('input', { type: 'number', testid: 'command-interval', value: '10', 'aria-label': t('command.interval') });
  const codesField = h('label', null, t('command.workstations'), codes);
  const intervalField = h('label', null, t('command.interval'), interval);
  // style, not the hidden attribute: the form's label style (display: flex) would win over it.
  const showFields = () => {
    codesField.style.display = kind.value === 'set_workstations' ? '' : 'none';
    intervalField.style.display = kind.value === 'set_heartbeat_interval' ? '' : 'none';
  };
  kind.addEventListener('change', showFields);
  showFields();
  return h(
    'form',
    {
      class: 'inline-form',
      testid: 'command-form',
      onsubmit: async (e) => {
        e.preventDefault();
        const body: Record<string, unknown> = { kind: kind.value };
        if (kind.value === 'set_workstations') body.workstations = [...new Set(codes.value.split(/[\s,，]+/).filter(Boolean))];
        if (kind.value === 'set_heartbeat_interval') body.intervalMs = Math.round(Number(interval.value) * 1_000);
        try {
          const sent = await post<DeviceCommand>(`/devices/${deviceId}/commands`, body);
          replace(
            notice,
            h(
              'span',
              { testid: 'command-sent' },
              t('command.sent', { kind: t(`command.kind.${sent.kind}` as MessageKey), state: t(`command.state.${sent.state}` as MessageKey) }),
            ),
          );
          await load();
        } catch (err) {
          replace(notice, h('div', { class: 'error-text', testid: 'command-error' }, errorText(err)));
        }
      },
    },
    h('label', null, t('command.kind'), kind),
    codesField,
    intervalField,
    h('button', { type: 'submit', testid: 'command-send' }, t('command.send')),
  );
}

function table(items: DeviceCommand[], load: () => Promise<void>, notice: HTMLElement): HTMLElement {
  return compactTable(
    ['command.kind', 'command.state', 'col.time', 'command.deadline', 'command.by', 'command.result', ''],
    items.map((c) =>
      h(
        'tr',
        { testid: `command-${c.id}`, 'data-state': c.state },
        h('td', null, t(`command.kind.${c.kind}` as MessageKey), paramsOf(c)),
        h('td', null, h('span', { class: `badge ${STATE_BADGE[c.state]}`, testid: 'command-state' }, t(`command.state.${c.state}` as MessageKey))),
        h('td', null, formatTime(c.createdAt)),
        h('td', null, formatTime(c.deadlineAt)),
        h('td', null, c.requestedBy),
        h('td', { testid: 'command-result' }, resultCell(c)),
        h(
          'td',
          null,
          c.state === 'queued'
            ? h(
                'button',
                {
                  type: 'button',
                  testid: 'command-cancel',
                  onclick: async () => {
                    try {
                      await post(`/devices/${c.deviceId}/commands/${c.id}/cancel`, {});
                      await load();
                    } catch (err) {
                      replace(notice, h('div', { class: 'error-text' }, errorText(err)));
                    }
                  },
                },
                t('command.cancel'),
              )
            : null,
        ),
      ),
    ),
  );
}

function paramsOf(c: DeviceCommand): HTMLElement | null {
  const p = c.params as { workstations?: string[]; intervalMs?: number };
  if (p.workstations) return h('div', { class: 'muted small' }, p.workstations.join(', ') || '—');
  if (p.intervalMs) return h('div', { class: 'muted small' }, `${p.intervalMs / 1_000} s`);
  return null;
}

/** When it finished and what the device answered, in its own (signed) words. */
function resultCell(c: DeviceCommand): HTMLElement | string {
  if (!c.finishedAt) return '—';
  return h('span', null, formatTime(c.finishedAt), c.resultDetail ? h('div', { class: 'muted small' }, c.resultDetail) : null);
}
