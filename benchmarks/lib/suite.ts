// The contract between a benchmark suite and the runner (benchmarks/run.ts). A suite lists
// comparisons; each comparison runs its baseline and its subjects alternately, in rounds, in
// the same process and run, so that the ratio of medians is measured under the same conditions.

export interface BenchContext {
  /** Smoke pass (CI): few, short rounds; figures are not meaningful. */
  readonly quick: boolean;
  /** `--minutes <n>`: how long a timed suite (soak) runs; undefined: the suite's default. */
  readonly minutes?: number;
  /** One line of progress for long set-ups ("starting 3 nodes..."). */
  progress(message: string): void;
}

/** A helper process (server, child node) whose CPU time is counted with a variant's own. */
export interface BenchProcess {
  readonly name: string;
  readonly pid: number;
}

/** One contender of a comparison: the baseline or a subject. */
export interface BenchVariant {
  readonly name: string;
  /** Exactly one variant per comparison is the baseline; ratios are subject / baseline. */
  readonly baseline?: boolean;
  /** Once, before the warm-up (start servers, build inputs). Not timed. */
  setup?(): Promise<void> | void;
  /** Performs `ops` operations (samples, calls, frames); timed in wall and CPU time. */
  run(ops: number): Promise<void> | void;
  /** Once, after the last round. */
  teardown?(): Promise<void> | void;
  /**
   * Other processes doing this variant's work (nats-server, a child node). The runner reads
   * their CPU time around each timed run (Linux /proc) and reports it with the variant's.
   */
  processes?(): readonly BenchProcess[];
}

export interface BenchComparison {
  readonly name: string;
  /** What one operation is, for the tables: "sample", "call", "frame". */
  readonly unit: string;
  /** Operations per timed round (the runner scales it down with --quick). */
  readonly opsPerRound: number;
  /**
   * `run(ops)` is only ever called with a multiple of this: a suite that works in whole
   * batches (frames of 10,000 samples) sets it to the batch size, so that the --quick
   * scaling rounds up to whole batches instead of counting fewer operations than were done.
   * `opsPerRound` must be a multiple of it. Default 1.
   */
  readonly opsStep?: number;
  /** Parameters shown next to the result, e.g. { batch: 1000 } (used for charts too). */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly variants: readonly BenchVariant[];
}

/**
 * Measurements that are not "ops per second of A vs B": latency percentiles under open-loop
 * load, RSS per actor, rebalance time. Each row still names its baseline where one exists.
 */
export interface BenchCustomRow {
  readonly name: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** e.g. { p50Ms: 1.2, p99Ms: 4.8, rateHz: 10000 } */
  readonly metrics: Readonly<Record<string, number>>;
  /**
   * Name of the row in the same suite that this one is compared with, if any. Where several
   * rows share that name (one per rate, say), the one with the same params is the baseline.
   */
  readonly baseline?: string;
}

export interface BenchSuite {
  /** Selected on the command line: `npm run bench -- telemetry`. */
  readonly name: string;
  readonly summary: string;
  /** Left out of `all`; runs only when named (long soak runs). */
  readonly optIn?: boolean;
  /** Once, before `comparisons` (start servers the whole suite shares). Not timed. */
  setup?(ctx: BenchContext): Promise<void> | void;
  comparisons?(ctx: BenchContext): Promise<readonly BenchComparison[]> | readonly BenchComparison[];
  custom?(ctx: BenchContext): Promise<readonly BenchCustomRow[]>;
  /** Once, after everything else, also when something failed. */
  teardown?(): Promise<void> | void;
  /** Flags the runner records with the results (native kernel active, etc.). */
  flags?(): Readonly<Record<string, string | number | boolean>>;
}
