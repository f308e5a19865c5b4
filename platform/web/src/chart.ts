// Charts with uPlot (small, canvas-drawn, fast with thousands of points). Sized to their container
// and redrawn when it resizes.
import uPlot from 'uplot';
import { formatInt } from './format.js';
import { locale, t } from './i18n.js';

export interface SeriesSpec {
  label: string;
  color: string;
  bars?: boolean;
  fill?: boolean;
}

const TZ = 'Asia/Shanghai';
const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7ea4', '#57606a'];
export const color = (i: number): string => PALETTE[i % PALETTE.length]!;

/** x: seconds since the epoch; ys: one array per series (null = no value). */
export function timeChart(
  el: HTMLElement,
  x: number[],
  ys: (number | null)[][],
  series: SeriesSpec[],
  opts: { height?: number; daily?: boolean; yLabel?: string } = {},
): () => void {
  // With nothing to plot uPlot still draws an axis (ticks of 1 1 1 0 0 0), which reads as data.
  if (x.length === 0 || ys.every((y) => y.every((v) => v === null))) {
    el.replaceChildren(Object.assign(document.createElement('p'), { className: 'hint chart-empty', textContent: t('chart.noData') }));
    el.dataset.empty = 'true';
    return () => undefined;
  }
  delete el.dataset.empty;
  // The plotted span, for whoever reads the page without seeing the canvas (a screen reader's label, a test).
  el.dataset.from = new Date(x[0]! * 1000).toISOString();
  el.dataset.to = new Date(x[x.length - 1]! * 1000).toISOString();
  // Ticks show seconds when the chart spans less than an hour (a device's recent heartbeats).
  const span = x.length > 1 ? x[x.length - 1]! - x[0]! : 0;
  const fmt = new Intl.DateTimeFormat(
    locale(),
    opts.daily
      ? { timeZone: TZ, month: '2-digit', day: '2-digit' }
      : { timeZone: TZ, hour: '2-digit', minute: '2-digit', ...(span < 3600 ? { second: '2-digit' as const } : {}), hour12: false },
  );
  const bars = uPlot.paths.bars!({ size: [0.7, 40] });
  const plot = new uPlot(
    {
      width: Math.max(el.clientWidth, 200),
      height: opts.height ?? 220,
      // uPlot draws local time by default; the factories and the bureau read Shanghai time.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), TZ),
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { values: (_u, splits) => splits.map((s) => fmt.format(new Date(s * 1000))), stroke: '#57606a', grid: { stroke: '#eaeef2' } },
        { values: (_u, splits) => splits.map((s) => formatInt(s)), stroke: '#57606a', grid: { stroke: '#eaeef2' }, size: 56, label: opts.yLabel ?? '' },
      ],
      series: [
        {
          label: t('col.time'),
          value: (_u, v) =>
            v == null
              ? '—'
              : new Intl.DateTimeFormat(locale(), { timeZone: TZ, dateStyle: 'short', timeStyle: opts.daily ? undefined : 'short' }).format(new Date(v * 1000)),
        },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.bars ? 0 : 2,
          fill: s.bars || s.fill ? `${s.color}55` : undefined,
          paths: s.bars ? bars : undefined,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : formatInt(Math.round(v * 10) / 10)),
        })),
      ],
    },
    [x, ...ys] as uPlot.AlignedData,
    el,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height: opts.height ?? 220 }));
  resize.observe(el);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
