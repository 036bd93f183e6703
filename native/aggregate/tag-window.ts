// One tag's aggregate over one window as the window store keeps it: built from kernel rows and
// merged with later rows of the same window (late samples, further frames). Means and M2 merge
// with Chan, Golub, LeVeque's pairwise formula ("Updating formulae and a pairwise algorithm for
// computing sample variances", 1979); sketches merge bin by bin (DDSketch is fully mergeable).
import { addBin, emptySketch, mergeSketch, sketchQuantiles, type Sketch } from './ddsketch.ts';
import { F, STRIDE, type PartialTable, type TagKind } from './kernel-spec.ts';

const KINDS: readonly TagKind[] = ['gauge', 'counter', 'state'];

export interface TagWindowAccumulator {
  readonly tag: number;
  readonly kind: TagKind;
  readonly windowStartMs: number;
  count: number;
  badCount: number;
  nonFiniteCount: number;
  validCount: number;
  min: number;
  max: number;
  mean: number;
  m2: number;
  firstT: number;
  firstV: number;
  lastT: number;
  lastV: number;
  delta: number;
  resets: number;
  rollovers: number;
  reordered: number;
  readonly sketch: Sketch;
  readonly durations: Map<number, number>;
}

/** Row r of a kernel table as an accumulator (sketch bins and durations not yet added). */
export function rowToAccumulator(table: PartialTable, r: number): TagWindowAccumulator {
  const s = table.stats;
  const at = (field: number) => s[r * STRIDE + field] ?? Number.NaN;
  const sketch = emptySketch();
  sketch.zeroCount = at(F.ZERO_COUNT);
  return {
    tag: at(F.TAG),
    kind: KINDS[at(F.KIND)] ?? 'gauge',
    windowStartMs: at(F.WINDOW_START),
    count: at(F.COUNT),
    badCount: at(F.BAD),
    nonFiniteCount: at(F.NON_FINITE),
    validCount: at(F.VALID),
    min: at(F.MIN),
    max: at(F.MAX),
    mean: at(F.MEAN),
    m2: at(F.M2),
    firstT: at(F.FIRST_T),
    firstV: at(F.FIRST_V),
    lastT: at(F.LAST_T),
    lastV: at(F.LAST_V),
    delta: at(F.DELTA),
    resets: at(F.RESETS),
    rollovers: at(F.ROLLOVERS),
    reordered: at(F.REORDERED),
    sketch,
    durations: new Map(),
  };
}

/** Splits a kernel table into accumulators, one per row, with bins and durations attached. */
export function tableToAccumulators(table: PartialTable): TagWindowAccumulator[] {
  const rows: TagWindowAccumulator[] = [];
  for (let r = 0; r < table.rows; r++) rows.push(rowToAccumulator(table, r));
  const { sketch, durations } = table;
  for (let i = 0; i + 3 < sketch.length; i += 4) {
    const row = rows[sketch[i] ?? -1];
    if (row === undefined) continue;
    const bins = (sketch[i + 1] ?? 0) > 0 ? row.sketch.positive : row.sketch.negative;
    addBin(bins, sketch[i + 2] ?? 0, sketch[i + 3] ?? 0);
  }
  for (let i = 0; i + 2 < durations.length; i += 3) {
    const row = rows[durations[i] ?? -1];
    const code = durations[i + 1] ?? 0;
    if (row !== undefined)
      row.durations.set(code, (row.durations.get(code) ?? 0) + (durations[i + 2] ?? 0));
  }
  return rows;
}

/** Adds `from` into `into` (same tag and window); order of merging does not change counts. */
export function mergeAccumulator(into: TagWindowAccumulator, from: TagWindowAccumulator): void {
  const n = into.validCount + from.validCount;
  if (from.validCount > 0) {
    const d = from.mean - into.mean;
    into.m2 += from.m2 + (d * d * into.validCount * from.validCount) / n;
    into.mean += (d * from.validCount) / n;
  }
  into.validCount = n;
  into.count += from.count;
  into.badCount += from.badCount;
  into.nonFiniteCount += from.nonFiniteCount;
  into.min = Math.min(into.min, from.min);
  into.max = Math.max(into.max, from.max);
  if (from.firstT < into.firstT) {
    into.firstT = from.firstT;
    into.firstV = from.firstV;
  }
  if (from.lastT >= into.lastT) {
    into.lastT = from.lastT;
    into.lastV = from.lastV;
  }
  into.delta += from.delta;
  into.resets += from.resets;
  into.rollovers += from.rollovers;
  into.reordered += from.reordered;
  mergeSketch(into.sketch, from.sketch);
  for (const [code, ms] of from.durations)
    into.durations.set(code, (into.durations.get(code) ?? 0) + ms);
}

/** The published shape of one tag's window (what the work-center actor receives). */
export interface TagWindow {
  readonly tag: number;
  readonly kind: TagKind;
  readonly count: number;
  readonly badCount: number;
  /** Good-quality samples whose value was NaN or infinite: excluded from every statistic. */
  readonly nonFiniteCount: number;
  readonly validCount: number;
  /** null when no valid sample (min, max, mean, variance, last). */
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Sample variance (M2 / (n - 1)); 0 for one sample. */
  readonly variance: number | null;
  readonly last: { readonly t: number; readonly v: number } | null;
  /** Counters: increments in this window, after rollovers and resets. */
  readonly counter: {
    readonly delta: number;
    readonly resets: number;
    readonly rollovers: number;
  } | null;
  /** States: milliseconds spent in each state code during this window. */
  readonly stateDurationsMs: ReadonlyMap<number, number> | null;
  /** Gauges: DDSketch quantiles (relative error as configured). */
  readonly quantiles: { readonly p50: number; readonly p95: number; readonly p99: number } | null;
  /** Samples older than one already applied (counters, states): see docs/frames.md. */
  readonly reordered: number;
}

export function publishTagWindow(acc: TagWindowAccumulator, multiplier: number): TagWindow {
  const any = acc.validCount > 0;
  const [p50 = 0, p95 = 0, p99 = 0] =
    acc.kind === 'gauge' && any ? sketchQuantiles(acc.sketch, [0.5, 0.95, 0.99], multiplier) : [];
  return {
    tag: acc.tag,
    kind: acc.kind,
    count: acc.count,
    badCount: acc.badCount,
    nonFiniteCount: acc.nonFiniteCount,
    validCount: acc.validCount,
    min: any ? acc.min : null,
    max: any ? acc.max : null,
    mean: any ? acc.mean : null,
    variance: any ? (acc.validCount > 1 ? acc.m2 / (acc.validCount - 1) : 0) : null,
    last: any ? { t: acc.lastT, v: acc.lastV } : null,
    counter:
      acc.kind === 'counter'
        ? { delta: acc.delta, resets: acc.resets, rollovers: acc.rollovers }
        : null,
    stateDurationsMs: acc.kind === 'state' ? new Map(acc.durations) : null,
    quantiles: acc.kind === 'gauge' && any ? { p50, p95, p99 } : null,
    reordered: acc.reordered,
  };
}
