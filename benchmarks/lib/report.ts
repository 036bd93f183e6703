// RESULTS.md and its SVG charts, regenerated from every results file in a folder: one
// section per suite with the machine and versions it ran on, a table per comparison with the
// baseline first and each subject's ratio to it, and the suite's custom rows.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { chartsFor } from './charts.ts';
import { customTable } from './custom-table.ts';
import type { Environment } from './environment.ts';
import { count, megabytes, sig, times } from './format.ts';
import { readResults, type ComparisonResult, type SuiteResult } from './results.ts';
import { renderSizing } from './sizing.ts';
import { renderLineChart } from './svg-chart.ts';

export interface ReportPaths {
  readonly resultsDir: string;
  readonly reportPath: string;
  readonly chartsDir: string;
  /** benchmarks/README.md, linked for the column explanations. */
  readonly readmePath?: string;
  /** docs/sizing.md, regenerated from the same results; not written when absent. */
  readonly sizingPath?: string;
}

export interface ChartLink {
  readonly file: string;
  readonly title: string;
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function when(result: SuiteResult): string {
  const s = Math.round(result.durationMs / 1000);
  return `${result.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.floor(s / 60)} min ${s % 60} s`;
}

function machine(env: Environment): string {
  // Older results files have no load average.
  const load = Number.isFinite(env.loadAverage)
    ? `, load average ${sig(env.loadAverage)} at start`
    : '';
  return `${env.cpuModel}, ${env.cores} cores, ${sig(env.memoryBytes / 2 ** 30)} GiB RAM, ${env.os}${load}`;
}

function versions(env: Environment): string {
  const packages = Object.entries(env.packages).map(([name, version]) => `${name} ${version}`);
  return [
    `Node ${env.node} (V8 ${env.v8})`,
    `nats-server ${env.natsServer ?? 'not installed'}`,
    `msgpackr native acceleration ${env.msgpackrNative ? 'on' : 'off'}`,
    `native addon ${env.nativeAddonBuilt ? 'built' : 'not built'}`,
    ...packages,
  ].join(', ');
}

function comparisonTable(comparison: ComparisonResult): string[] {
  const unit = comparison.unit;
  const helpers = comparison.variants.some((v) => v.helpers.length > 0);
  const delay = comparison.variants.some((v) => v.eventLoopDelayP99Ms !== null);
  const header = [
    'variant',
    `${unit}s/s (median)`,
    `${unit}s/s (min–max)`,
    `${unit}s/s ÷ baseline`,
    `wall µs/${unit}`,
    `CPU µs/${unit}`,
    ...(helpers ? [`CPU µs/${unit}, all processes`] : []),
    'CPU/op ÷ baseline',
    ...(delay ? ['event-loop delay p99 (ms)'] : []),
    'RSS (MB)',
  ];
  const ordered = [...comparison.variants].sort((a, b) => Number(b.baseline) - Number(a.baseline));
  const lines = ordered.map((v) =>
    row([
      v.baseline ? `**${v.name}** (baseline)` : v.name,
      count(v.opsPerSecond.median),
      `${count(v.opsPerSecond.min)} – ${count(v.opsPerSecond.max)}`,
      v.baseline ? '1 (baseline)' : times(v.vsBaseline.opsPerSecond),
      sig(v.wallMicrosPerOp.median),
      sig(v.cpuMicrosPerOp.median),
      ...(helpers
        ? [
            v.helpers.length > 0
              ? `${sig(v.totalCpuMicrosPerOp.median)} (+ ${v.helpers.join(', ')})`
              : sig(v.totalCpuMicrosPerOp.median),
          ]
        : []),
      v.baseline ? '1 (baseline)' : times(v.vsBaseline.cpuPerOp),
      ...(delay ? [v.eventLoopDelayP99Ms ? sig(v.eventLoopDelayP99Ms.median) : '-'] : []),
      megabytes(v.peakRssBytes),
    ]),
  );
  return [row(header), row(header.map(() => '---')), ...lines];
}

function suiteSection(
  result: SuiteResult,
  charts: readonly ChartLink[],
  chartLink: string,
): string[] {
  const env = result.environment;
  const flags = Object.entries(result.flags).map(([k, v]) => `${k} = ${String(v)}`);
  const commit = env.gitCommit === null ? 'unknown' : env.gitCommit.slice(0, 10);
  const out = [
    `## ${result.suite}`,
    '',
    result.summary,
    '',
    ...(result.quick
      ? ['**Quick smoke pass (`--quick`): these figures are not meaningful.**', '']
      : []),
    `- Run: ${when(result)}, commit ${commit}${env.gitDirty === true ? ' with local changes' : ''}`,
    `- Machine: ${machine(env)}`,
    `- Versions: ${versions(env)}`,
    `- Flags: ${flags.length > 0 ? flags.join(', ') : 'none'}`,
    '',
  ];
  for (const comparison of result.comparisons) {
    const params = Object.entries(comparison.params).map(([k, v]) => `${k} ${v}`);
    out.push(
      `### ${comparison.name}${params.length > 0 ? ` (${params.join(', ')})` : ''}`,
      '',
      `${count(comparison.opsPerRound)} ${comparison.unit}s per round, ${comparison.rounds} rounds per variant.`,
      '',
      ...comparisonTable(comparison),
      '',
    );
  }
  if (result.custom.length > 0)
    out.push('### Other measurements', '', ...customTable(result.custom), '');
  for (const chart of charts) out.push(`![${chart.title}](${chartLink}/${chart.file})`, '');
  return out;
}

export function renderReport(
  results: readonly SuiteResult[],
  charts: ReadonlyMap<string, readonly ChartLink[]>,
  chartLink: string,
  readmeLink = 'README.md',
): string {
  const out = [
    '<!-- Generated by benchmarks/run.ts from benchmarks/results/*.json: do not edit. -->',
    '# Benchmark results',
    '',
    'Generated by `npm run bench` from the results files; nothing here is typed by hand.',
    'Regenerate the report alone with `npm run bench -- --report`. The columns are explained in',
    `[the benchmarks README](${readmeLink}#reading-the-tables).`,
    '',
    row(['suite', 'what it measures', 'run', 'machine']),
    row(['---', '---', '---', '---']),
    ...results.map((r) =>
      row([
        `[${r.suite}](#${r.suite})${r.quick ? ' (quick)' : ''}`,
        r.summary,
        when(r),
        `${r.environment.cpuModel}, ${r.environment.cores} cores`,
      ]),
    ),
    '',
  ];
  for (const result of results)
    out.push(...suiteSection(result, charts.get(result.suite) ?? [], chartLink));
  return `${out.join('\n').trimEnd()}\n`;
}

/** Rewrites the report and every chart from the results files; old charts are removed. */
export function writeReport(paths: ReportPaths): { suites: number; charts: number } {
  const results = readResults(paths.resultsDir);
  mkdirSync(paths.chartsDir, { recursive: true });
  for (const name of readdirSync(paths.chartsDir)) {
    if (name.endsWith('.svg')) rmSync(join(paths.chartsDir, name));
  }
  const charts = new Map<string, ChartLink[]>();
  for (const result of results) {
    const specs = chartsFor(result);
    for (const spec of specs)
      writeFileSync(join(paths.chartsDir, spec.file), renderLineChart(spec.chart));
    charts.set(
      result.suite,
      specs.map((spec) => ({ file: spec.file, title: spec.chart.title })),
    );
  }
  const from = dirname(paths.reportPath);
  const link = (to: string) => relative(from, to).split('\\').join('/') || '.';
  mkdirSync(from, { recursive: true });
  const readme = paths.readmePath === undefined ? 'README.md' : link(paths.readmePath);
  writeFileSync(paths.reportPath, renderReport(results, charts, link(paths.chartsDir), readme));
  if (paths.sizingPath !== undefined) {
    const toReport = relative(dirname(paths.sizingPath), paths.reportPath).split('\\').join('/');
    writeFileSync(paths.sizingPath, renderSizing(results, toReport));
  }
  return { suites: results.length, charts: [...charts.values()].flat().length };
}
