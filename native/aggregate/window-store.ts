// Event-time windows of one work center: merges kernel tables into open windows, closes them
// when the watermark (latest sample time minus the allowed lateness) passes their end, routes
// rows for already-closed windows to corrections, and flags windows a gap or failover touched.
// Owns the kernel carry between frames, so frames of one work center go through it in order.
import {
  compileSpec,
  createCarry,
  type AggregationSpec,
  type CompiledSpec,
  type KernelCarry,
  type PartialTable,
} from './kernel-spec.ts';
import {
  mergeAccumulator,
  publishTagWindow,
  tableToAccumulators,
  type TagWindow,
  type TagWindowAccumulator,
} from './tag-window.ts';

export type IncompleteReason = 'gap' | 'failover' | 'shutdown';

export interface WindowOptions extends Omit<AggregationSpec, 'maxIntervalMs'> {
  /** Samples up to this much older than the newest one still land in their window. */
  readonly allowedLatenessMs: number;
  /** No sample for longer than this is a gap: windows across it are flagged incomplete. */
  readonly gapMs: number;
}

export interface ClosedWindow {
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  /** Why the window may lack data; null when it saw the stream without interruption. */
  readonly incomplete: IncompleteReason | null;
  readonly tags: readonly TagWindow[];
}

/** Aggregates of samples that arrived after their window had closed (beyond the lateness). */
export interface Correction {
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly aggregate: TagWindow;
}

export interface StoreOutput {
  readonly closed: readonly ClosedWindow[];
  readonly corrections: readonly Correction[];
}

interface Interval {
  readonly from: number;
  readonly to: number;
  readonly reason: IncompleteReason;
}

export class WindowStore {
  readonly spec: CompiledSpec;
  readonly carry: KernelCarry;
  private readonly open = new Map<number, Map<number, TagWindowAccumulator>>();
  private readonly incomplete: Interval[] = [];
  private maxEventTime = Number.NEGATIVE_INFINITY;
  private closedUpTo = Number.NEGATIVE_INFINITY;
  /** Totals since creation, for metrics. */
  readonly counters = { windowsClosed: 0, incompleteWindows: 0, lateSamples: 0, correctionRows: 0 };

  constructor(private readonly options: WindowOptions) {
    if (!(options.allowedLatenessMs >= 0)) throw new RangeError('allowedLatenessMs must be >= 0');
    if (!(options.gapMs > 0)) throw new RangeError('gapMs must be > 0');
    this.spec = compileSpec({ ...options, maxIntervalMs: options.gapMs });
    this.carry = createCarry(this.spec);
  }

  private windowOf(t: number): number {
    const { originMs, windowMs } = this.spec;
    return originMs + Math.floor((t - originMs) / windowMs) * windowMs;
  }

  /** Merges one kernel table (run with this.carry) and returns what that closed. */
  apply(table: PartialTable): StoreOutput {
    const previousMax = this.maxEventTime;
    if (
      Number.isFinite(previousMax) &&
      table.rows > 0 &&
      table.minTimestampMs - previousMax > this.options.gapMs
    ) {
      this.markIncomplete(previousMax, table.minTimestampMs, 'gap');
      this.forgetStaleStates(previousMax);
    }
    const corrections: Correction[] = [];
    for (const row of tableToAccumulators(table)) {
      if (row.windowStartMs + this.spec.windowMs <= this.closedUpTo) {
        this.counters.lateSamples += row.count;
        this.counters.correctionRows++;
        corrections.push(this.correction(row));
      } else {
        this.merge(row);
      }
    }
    this.maxEventTime = Math.max(this.maxEventTime, table.maxTimestampMs);
    const watermark = this.maxEventTime - this.options.allowedLatenessMs;
    this.advanceStates(watermark);
    return { closed: this.closeUpTo(this.windowOf(watermark)), corrections };
  }

  /** Flags every window overlapping [fromMs, toMs) incomplete (a failover's missed span). */
  markIncomplete(fromMs: number, toMs: number, reason: IncompleteReason): void {
    this.incomplete.push({ from: fromMs, to: toMs, reason });
  }

  /** Closes every open window now (failover hand-over, shutdown), flagged incomplete. */
  closeAll(reason: IncompleteReason): ClosedWindow[] {
    const starts = [...this.open.keys()];
    if (starts.length === 0) return [];
    const end = Math.max(...starts) + this.spec.windowMs;
    this.markIncomplete(Math.min(...starts), end, reason);
    return this.closeUpTo(end);
  }

  private merge(row: TagWindowAccumulator): void {
    let window = this.open.get(row.windowStartMs);
    if (window === undefined)
      this.open.set(row.windowStartMs, (window = new Map<number, TagWindowAccumulator>()));
    const existing = window.get(row.tag);
    if (existing === undefined) window.set(row.tag, row);
    else mergeAccumulator(existing, row);
  }

  /**
   * The state of each state tag holds until the next change: attribute the time from its last
   * sample up to the watermark now, so long windows (a shift) need no next sample to close.
   */
  private advanceStates(watermark: number): void {
    const { stateTags, windowMs } = this.spec;
    const pair = this.carry.states;
    for (let i = 0; i < stateTags.length; i++) {
      const from = pair[2 * i] ?? Number.NaN;
      if (Number.isNaN(from) || from >= watermark) continue;
      const code = pair[2 * i + 1] ?? 0;
      for (let w = this.windowOf(from); w < watermark; w += windowMs) {
        const ms = Math.min(w + windowMs, watermark) - Math.max(w, from);
        if (ms > 0) this.merge(stateRow(stateTags[i] ?? 0, w, code, ms));
      }
      pair[2 * i] = watermark;
    }
  }

  /** After a gap the state of a tag with no sample since is unknown until its next sample. */
  private forgetStaleStates(before: number): void {
    const pair = this.carry.states;
    for (let i = 0; i < pair.length; i += 2)
      if ((pair[i] ?? Number.NaN) <= before) pair[i] = Number.NaN;
  }

  private closeUpTo(limit: number): ClosedWindow[] {
    const closed: ClosedWindow[] = [];
    const starts = [...this.open.keys()].sort((a, b) => a - b);
    for (const start of starts) {
      const end = start + this.spec.windowMs;
      if (end > limit) break;
      const tags = [...(this.open.get(start)?.values() ?? [])].sort((a, b) => a.tag - b.tag);
      this.open.delete(start);
      const reason = this.incomplete.find((gap) => gap.from < end && gap.to > start)?.reason;
      closed.push({
        windowStartMs: start,
        windowEndMs: end,
        incomplete: reason ?? null,
        tags: tags.map((acc) => publishTagWindow(acc, this.spec.sketchMultiplier)),
      });
      this.counters.windowsClosed++;
      if (reason !== undefined) this.counters.incompleteWindows++;
    }
    this.closedUpTo = Math.max(this.closedUpTo, limit);
    const keep = this.incomplete.filter((gap) => gap.to > this.closedUpTo);
    this.incomplete.splice(0, this.incomplete.length, ...keep);
    return closed;
  }

  private correction(row: TagWindowAccumulator): Correction {
    return {
      windowStartMs: row.windowStartMs,
      windowEndMs: row.windowStartMs + this.spec.windowMs,
      aggregate: publishTagWindow(row, this.spec.sketchMultiplier),
    };
  }
}

function stateRow(
  tag: number,
  windowStartMs: number,
  code: number,
  ms: number,
): TagWindowAccumulator {
  return {
    tag,
    kind: 'state',
    windowStartMs,
    count: 0,
    badCount: 0,
    nonFiniteCount: 0,
    validCount: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    mean: 0,
    m2: 0,
    firstT: Number.POSITIVE_INFINITY,
    firstV: 0,
    lastT: Number.NEGATIVE_INFINITY,
    lastV: 0,
    delta: 0,
    resets: 0,
    rollovers: 0,
    reordered: 0,
    sketch: { positive: new Map(), negative: new Map(), zeroCount: 0 },
    durations: new Map([[code, ms]]),
  };
}
