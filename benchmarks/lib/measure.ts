// Runs one comparison: set-up, warm-up, then rounds in which every variant runs once, the
// starting variant rotating from round to round so that no contender always runs first (warm
// caches) or last (a neighbour's GC). Each run is timed in wall and CPU time, with helper
// processes' CPU, event-loop delay for asynchronous runs, and RSS.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { totalCpuMicros } from './process-cpu.ts';
import type { ComparisonResult, RoundSample, VariantResult } from './results.ts';
import { ratio, spread } from './stats.ts';
import type { BenchComparison, BenchVariant } from './suite.ts';

export interface MeasureOptions {
  readonly rounds: number;
  /** Each variant keeps warming up until it has run for this long (and at least once). */
  readonly warmupMs: number;
  readonly quick: boolean;
  /** Where the comparison is at ("round 2/7, nats.js request"). */
  progress(message: string): void;
}

/**
 * Operations per round: the suite's figure, or a hundredth of it for the smoke pass, rounded
 * up to whole steps (batches) so that the count is what `run` really did.
 */
export function opsPerRound(comparison: BenchComparison, quick: boolean): number {
  const ops = Math.max(1, Math.floor(comparison.opsPerRound));
  const step = Math.max(1, Math.floor(comparison.opsStep ?? 1));
  return quick ? Math.ceil(Math.max(1, Math.ceil(ops / 100)) / step) * step : ops;
}

/** Event-loop sampling interval: fine enough for rounds of a few hundred ms, cheap. */
const DELAY_RESOLUTION_MS = 5;

const gc = (globalThis as { gc?: () => void }).gc;

async function timedRun(variant: BenchVariant, ops: number, round: number): Promise<RoundSample> {
  gc?.(); // the previous variant's garbage is not this one's cost (node --expose-gc)
  const pids = (variant.processes?.() ?? []).map((helper) => helper.pid);
  const helperBefore = totalCpuMicros(pids);
  const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  delay.enable();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let pending: Promise<void> | void;
  try {
    pending = variant.run(ops);
    if (pending instanceof Promise) await pending;
  } finally {
    delay.disable();
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const helperAfter = totalCpuMicros(pids);
  let eventLoopDelayMs: RoundSample['eventLoopDelayMs'];
  if (pending instanceof Promise && delay.count > 0) {
    // The histogram holds the timer interval itself; what is beyond it is the delay.
    const ms = (ns: number) => Math.max(0, ns / 1e6 - DELAY_RESOLUTION_MS);
    eventLoopDelayMs = {
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
    };
  } else if (pending instanceof Promise && wallMs >= 2 * DELAY_RESOLUTION_MS) {
    // The sampling timer never fired: promise continuations held the loop the whole run.
    const blocked = wallMs - DELAY_RESOLUTION_MS;
    eventLoopDelayMs = { p50: blocked, p99: blocked, max: blocked };
  }
  return {
    round,
    ops,
    wallMs,
    cpuMicros: cpu.user + cpu.system,
    ...(helperBefore !== undefined && helperAfter !== undefined
      ? { helperCpuMicros: helperAfter - helperBefore }
      : {}),
    ...(eventLoopDelayMs === undefined ? {} : { eventLoopDelayMs }),
    rssBytes: process.memoryUsage.rss(),
  };
}

function summarise(
  variant: BenchVariant,
  samples: readonly RoundSample[],
  baseline: VariantResult | undefined,
): VariantResult {
  const perOp = (pick: (s: RoundSample) => number) => spread(samples.map((s) => pick(s) / s.ops));
  const opsPerSecond = spread(samples.map((s) => (s.ops * 1000) / s.wallMs));
  const totalCpuMicrosPerOp = perOp((s) => s.cpuMicros + (s.helperCpuMicros ?? 0));
  const delays = samples.flatMap((s) => (s.eventLoopDelayMs ? [s.eventLoopDelayMs.p99] : []));
  return {
    name: variant.name,
    baseline: variant.baseline === true,
    samples,
    opsPerSecond,
    wallMicrosPerOp: perOp((s) => s.wallMs * 1000),
    cpuMicrosPerOp: perOp((s) => s.cpuMicros),
    totalCpuMicrosPerOp,
    helpers: (variant.processes?.() ?? []).map((helper) => helper.name),
    eventLoopDelayP99Ms: delays.length > 0 ? spread(delays) : null,
    peakRssBytes: Math.max(...samples.map((s) => s.rssBytes)),
    vsBaseline: {
      opsPerSecond: ratio(
        opsPerSecond.median,
        baseline?.opsPerSecond.median ?? opsPerSecond.median,
      ),
      cpuPerOp: ratio(
        totalCpuMicrosPerOp.median,
        baseline?.totalCpuMicrosPerOp.median ?? totalCpuMicrosPerOp.median,
      ),
    },
  };
}

/** Variant order for a round: the list rotated by the round number. */
function rotation<T>(items: readonly T[], round: number): T[] {
  const offset = round % items.length;
  return [...items.slice(offset), ...items.slice(0, offset)];
}

export async function measureComparison(
  comparison: BenchComparison,
  options: MeasureOptions,
): Promise<ComparisonResult> {
  const ops = opsPerRound(comparison, options.quick);
  const { variants } = comparison;
  const ready: BenchVariant[] = [];
  try {
    for (const variant of variants) {
      options.progress(`setting up ${variant.name}`);
      await variant.setup?.();
      ready.push(variant);
    }
    for (const variant of variants) {
      options.progress(`warming up ${variant.name}`);
      const until = performance.now() + options.warmupMs;
      do await variant.run(ops);
      while (performance.now() < until);
    }
    const samples = new Map<BenchVariant, RoundSample[]>(variants.map((v) => [v, []]));
    for (let round = 0; round < options.rounds; round += 1) {
      for (const variant of rotation(variants, round)) {
        options.progress(`round ${round + 1}/${options.rounds}, ${variant.name}`);
        samples.get(variant)?.push(await timedRun(variant, ops, round + 1));
      }
    }
    const baselineVariant = variants.find((v) => v.baseline === true);
    const baseline =
      baselineVariant && summarise(baselineVariant, samples.get(baselineVariant) ?? [], undefined);
    return {
      name: comparison.name,
      unit: comparison.unit,
      params: { ...comparison.params },
      opsPerRound: ops,
      rounds: options.rounds,
      variants: variants.map((variant) =>
        variant === baselineVariant && baseline
          ? baseline
          : summarise(variant, samples.get(variant) ?? [], baseline),
      ),
    };
  } finally {
    for (const variant of ready.reverse()) await variant.teardown?.();
  }
}
