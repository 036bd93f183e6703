// The results file format (benchmarks/results/<suite>.json): every round's raw figures plus
// the summaries the tables show, and the machine and versions they were measured on. The
// report and charts are regenerated from these files alone; nothing in them is typed by hand.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from './environment.ts';
import type { Spread } from './stats.ts';
import type { BenchCustomRow } from './suite.ts';

export const RESULTS_SCHEMA = 1;

/** One timed run of one variant. */
export interface RoundSample {
  readonly round: number;
  readonly ops: number;
  readonly wallMs: number;
  /** process.cpuUsage() of the benchmark process over the run, user + system. */
  readonly cpuMicros: number;
  /** CPU of the variant's helper processes over the run, where they could be read. */
  readonly helperCpuMicros?: number;
  /** Event-loop delay while an asynchronous run was in flight (absent for synchronous runs). */
  readonly eventLoopDelayMs?: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly rssBytes: number;
}

export interface VariantResult {
  readonly name: string;
  readonly baseline: boolean;
  readonly samples: readonly RoundSample[];
  readonly opsPerSecond: Spread;
  readonly wallMicrosPerOp: Spread;
  readonly cpuMicrosPerOp: Spread;
  /** This process plus helpers; equals cpuMicrosPerOp when the variant has no helpers. */
  readonly totalCpuMicrosPerOp: Spread;
  readonly helpers: readonly string[];
  readonly eventLoopDelayP99Ms: Spread | null;
  readonly peakRssBytes: number;
  /** Subject / baseline ratios of medians; 1 for the baseline itself. */
  readonly vsBaseline: { readonly opsPerSecond: number | null; readonly cpuPerOp: number | null };
}

export interface ComparisonResult {
  readonly name: string;
  readonly unit: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly opsPerRound: number;
  readonly rounds: number;
  readonly variants: readonly VariantResult[];
}

export interface SuiteResult {
  readonly schema: typeof RESULTS_SCHEMA;
  readonly suite: string;
  readonly summary: string;
  readonly quick: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly environment: Environment;
  readonly flags: Readonly<Record<string, string | number | boolean>>;
  readonly comparisons: readonly ComparisonResult[];
  readonly custom: readonly BenchCustomRow[];
}

export function resultPath(dir: string, suite: string): string {
  return join(dir, `${suite}.json`);
}

/** Writes atomically (temp file + rename): an interrupted run never leaves half a file. */
export function writeResult(dir: string, result: SuiteResult): string {
  mkdirSync(dir, { recursive: true });
  const path = resultPath(dir, result.suite);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(temp, path);
  return path;
}

/** Every results file in a folder, sorted by suite name; files of another schema are skipped. */
export function readResults(dir: string): SuiteResult[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { schema?: unknown })
    .filter((result): result is SuiteResult => result.schema === RESULTS_SCHEMA)
    .sort((a, b) => a.suite.localeCompare(b.suite));
}
