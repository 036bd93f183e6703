// Which charts a suite's results call for: throughput against a numeric parameter where
// comparisons of the same variants differ only in it (batch size, payload, calls in flight),
// and latency percentiles against rate for custom rows that carry a rate.
import type { ComparisonResult, SuiteResult } from './results.ts';
import type { LineChart, ChartSeries } from './svg-chart.ts';
import type { BenchCustomRow } from './suite.ts';

export interface ChartSpec {
  /** File name, unique in the charts folder: `<suite>--<what>.svg`. */
  readonly file: string;
  readonly chart: LineChart;
}

type Params = Readonly<Record<string, string | number>>;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function without(params: Params, key: string): Record<string, string | number> {
  const rest: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (k !== key) rest[k] = v;
  return rest;
}

function describe(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Log scale where the values span at least a factor of `factor`. */
function spans(values: readonly number[], factor: number): boolean {
  const positive = values.filter((v) => v > 0);
  return (
    positive.length === values.length && Math.max(...positive) / Math.min(...positive) >= factor
  );
}

function throughputCharts(result: SuiteResult): ChartSpec[] {
  const keys = new Set(
    result.comparisons.flatMap((c) =>
      Object.entries(c.params).flatMap(([k, v]) => (typeof v === 'number' ? [k] : [])),
    ),
  );
  const specs: ChartSpec[] = [];
  for (const key of keys) {
    const groups = new Map<string, ComparisonResult[]>();
    for (const comparison of result.comparisons) {
      if (typeof comparison.params[key] !== 'number') continue;
      const variants = comparison.variants.map((v) => v.name).join('|');
      const id = JSON.stringify([comparison.unit, variants, without(comparison.params, key)]);
      groups.set(id, [...(groups.get(id) ?? []), comparison]);
    }
    for (const group of groups.values()) {
      const xs = group.map((c) => Number(c.params[key]));
      if (new Set(xs).size < 2) continue;
      const first = group[0];
      if (first === undefined) continue;
      const names = [...new Set(group.map((c) => c.name))];
      const name = names.length === 1 ? (names[0] ?? result.suite) : result.suite;
      const rest = describe(without(first.params, key));
      const series: ChartSeries[] = first.variants.map((variant, index) => ({
        label: variant.baseline ? `${variant.name} (baseline)` : variant.name,
        dashed: variant.baseline,
        points: group.flatMap((c) => {
          const v = c.variants[index];
          return v === undefined
            ? []
            : [
                {
                  x: Number(c.params[key]),
                  y: v.opsPerSecond.median,
                  low: v.opsPerSecond.min,
                  high: v.opsPerSecond.max,
                },
              ];
        }),
      }));
      specs.push({
        file: `${result.suite}--${slug(name)}--vs-${slug(key)}${rest ? `--${slug(rest)}` : ''}.svg`,
        chart: {
          title: `${result.suite}: ${name}, ${first.unit}s/s vs ${key}${rest ? ` (${rest})` : ''}`,
          xLabel: key,
          yLabel: `${first.unit}s per second (median, min-max)`,
          xLog: spans(xs, 10),
          // A local call next to remote ones: a linear axis would flatten everything else.
          yLog: spans(
            series.flatMap((s) => s.points.map((p) => p.y)),
            20,
          ),
          series,
        },
      });
    }
  }
  return specs;
}

const RATE = /rate/i;
const PERCENTILE = /^p(\d+)Ms$/;

/** The rate a custom row was measured at: a numeric param named like a rate, else a metric. */
export function rateOf(row: BenchCustomRow): { key: string; value: number } | undefined {
  for (const source of [row.params ?? {}, row.metrics]) {
    for (const [key, value] of Object.entries(source)) {
      if (RATE.test(key) && typeof value === 'number') return { key, value };
    }
  }
  return undefined;
}

function percentileLabel(metric: string): string {
  const digits = PERCENTILE.exec(metric)?.[1] ?? metric;
  return `p${digits.length > 2 ? `${digits.slice(0, 2)}.${digits.slice(2)}` : digits}`;
}

function latencyCharts(result: SuiteResult): ChartSpec[] {
  const groups = new Map<string, { rate: string; rest: string; rows: BenchCustomRow[] }>();
  for (const row of result.custom) {
    const rate = rateOf(row);
    if (rate === undefined || !Object.keys(row.metrics).some((k) => PERCENTILE.test(k))) continue;
    const rest = describe(without(row.params ?? {}, rate.key));
    const id = JSON.stringify([rate.key, rest]);
    const group = groups.get(id) ?? { rate: rate.key, rest, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const specs: ChartSpec[] = [];
  for (const { rate, rest, rows } of groups.values()) {
    const names = [...new Set(rows.map((row) => row.name))];
    const metrics = [...new Set(rows.flatMap((row) => Object.keys(row.metrics)))].filter((k) =>
      PERCENTILE.test(k),
    );
    const shown =
      names.length > 1 ? metrics.filter((k) => k === 'p50Ms' || k === 'p99Ms') : metrics;
    const series: ChartSeries[] = names.flatMap((name, colour) =>
      (shown.length > 0 ? shown : metrics).map((metric, index) => ({
        label: `${name} ${percentileLabel(metric)}`,
        dashed: metric === 'p50Ms',
        ...(names.length > 1 ? { colour } : { colour: index }),
        points: rows.flatMap((row) => {
          const x = rateOf(row)?.value;
          const y = row.metrics[metric];
          return row.name === name && x !== undefined && y !== undefined ? [{ x, y }] : [];
        }),
      })),
    );
    const xs = rows.flatMap((row) => rateOf(row)?.value ?? []);
    if (new Set(xs).size < 2) continue;
    const ys = series.flatMap((s) => s.points.map((p) => p.y));
    specs.push({
      file: `${result.suite}--latency-vs-${slug(rate)}${rest ? `--${slug(rest)}` : ''}.svg`,
      chart: {
        title: `${result.suite}: latency percentiles vs ${rate}${rest ? ` (${rest})` : ''}`,
        xLabel: rate,
        yLabel: 'latency (ms)',
        xLog: spans(xs, 10),
        yLog: spans(ys, 20),
        series,
      },
    });
  }
  return specs;
}

export function chartsFor(result: SuiteResult): ChartSpec[] {
  return [...throughputCharts(result), ...latencyCharts(result)];
}
