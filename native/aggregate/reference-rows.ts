// One (tag, window) row of the reference kernel and the flattening of rows into a
// PartialTable. Owns the per-sample statistics (Welford's online mean and M2: B. P. Welford,
// "Note on a method for calculating corrected sums of squares and products", 1962).
import { STRIDE, type PartialTable } from './kernel-spec.ts';

export class Row {
  count = 0;
  bad = 0;
  nonFinite = 0;
  valid = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  mean = 0;
  m2 = 0;
  firstT = Number.POSITIVE_INFINITY;
  firstV = 0;
  lastT = Number.NEGATIVE_INFINITY;
  lastV = 0;
  delta = 0;
  resets = 0;
  rollovers = 0;
  reordered = 0;
  zeroCount = 0;
  readonly positive = new Map<number, number>();
  readonly negative = new Map<number, number>();
  readonly durations = new Map<number, number>();

  constructor(
    readonly tag: number,
    readonly windowStart: number,
    readonly kind: number,
  ) {}

  /** Counts the sample; returns true when it is valid (good quality, finite value). */
  add(t: number, v: number, q: number): boolean {
    this.count++;
    if (q !== 0) {
      this.bad++;
      return false;
    }
    if (!Number.isFinite(v)) {
      this.nonFinite++;
      return false;
    }
    const n = ++this.valid;
    const d = v - this.mean;
    this.mean += d / n;
    this.m2 += d * (v - this.mean);
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (t < this.firstT) {
      this.firstT = t;
      this.firstV = v;
    }
    if (t >= this.lastT) {
      this.lastT = t;
      this.lastV = v;
    }
    return true;
  }

  addToSketch(bins: Map<number, number>, key: number): void {
    bins.set(key, (bins.get(key) ?? 0) + 1);
  }

  addDuration(code: number, ms: number): void {
    this.durations.set(code, (this.durations.get(code) ?? 0) + ms);
  }

  writeStats(out: Float64Array, at: number): void {
    out.set(
      [
        this.tag,
        this.windowStart,
        this.kind,
        this.count,
        this.bad,
        this.nonFinite,
        this.valid,
        this.min,
        this.max,
        this.mean,
        this.m2,
        this.firstT,
        this.firstV,
        this.lastT,
        this.lastV,
        this.delta,
        this.resets,
        this.rollovers,
        this.reordered,
        this.zeroCount,
      ],
      at,
    );
  }
}

interface TableExtras {
  readonly invalidTimestamps: number;
  readonly minTimestampMs: number;
  readonly maxTimestampMs: number;
}

const byKey = <T>(a: readonly [number, T], b: readonly [number, T]) => a[0] - b[0];

/** Rows sorted by (tag, windowStart); sketch bins and durations sorted within each row. */
export function emitTable(
  slots: Iterable<{ readonly tag: number; readonly windows: Map<number, Row> }>,
  extras: TableExtras,
): PartialTable {
  const rows: Row[] = [];
  for (const slot of [...slots].sort((a, b) => a.tag - b.tag))
    for (const [, row] of [...slot.windows].sort(byKey)) rows.push(row);
  const stats = new Float64Array(rows.length * STRIDE);
  const sketch: number[] = [];
  const durations: number[] = [];
  rows.forEach((row, r) => {
    row.writeStats(stats, r * STRIDE);
    for (const [key, count] of [...row.negative].sort(byKey)) sketch.push(r, -1, key, count);
    for (const [key, count] of [...row.positive].sort(byKey)) sketch.push(r, 1, key, count);
    for (const [code, ms] of [...row.durations].sort(byKey)) durations.push(r, code, ms);
  });
  return {
    rows: rows.length,
    stats,
    sketch: Float64Array.from(sketch),
    durations: Float64Array.from(durations),
    ...extras,
  };
}
