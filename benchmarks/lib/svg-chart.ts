// A line chart as hand-written SVG (no charting dependency, readable diffs): linear or log
// axes with 1-2-5 ticks, one polyline per series, optional min-max whiskers, a legend. It
// knows nothing about benchmarks; charts.ts decides what to plot.
import { count } from './format.ts';

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  /** Whisker from low to high (min-max over rounds). */
  readonly low?: number;
  readonly high?: number;
}

export interface ChartSeries {
  readonly label: string;
  readonly points: readonly ChartPoint[];
  readonly dashed?: boolean;
  /** Palette index; series that belong together (p50 and p99 of one row) share one. */
  readonly colour?: number;
}

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog: boolean;
  readonly yLog: boolean;
  readonly series: readonly ChartSeries[];
}

const WIDTH = 760;
const PLOT = { left: 80, right: 730, top: 44, bottom: 320 };
/** The legend sits under the x-axis label, one series per line, so long names fit. */
const LEGEND_TOP = PLOT.bottom + 62;
const LEGEND_LINE = 20;
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2'];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Tick labels without trailing zeros: 1 k, 2.5 k, 500, 0.2. */
function tickLabel(value: number): string {
  return count(value)
    .replace(/(\.\d*?)0+(?= [kMG]$|$)/, '$1')
    .replace(/\.(?= [kMG]$|$)/, '');
}

function niceTicks(min: number, max: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(t);
  return ticks;
}

function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e += 1) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** e;
      if (t >= min * 0.999 && t <= max * 1.001) ticks.push(t);
    }
  }
  return ticks.length >= 2 ? ticks : [min, max];
}

interface Axis {
  readonly ticks: readonly number[];
  map(value: number): number;
}

function axis(
  values: readonly number[],
  log: boolean,
  from: number,
  to: number,
  zero: boolean,
): Axis {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (log) {
    min = Math.max(min, Number.MIN_VALUE);
    const lo = Math.log10(min);
    const hi = Math.log10(max);
    const pad = hi - lo < 1e-9 ? 0.5 : (hi - lo) * 0.05;
    const span = hi - lo + 2 * pad;
    return {
      ticks: logTicks(10 ** (lo - pad), 10 ** (hi + pad)),
      map: (v) => from + ((Math.log10(Math.max(v, min)) - lo + pad) / span) * (to - from),
    };
  }
  if (zero) min = Math.min(0, min);
  if (max === min) max = min + 1;
  const margin = (max - min) * 0.05;
  if (!zero || min < 0) min -= margin;
  max += margin;
  const ticks = niceTicks(min, max).filter((t) => t >= min && t <= max);
  return { ticks, map: (v) => from + ((v - min) / (max - min)) * (to - from) };
}

const n = (value: number) => value.toFixed(1);

export function renderLineChart(chart: LineChart): string {
  const points = chart.series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x);
  const ys = points.flatMap((p) => [p.y, p.low ?? p.y, p.high ?? p.y]).filter(Number.isFinite);
  const x = axis(xs, chart.xLog, PLOT.left, PLOT.right, false);
  const y = axis(ys, chart.yLog, PLOT.bottom, PLOT.top, !chart.yLog);
  const height = LEGEND_TOP + chart.series.length * LEGEND_LINE + 8;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">${escape(chart.title)}</text>`,
  ];
  for (const t of y.ticks) {
    const py = n(y.map(t));
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${py}" y2="${py}" stroke="#e0e0e0"/>`,
      `<text x="${PLOT.left - 6}" y="${py}" dy="4" text-anchor="end">${escape(tickLabel(t))}</text>`,
    );
  }
  for (const t of x.ticks) {
    const px = n(x.map(t));
    out.push(
      `<line x1="${px}" x2="${px}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#f0f0f0"/>`,
      `<text x="${px}" y="${PLOT.bottom + 18}" text-anchor="middle">${escape(tickLabel(t))}</text>`,
    );
  }
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#333333"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 40}" text-anchor="middle">${escape(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, index) => {
    const colour = COLOURS[(series.colour ?? index) % COLOURS.length] ?? '#000000';
    const dash = series.dashed === true ? ' stroke-dasharray="6 4"' : '';
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    const path = sorted.map((p) => `${n(x.map(p.x))},${n(y.map(p.y))}`).join(' ');
    out.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>`);
    for (const p of sorted) {
      const px = n(x.map(p.x));
      if (p.low !== undefined && p.high !== undefined) {
        out.push(
          `<line x1="${px}" x2="${px}" y1="${n(y.map(p.low))}" y2="${n(y.map(p.high))}" stroke="${colour}"/>`,
        );
      }
      out.push(`<circle cx="${px}" cy="${n(y.map(p.y))}" r="3" fill="${colour}"/>`);
    }
    const ly = LEGEND_TOP + index * LEGEND_LINE;
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.left + 26}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"${dash}/>`,
      `<text x="${PLOT.left + 32}" y="${ly}" dy="4">${escape(series.label)}</text>`,
    );
  });
  out.push('</svg>', '');
  return out.join('\n');
}
