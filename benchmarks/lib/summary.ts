// The few lines a suite prints on stdout when it finishes: each comparison's baseline
// throughput and every subject's ratio to it. The full figures are in the results file.
import { count, times } from './format.ts';
import type { SuiteResult } from './results.ts';

export function consoleSummary(result: SuiteResult): string {
  const s = Math.round(result.durationMs / 1000);
  const lines = [
    `${result.suite}${result.quick ? ' (quick: figures not meaningful)' : ''}, ${Math.floor(s / 60)} min ${s % 60} s`,
  ];
  for (const comparison of result.comparisons) {
    const params = Object.entries(comparison.params).map(([k, v]) => `${k} ${v}`);
    lines.push(`  ${comparison.name}${params.length > 0 ? ` (${params.join(', ')})` : ''}`);
    const width = Math.max(...comparison.variants.map((v) => v.name.length)) + 12;
    for (const v of [...comparison.variants].sort(
      (a, b) => Number(b.baseline) - Number(a.baseline),
    )) {
      const name = `${v.name}${v.baseline ? ' (baseline)' : ''}`.padEnd(width);
      const rate = `${count(v.opsPerSecond.median)} ${comparison.unit}/s`.padEnd(18);
      const ratios = v.baseline
        ? ''
        : `${times(v.vsBaseline.opsPerSecond)} throughput, ${times(v.vsBaseline.cpuPerOp)} CPU/op`;
      lines.push(`    ${name}${rate}${ratios}`);
    }
  }
  if (result.custom.length > 0) lines.push(`  + ${result.custom.length} custom rows`);
  return lines.join('\n');
}
