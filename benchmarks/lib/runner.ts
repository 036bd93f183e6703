// Runs suites in this process and writes one results file per suite: checks each suite
// against the contract, measures its comparisons, collects its custom rows and flags, and
// records the machine. It does not choose suites or write the report (see ../run.ts).
import { performance } from 'node:perf_hooks';
import { MillwrightError } from '../../contracts/index.ts';
import { captureEnvironment } from './environment.ts';
import { measureComparison } from './measure.ts';
import { silentProgress, type Progress } from './progress.ts';
import { RESULTS_SCHEMA, writeResult, type ComparisonResult, type SuiteResult } from './results.ts';
import type { BenchComparison, BenchContext, BenchCustomRow, BenchSuite } from './suite.ts';

export interface RunnerOptions {
  readonly quick: boolean;
  /** Repository root: package versions and the git commit are read from here. */
  readonly root: string;
  /** Where `<suite>.json` is written; undefined writes nothing. */
  readonly resultsDir?: string;
  /** Timed rounds per comparison (default 7, or 2 with quick). */
  readonly rounds?: number;
  /** Length of a timed suite (soak), from --minutes; the suite has its own default. */
  readonly minutes?: number;
  /** Minimum warm-up per variant in ms (default 500, or 0 with quick). */
  readonly warmupMs?: number;
  readonly progress?: Progress;
}

export const SUITE_NAME = /^[a-z0-9][a-z0-9-]*$/;

function invalid(suite: string, problem: string): MillwrightError {
  return new MillwrightError('MW_BENCH_INVALID_SUITE', `suite ${suite}: ${problem}`, {
    suite,
    problem,
  });
}

/** The contract rules the types cannot express. */
export function checkComparisons(suite: string, comparisons: readonly BenchComparison[]): void {
  const names = new Set<string>();
  for (const comparison of comparisons) {
    const key = `${comparison.name} ${JSON.stringify(comparison.params ?? {})}`;
    if (names.has(key)) throw invalid(suite, `comparison "${key}" is listed twice`);
    names.add(key);
    const baselines = comparison.variants.filter((variant) => variant.baseline === true);
    if (baselines.length !== 1 || comparison.variants.length < 2) {
      throw invalid(
        suite,
        `comparison "${comparison.name}" needs exactly one baseline and at least one subject ` +
          `(has ${baselines.length} baseline(s) among ${comparison.variants.length} variant(s))`,
      );
    }
    if (!(comparison.opsPerRound >= 1)) {
      throw invalid(
        suite,
        `comparison "${comparison.name}" has opsPerRound ${comparison.opsPerRound}`,
      );
    }
    const step = comparison.opsStep ?? 1;
    if (!Number.isInteger(step) || step < 1 || comparison.opsPerRound % step !== 0) {
      throw invalid(
        suite,
        `comparison "${comparison.name}" has opsPerRound ${comparison.opsPerRound}, ` +
          `not a multiple of its opsStep ${step}`,
      );
    }
  }
}

export function checkCustomRows(suite: string, rows: readonly BenchCustomRow[]): void {
  for (const row of rows) {
    if (row.baseline !== undefined && !rows.some((other) => other.name === row.baseline)) {
      throw invalid(
        suite,
        `custom row "${row.name}" names a baseline "${row.baseline}" that is not a row`,
      );
    }
  }
}

export async function runSuite(suite: BenchSuite, options: RunnerOptions): Promise<SuiteResult> {
  if (!SUITE_NAME.test(suite.name)) {
    throw invalid(suite.name, 'the name must be lower-case letters, digits and "-"');
  }
  const progress = options.progress ?? silentProgress;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const elapsed = () => {
    const s = Math.floor((performance.now() - started) / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  const say = (message: string) => {
    progress.update(`[${suite.name} ${elapsed()}] ${message}`);
  };
  const ctx: BenchContext = {
    quick: options.quick,
    ...(options.minutes === undefined ? {} : { minutes: options.minutes }),
    progress: say,
  };
  const environment = captureEnvironment(options.root);
  const comparisons: ComparisonResult[] = [];
  let custom: readonly BenchCustomRow[] = [];
  try {
    say('setting up');
    await suite.setup?.(ctx);
    const list = (await suite.comparisons?.(ctx)) ?? [];
    checkComparisons(suite.name, list);
    for (const [index, comparison] of list.entries()) {
      const label = `(${index + 1}/${list.length}) ${comparison.name}`;
      comparisons.push(
        await measureComparison(comparison, {
          quick: options.quick,
          rounds: Math.max(1, options.rounds ?? (options.quick ? 2 : 7)),
          warmupMs: options.warmupMs ?? (options.quick ? 0 : 500),
          progress: (message) => {
            say(`${label}: ${message}`);
          },
        }),
      );
    }
    if (suite.custom) {
      say('custom measurements');
      custom = await suite.custom(ctx);
      checkCustomRows(suite.name, custom);
    }
  } finally {
    say('tearing down');
    await suite.teardown?.();
    progress.done();
  }
  const result: SuiteResult = {
    schema: RESULTS_SCHEMA,
    suite: suite.name,
    summary: suite.summary,
    quick: options.quick,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    environment,
    flags: { ...suite.flags?.() },
    comparisons,
    custom,
  };
  if (options.resultsDir !== undefined) writeResult(options.resultsDir, result);
  return result;
}
