// Fleet overview: the live counts (server-sent events, no reload), devices online over 24 h and 30
// days from the rollups, and the fleet by town (镇街).
import { get } from '../api.js';
import { timeChart, color } from '../chart.js';
import { h, replace } from '../dom.js';
import { formatDecimal, formatInt, formatShare, formatTime } from '../format.js';
import { t } from '../i18n.js';
import { watchFleet } from '../live.js';
import { NUMERIC } from './shared.js';
import { every, errorBox, section, type PageContext } from '../page.js';
import { go, link } from '../router.js';
import type { BreakdownRow, FleetEvent } from '../types.js';

interface History24 {
  buckets: { at: string; online: number }[];
}
interface History30 {
  days: { day: string; devices: number; onlineBuckets: number; bucketsElapsed: number }[];
}

function stat(id: string, label: string): { el: HTMLElement; value: HTMLElement; sub: HTMLElement } {
  const value = h('div', { class: 'stat-value', testid: id }, '—');
  const sub = h('div', { class: 'stat-sub', testid: `${id}-sub` });
  return { el: h('div', { class: 'stat card' }, h('div', { class: 'stat-label' }, label), value, sub), value, sub };
}

export async function overviewPage(ctx: PageContext): Promise<void> {
  const live = h('span', { class: 'live connecting', testid: 'live' }, t('live.connecting'));
  const updated = h('span', { class: 'updated', testid: 'updated' });
  const cards = {
    enterprises: stat('enterprises-connected', t('overview.enterprisesConnected')),
    online: stat('devices-online', t('overview.devicesOnline')),
    offline: stat('devices-offline', t('overview.devicesOffline')),
    workstations: stat('workstations', t('overview.workstations')),
    rate: stat('heartbeats-per-second', t('overview.heartbeatsPerSecond')),
  };
  const chart24 = h('div', { class: 'chart', testid: 'chart-24h' });
  const chart30 = h('div', { class: 'chart', testid: 'chart-30d' });
  const towns = h('div', { testid: 'towns' });
  replace(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('overview.title')), live, updated),
    h(
      'div',
      { class: 'stats' },
      Object.values(cards).map((c) => c.el),
    ),
    h('div', { class: 'grid2' }, section(t('overview.chart24h'), chart24), section(t('overview.chart30d'), chart30)),
    section(t('overview.byTown'), towns),
  );

  const show = (e: FleetEvent) => {
    const s = e.summary;
    cards.enterprises.value.textContent = formatInt(s.enterprisesConnected);
    cards.enterprises.sub.textContent = t('overview.ofEnterprises', { n: formatInt(s.enterprises) });
    cards.online.value.textContent = formatInt(s.devices.online);
    cards.online.sub.textContent = t('overview.ofDevices', { n: formatInt(s.devices.total) });
    cards.offline.value.textContent = formatInt(s.devices.offline);
    cards.offline.sub.textContent = formatShare(s.devices.offline, s.devices.total);
    cards.workstations.value.textContent = formatInt(s.workstations);
    cards.workstations.sub.textContent = t('overview.ofWorkstations', { n: formatInt(s.workstationsMapped) });
    cards.rate.value.textContent = formatDecimal(e.heartbeatsPerSecond, 1);
    cards.rate.sub.textContent = t('overview.rateWindow');
    updated.textContent = t('overview.updated', { t: formatTime(e.at) });
  };
  ctx.onCleanup(
    watchFleet(show, (state) => {
      live.className = `live ${state}`;
      live.textContent = t(state === 'connected' ? 'live.connected' : 'live.connecting');
    }),
  );

  const chartCleanups: (() => void)[] = [];
  ctx.onCleanup(() => {
    for (const c of chartCleanups) c();
  });
  const loadCharts = async () => {
    try {
      const [h24, h30] = await Promise.all([get<History24>('/fleet/history?range=24h'), get<History30>('/fleet/history?range=30d')]);
      if (!ctx.alive()) return;
      for (const c of chartCleanups.splice(0)) c();
      chart24.replaceChildren();
      chart30.replaceChildren();
      chartCleanups.push(
        timeChart(
          chart24,
          h24.buckets.map((b) => Date.parse(b.at) / 1000),
          [h24.buckets.map((b) => b.online)],
          [{ label: t('overview.series.online'), color: color(0), fill: true }],
        ),
        timeChart(
          chart30,
          h30.days.map((d) => Date.parse(`${d.day}T12:00:00+08:00`) / 1000),
          [h30.days.map((d) => d.devices), h30.days.map((d) => (d.bucketsElapsed ? d.onlineBuckets / d.bucketsElapsed : 0))],
          [
            { label: t('overview.series.devicesDay'), color: color(0), bars: true },
            { label: t('overview.series.avgOnline'), color: color(2) },
          ],
          { daily: true },
        ),
      );
    } catch (err) {
      chart24.replaceChildren(errorBox(err));
    }
  };
  const loadTowns = async () => {
    try {
      const { items } = await get<{ items: BreakdownRow[] }>('/fleet/breakdown?by=town');
      if (!ctx.alive()) return;
      replace(towns, townTable(items));
    } catch (err) {
      replace(towns, errorBox(err));
    }
  };
  await Promise.all([loadCharts(), loadTowns()]);
  every(ctx, 60_000, loadCharts); // 5-minute buckets: once a minute is plenty
  every(ctx, 10_000, loadTowns);
}

function townTable(items: BreakdownRow[]): HTMLElement {
  return h(
    'table',
    { class: 'table', testid: 'town-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['col.town', 'col.enterprises', 'col.enterprisesConnected', 'col.devices', 'col.online', 'col.onlineShare', 'col.workstations'].map((k) =>
          h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k as 'col.town')),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      items.map((r) =>
        h(
          'tr',
          { class: 'clickable', onclick: () => go(link('/devices', { town: r.key })) },
          h('td', null, r.label),
          h('td', { class: 'num' }, formatInt(r.enterprises)),
          h('td', { class: 'num' }, formatInt(r.enterprisesConnected)),
          h('td', { class: 'num' }, formatInt(r.devices)),
          h('td', { class: 'num' }, formatInt(r.online)),
          h('td', { class: 'num' }, formatShare(r.online, r.devices)),
          h('td', { class: 'num' }, formatInt(r.workstations)),
        ),
      ),
    ),
  );
}
