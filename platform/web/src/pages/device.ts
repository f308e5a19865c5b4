// One device: where it is, what it is (inventory, hardware fingerprint, key id), what it serves, its
// heartbeat and inference-latency charts, its connection history and flags. Another enterprise's
// device answers 404 from the API, and the page says "not found" without telling whether it exists.
import { ApiError, get, qs } from '../api.js';
import { color, timeChart, type SeriesSpec } from '../chart.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatInt, formatTime } from '../format.js';
import { t } from '../i18n.js';
import { every, section, type PageContext } from '../page.js';
import type { Connection, DeviceDetail, Enterprise, Flag, Heartbeat, Page, Project } from '../types.js';
import { commandsSection } from './device-commands.js';
import { compactTable, deviceName, flagLabel, kindLabel, statusBadge } from './shared.js';
import { deviceLifecycle, lifecycleStatus } from './device-lifecycle.js';
import { go } from '../router.js';
import { causeText, flagReasonText, inventoryLabel } from '../server-text.js';

export async function devicePage(ctx: PageContext): Promise<void> {
  const id = ctx.route.path[1]!;
  let device: DeviceDetail;
  try {
    device = await get<DeviceDetail>(`/devices/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
      replace(ctx.root, h('div', { class: 'card notfound', testid: 'device-not-found' }, t('device.notFound')));
      return;
    }
    throw err;
  }
  const [enterprise, project] = await Promise.all([
    get<Enterprise>(`/enterprises/${device.enterpriseId}`).catch(() => null),
    get<Project>(`/projects/${device.projectId}`).catch(() => null),
  ]);
  if (!ctx.alive()) return;

  const status = h('span', { testid: 'device-status' }, statusBadge(device.online, device.lastSeenAt !== null));
  const lastSeen = h('dd', { testid: 'device-last-seen' }, formatTime(device.lastSeenAt));
  const lastSeq = h('dd', null, formatInt(device.lastSeq));
  const facts: [string, Node | string][] = [
    [t('col.enterprise'), enterprise ? h('a', { href: `#/enterprises/${enterprise.id}` }, enterprise.name) : device.enterpriseId],
    [t('col.project'), project ? project.name : device.projectId],
    [t('col.town'), enterprise?.town ?? '—'],
    [t('col.kind'), kindLabel(device.kind)],
    [t('device.fingerprint'), h('code', { testid: 'device-fingerprint' }, device.fingerprint)],
    [t('device.keyId'), h('code', { testid: 'device-key-id' }, device.keyId)],
    [
      t('device.attestation'),
      h(
        'span',
        { testid: 'device-attestation' },
        device.attestationLevel === 'tpm' ? t('device.attestation.tpm', { issuer: device.ekIssuer ?? '—' }) : t('device.attestation.software'),
      ),
    ],
    [t('col.agentVersion'), device.agentVersion],
    [t('device.interval'), `${formatInt(device.heartbeatIntervalMs / 1000)} ${t('unit.s')}`],
    [t('col.enrolled'), formatTime(device.enrolledAt)],
    [t('device.firstSeen'), formatTime(device.firstSeenAt)],
  ];
  const workstations = h(
    'div',
    { class: 'chips', testid: 'device-workstations' },
    device.workstations.map((w) => h('span', { class: 'chip' }, w)),
  );
  const charts = h('div', { class: 'grid3' });
  const clockNote = h('p', { class: 'hint warn', testid: 'chart-clock-note' });
  clockNote.hidden = true;
  const latency = h('div', { class: 'chart', testid: 'chart-latency' });
  const connections = h('div', { testid: 'connections' });
  const flags = h('div', { testid: 'device-flags' });

  replace(
    ctx.root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { testid: 'device-name' }, device.model || device.serial ? deviceName(device) : t('device.title')),
      h('code', { class: 'muted', testid: 'device-id' }, device.id),
      status,
      lifecycleStatus(device.status, 'device-lifecycle-status'),
    ),
    h(
      'div',
      { class: 'grid2' },
      h(
        'section',
        { class: 'card' },
        h(
          'dl',
          { class: 'facts' },
          facts.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
          h('dt', null, t('col.lastSeen')),
          lastSeen,
          h('dt', null, t('device.lastSeq')),
          lastSeq,
        ),
        h('h3', null, `${t('device.workstations')} (${device.workstations.length})`),
        workstations,
      ),
      section(t('device.inventory'), inventoryTable(device.inventory)),
    ),
    deviceLifecycle(ctx, device, () => go(location.hash)),
    section(t('device.charts'), clockNote, charts),
    section(t('device.latency'), latency),
    h('div', { class: 'grid2' }, section(t('device.connections'), connections), section(t('device.flags'), flags)),
    section(t('device.commands'), commandsSection(ctx, device.id, device.workstations)),
  );

  const chartCleanups: (() => void)[] = [];
  ctx.onCleanup(() => {
    for (const c of chartCleanups) c();
  });
  const loadHeartbeats = async () => {
    const { items } = await get<{ items: Heartbeat[] }>(`/devices/${id}/heartbeats?limit=360`);
    if (!ctx.alive()) return;
    // Plotted at the device's own time where its clock was trusted (the filing rule): a backlog
    // sent after an outage is drawn over the hours it covers, not squeezed into its receive second.
    const hb = [...items].sort((a, b) => plotTime(a) - plotTime(b));
    const x = hb.map(plotTime);
    for (const c of chartCleanups.splice(0)) c();
    charts.replaceChildren();
    // Points whose device time was not believed sit at their receive time; say how many, so a
    // gap followed by a dense run is read as "clock wrong", not as a burst of activity.
    const untrusted = hb.filter((b) => b.filing === 'untrusted_clock').length;
    replace(clockNote, untrusted > 0 ? t('chart.untrustedClock', { n: formatInt(untrusted) }) : '');
    clockNote.hidden = untrusted === 0;
    const one = (title: string, ys: (number | null)[], i: number) => {
      const el = h('div', { class: 'chart small', testid: `chart-${i}` });
      charts.appendChild(h('div', null, h('h3', null, title), el));
      chartCleanups.push(timeChart(el, x, [ys], [{ label: title, color: color(i) }], { height: 160 }));
    };
    one(
      t('device.cpu'),
      hb.map((b) => b.cpuPercent),
      0,
    );
    one(
      t('device.memory'),
      hb.map((b) => (b.memoryTotalBytes ? (b.memoryUsedBytes * 100) / b.memoryTotalBytes : null)),
      1,
    );
    one(
      t('device.temperature'),
      hb.map((b) => b.temperatureC),
      3,
    );
    // One p50 and one p99 line per model and workstation (ModelCounters in each heartbeat).
    const keys = [...new Set(hb.flatMap((b) => (b.inferenceModels ?? []).map((m) => `${m.name ?? '?'}@${m.workstationCode ?? ''}`)))];
    latency.replaceChildren();
    if (keys.length === 0) {
      latency.appendChild(h('p', { class: 'hint' }, t('device.noInference')));
      return;
    }
    const series: SeriesSpec[] = [];
    const ys: (number | null)[][] = [];
    keys.forEach((key, i) => {
      const pick = (b: Heartbeat, f: 'p50Ms' | 'p99Ms') =>
        (b.inferenceModels ?? []).find((m) => `${m.name ?? '?'}@${m.workstationCode ?? ''}` === key)?.[f] ?? null;
      series.push({ label: `${key} p50`, color: color(i * 2) }, { label: `${key} p99`, color: color(i * 2 + 1) });
      ys.push(
        hb.map((b) => pick(b, 'p50Ms')),
        hb.map((b) => pick(b, 'p99Ms')),
      );
    });
    chartCleanups.push(timeChart(latency, x, ys, series, { height: 220, yLabel: t('unit.ms') }));
  };

  let shown = 50;
  const loadConnections = async () => {
    const page = await get<Page<Connection>>(`/devices/${id}/connections${qs({ limit: shown })}`);
    if (!ctx.alive()) return;
    replace(
      connections,
      compactTable(
        ['col.time', 'col.event', 'col.cause', 'col.address'],
        page.items.map((c) =>
          h(
            'tr',
            null,
            h('td', null, formatTime(c.at)),
            h('td', null, h('span', { class: `badge ${c.event === 'online' ? 'ok' : 'off'}` }, t(`event.${c.event}`))),
            h('td', null, causeText(c.cause)),
            h('td', { class: 'mono' }, c.remoteAddress ?? '—'),
          ),
        ),
      ),
      page.total > page.items.length
        ? h(
            'button',
            {
              type: 'button',
              onclick: () => {
                shown += 50;
                void loadConnections();
              },
            },
            `${t('device.more')} (${formatInt(page.total - page.items.length)})`,
          )
        : null,
    );
  };
  const loadFlags = async () => {
    const page = await get<Page<Flag>>(`/flags${qs({ deviceId: id, limit: 100 })}`);
    if (!ctx.alive()) return;
    replace(
      flags,
      page.items.length === 0
        ? h('p', { class: 'hint empty' }, t('device.noFlags'))
        : compactTable(
            ['col.flag', 'col.reason', 'col.raised'],
            page.items.map((f) =>
              h(
                'tr',
                { class: f.resolvedAt ? 'resolved' : '' },
                h('td', null, h('span', { class: `badge ${f.resolvedAt ? 'off' : 'warn'}`, title: f.kind }, flagLabel(f.kind))),
                h(
                  'td',
                  null,
                  flagReasonText(f),
                  f.resolution
                    ? h(
                        'div',
                        { class: 'muted', testid: `resolution-of-${f.id}` },
                        f.resolvedByName ? t('flags.resolvedBy', { name: f.resolvedByName }) : '',
                        f.resolution,
                      )
                    : null,
                ),
                h('td', null, formatTime(f.createdAt)),
              ),
            ),
          ),
    );
  };
  const refreshDevice = async () => {
    const d = await get<DeviceDetail>(`/devices/${id}`);
    if (!ctx.alive()) return;
    replace(status, statusBadge(d.online, d.lastSeenAt !== null));
    lastSeen.textContent = formatTime(d.lastSeenAt);
    lastSeq.textContent = formatInt(d.lastSeq);
  };
  await Promise.all([loadHeartbeats(), loadConnections(), loadFlags()]);
  every(ctx, 5_000, refreshDevice);
  every(ctx, 15_000, () => Promise.all([loadHeartbeats(), loadConnections()]).then(() => undefined));
}

/** The hello's inventory, one row per field; nested objects (disks, accelerators) as compact JSON. */
function inventoryTable(inventory: Record<string, unknown>): HTMLElement {
  const rows = Object.entries(inventory ?? {}).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
  return h(
    'table',
    { class: 'table compact kv', testid: 'inventory' },
    h(
      'tbody',
      null,
      rows.map(([k, v]) =>
        h(
          'tr',
          null,
          h('th', { title: k }, inventoryLabel(k)),
          h(
            'td',
            { class: typeof v === 'object' ? 'mono small' : '' },
            /bytes$/i.test(k) && /^\d+$/.test(String(v)) ? formatBytes(Number(v)) : typeof v === 'object' ? JSON.stringify(v) : String(v),
          ),
        ),
      ),
    ),
  );
}

/**
 * Seconds since the epoch a heartbeat is drawn at: the time it was filed under. The server's filing
 * rule (ingest/filing.ts) decides, not the page: a clock ahead of the platform's, or one not checked
 * at a hello, is untrusted even when the agent did not say so, and is drawn at receive time.
 */
export function plotTime(b: Pick<Heartbeat, 'filedAt'>): number {
  return Date.parse(b.filedAt) / 1000;
}
