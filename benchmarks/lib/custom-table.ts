// The table of a suite's custom rows (latency under open-loop load, RSS per actor...): rows
// with the same params sit together, the baseline first, and each metric of a subject shows
// its ratio to the same metric of its baseline row: "4.80 (1.30×)".
import { metric, times } from './format.ts';
import { ratio } from './stats.ts';
import type { BenchCustomRow } from './suite.ts';

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const paramsKey = (r: BenchCustomRow) => JSON.stringify(r.params ?? {});

/** The row a subject is compared with: same name as its `baseline` and the same params. */
export function baselineRow(
  rows: readonly BenchCustomRow[],
  subject: BenchCustomRow,
): BenchCustomRow | undefined {
  if (subject.baseline === undefined) return undefined;
  const named = rows.filter((r) => r.name === subject.baseline);
  return named.find((r) => paramsKey(r) === paramsKey(subject)) ?? named[0];
}

/** Groups by params (first appearance order), baselines first within a group. */
function ordered(rows: readonly BenchCustomRow[]): BenchCustomRow[] {
  const baselines = new Set(rows.flatMap((r) => (r.baseline === undefined ? [] : [r.baseline])));
  const groups = new Map<string, BenchCustomRow[]>();
  for (const r of rows) groups.set(paramsKey(r), [...(groups.get(paramsKey(r)) ?? []), r]);
  return [...groups.values()].flatMap((group) => [
    ...group.filter((r) => baselines.has(r.name)),
    ...group.filter((r) => !baselines.has(r.name)),
  ]);
}

export function customTable(rows: readonly BenchCustomRow[]): string[] {
  const params = [...new Set(rows.flatMap((r) => Object.keys(r.params ?? {})))];
  const metrics = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))];
  const baselines = new Set(rows.flatMap((r) => (r.baseline === undefined ? [] : [r.baseline])));
  const header = ['row', ...params, ...metrics];
  const lines = ordered(rows).map((r) => {
    const base = baselineRow(rows, r);
    return row([
      baselines.has(r.name) ? `**${r.name}** (baseline)` : r.name,
      ...params.map((p) => String(r.params?.[p] ?? '-')),
      ...metrics.map((m) => {
        const value = r.metrics[m];
        if (value === undefined) return '-';
        const against = ratio(value, base?.metrics[m]);
        return against === null ? metric(m, value) : `${metric(m, value)} (${times(against)})`;
      }),
    ]);
  });
  return [row(header), row(header.map(() => '---')), ...lines];
}
