// Throughput of a load that runs for a set time rather than a set count (a cluster whose shape
// changes between measurements cannot alternate with its baseline round by round): a few
// rounds, each timed in wall and CPU time of this process and of the helper processes, and
// the medians. The caller decides what a round does.
import { processCpuMicros, type BenchProcess } from '../lib/index.ts';
import { median } from '../lib/stats.ts';

export interface RoundFigures {
  /** Operations per second of wall time, median over the rounds. */
  readonly opsPerSec: number;
  readonly opsPerSecMin: number;
  readonly opsPerSecMax: number;
  /** CPU time of this process and the helpers per operation (µs), median. */
  readonly cpuUsPerOp: number;
  /** CPU time of all of them per second of wall time: cores kept busy, median. */
  readonly coresBusy: number;
}

function cpuOf(helpers: readonly BenchProcess[]): number {
  const own = process.cpuUsage();
  let total = own.user + own.system;
  for (const helper of helpers) total += processCpuMicros(helper.pid) ?? 0;
  return total;
}

/** `round` runs the load for about `durationMs` and resolves with the operations it completed. */
export async function timedRounds(
  rounds: number,
  durationMs: number,
  helpers: readonly BenchProcess[],
  round: (durationMs: number) => Promise<number>,
): Promise<RoundFigures> {
  const rates: number[] = [];
  const cpuPerOp: number[] = [];
  const cores: number[] = [];
  for (let i = 0; i < rounds; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const cpuBefore = cpuOf(helpers);
    const started = performance.now();
    const ops = await round(durationMs);
    const wallMs = performance.now() - started;
    const cpu = cpuOf(helpers) - cpuBefore;
    rates.push(ops / (wallMs / 1000));
    cpuPerOp.push(ops > 0 ? cpu / ops : Number.NaN);
    cores.push(cpu / (wallMs * 1000));
  }
  return {
    opsPerSec: Math.round(median(rates)),
    opsPerSecMin: Math.round(Math.min(...rates)),
    opsPerSecMax: Math.round(Math.max(...rates)),
    cpuUsPerOp: Math.round(median(cpuPerOp)),
    coresBusy: Math.round(median(cores) * 100) / 100,
  };
}
