// The operator's notifications (docs/alarms.md): the channels — the operator's own hear every
// alarm, an enterprise's contacts hear only that enterprise's — with a form to add one and a button
// to take one out of use, and the delivery log: each notification's state and every attempt.
import { del, get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { t } from '../i18n.js';
import { section, type PageContext } from '../page.js';
import type { ChannelKind, Delivery, NotificationChannel, Page } from '../types.js';
import { deviceLink } from './shared.js';
import { errorText } from '../server-text.js';

const KINDS: readonly ChannelKind[] = ['email', 'webhook', 'wecom', 'dingtalk'];

export async function notificationsPage(ctx: PageContext): Promise<void> {
  const notice = h('div', { class: 'notice', testid: 'notify-notice', 'aria-live': 'polite' });
  const channels = h('div');
  const log = h('div');
  const failed = (err: unknown) => replace(notice, h('div', { class: 'error-text', testid: 'notify-error' }, errorText(err)));
  const enterprises = (await get<Page<{ id: string; name: string }>>('/enterprises?limit=1000')).items;
  const enterpriseName = (id: string | null) => (id ? (enterprises.find((e) => e.id === id)?.name ?? id.slice(0, 8)) : t('notify.operator'));

  const kind = h(
    'select',
    { testid: 'channel-kind', 'aria-label': t('col.kind') },
    KINDS.map((k) => h('option', { value: k }, t(`notify.kind.${k}`))),
  );
  const name = h('input', { type: 'text', testid: 'channel-name', 'aria-label': t('notify.name'), placeholder: t('notify.name') });
  const target = h('input', { type: 'text', testid: 'channel-target', 'aria-label': t('notify.target'), placeholder: t('notify.target') });
  const secret = h('input', { type: 'password', testid: 'channel-secret', 'aria-label': t('notify.secret'), placeholder: t('notify.secret') });
  const enterprise = h(
    'select',
    { testid: 'channel-enterprise', 'aria-label': t('notify.enterprise') },
    h('option', { value: '' }, t('notify.operator')),
    enterprises.map((e) => h('option', { value: e.id }, e.name)),
  );
  const language = h(
    'select',
    { testid: 'channel-language', 'aria-label': t('col.language') },
    h('option', { value: 'zh-CN' }, '中文'),
    h('option', { value: 'en' }, 'English'),
  );
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await post('/notification-channels', {
            kind: kind.value,
            name: name.value.trim(),
            target: target.value.trim(),
            language: language.value,
            ...(secret.value ? { secret: secret.value } : {}),
            ...(enterprise.value ? { enterpriseId: enterprise.value } : {}),
          });
          for (const input of [name, target, secret]) input.value = '';
          replace(notice);
          await load();
        } catch (err) {
          failed(err);
        }
      },
    },
    kind,
    name,
    target,
    secret,
    enterprise,
    language,
    h('button', { type: 'submit', testid: 'channel-add' }, t('notify.add')),
  );

  const load = async () => {
    const [list, deliveries] = await Promise.all([
      get<{ items: NotificationChannel[] }>('/notification-channels'),
      get<Page<Delivery>>('/notification-deliveries?limit=100'),
    ]);
    if (!ctx.alive()) return;
    replace(
      channels,
      list.items.length === 0
        ? h('p', { class: 'hint', testid: 'channels-empty' }, t('notify.noChannels'))
        : h(
            'table',
            { class: 'table', testid: 'channels' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['notify.name', 'col.kind', 'col.target', 'col.enterprise', 'col.language', 'col.status'].map((k) => h('th', null, t(k as 'col.kind'))),
              ),
            ),
            h(
              'tbody',
              null,
              list.items.map((c) =>
                h(
                  'tr',
                  { testid: `channel-${c.id}` },
                  h('td', null, c.name),
                  h('td', null, t(`notify.kind.${c.kind}`)),
                  h('td', { class: 'mono' }, c.target),
                  h('td', null, enterpriseName(c.enterpriseId)),
                  h('td', null, c.language),
                  h(
                    'td',
                    null,
                    c.enabled
                      ? h(
                          'button',
                          { type: 'button', testid: `channel-disable-${c.id}`, onclick: () => void del(`/notification-channels/${c.id}`).then(load, failed) },
                          t('notify.disable'),
                        )
                      : t('notify.disabled'),
                  ),
                ),
              ),
            ),
          ),
    );
    replace(
      log,
      deliveries.items.length === 0
        ? h('p', { class: 'hint' }, t('notify.noDeliveries'))
        : h(
            'table',
            { class: 'table', testid: 'deliveries' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['col.time', 'col.alarm', 'col.device', 'col.channel', 'col.status', 'col.attempts', 'col.cause'].map((k) => h('th', null, t(k as 'col.time'))),
              ),
            ),
            h(
              'tbody',
              null,
              deliveries.items.map((d) => {
                const last = d.log.at(-1);
                return h(
                  'tr',
                  { testid: `delivery-${d.id}`, 'data-state': d.state },
                  h('td', null, formatTime(d.createdAt)),
                  h('td', null, t(`alarms.kind.${d.alarmKind}`)),
                  h('td', null, d.deviceId ? deviceLink(d.deviceId) : ''),
                  h('td', null, d.channelName),
                  h('td', null, t(`notify.state.${d.state}`)),
                  h('td', { class: 'num' }, String(d.attempts)),
                  h('td', { class: 'mono' }, last ? [last.status ?? '', last.error ? ` ${last.error}` : ''] : ''),
                );
              }),
            ),
          ),
    );
  };
  replace(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('notify.title'))),
    notice,
    section(t('notify.channels'), form, channels),
    section(t('notify.deliveries'), log),
  );
  await load();
}
