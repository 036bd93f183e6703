// Finds the suites (benchmarks/<area>/<subject>.bench.ts, each exporting `suite`) and picks
// the ones the command line names: a suite name, an area folder, or `all` (opt-in suites
// excepted). An unknown name is an error that lists what exists.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MillwrightError } from '../../contracts/index.ts';
import { SUITE_NAME } from './runner.ts';
import type { BenchSuite } from './suite.ts';

export interface SuiteEntry {
  /** Path relative to the benchmarks folder: `ceiling/nats.bench.ts`. */
  readonly file: string;
  /** The area folder: `ceiling`. */
  readonly folder: string;
  readonly suite: BenchSuite;
}

const invalid = (file: string, problem: string) =>
  new MillwrightError('MW_BENCH_INVALID_SUITE', `${file}: ${problem}`, { file, problem });

/** The `*.bench.ts` files one folder below `dir` (lib/ and results/ hold none). */
export function suiteFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((folder) => statSync(join(dir, folder)).isDirectory())
    .flatMap((folder) =>
      readdirSync(join(dir, folder))
        .filter((name) => name.endsWith('.bench.ts'))
        .map((name) => join(folder, name)),
    )
    .sort();
}

export function checkSuiteExport(file: string, exported: unknown): BenchSuite {
  if (typeof exported !== 'object' || exported === null) {
    throw invalid(file, 'exports no `suite` object');
  }
  const suite = exported as Partial<BenchSuite>;
  if (typeof suite.name !== 'string' || !SUITE_NAME.test(suite.name)) {
    throw invalid(file, 'suite.name must be lower-case letters, digits and "-"');
  }
  if (typeof suite.summary !== 'string' || suite.summary.length === 0) {
    throw invalid(file, 'suite.summary must say what the suite measures');
  }
  if (typeof suite.comparisons !== 'function' && typeof suite.custom !== 'function') {
    throw invalid(file, 'the suite has neither comparisons() nor custom()');
  }
  return suite as BenchSuite;
}

export async function loadSuite(dir: string, file: string): Promise<SuiteEntry> {
  const module = (await import(pathToFileURL(join(dir, file)).href)) as { suite?: unknown };
  return { file, folder: dirname(file), suite: checkSuiteExport(file, module.suite) };
}

export async function discoverSuites(dir: string): Promise<SuiteEntry[]> {
  const entries: SuiteEntry[] = [];
  for (const file of suiteFiles(dir)) entries.push(await loadSuite(dir, file));
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const other = seen.get(entry.suite.name);
    if (other !== undefined) {
      throw invalid(entry.file, `suite name "${entry.suite.name}" is also used by ${other}`);
    }
    seen.set(entry.suite.name, entry.file);
  }
  return entries;
}

/** What --list and the unknown-suite error show. */
export function describeSuites(entries: readonly SuiteEntry[]): string {
  return entries
    .map(
      (e) =>
        `  ${e.suite.name.padEnd(14)} ${e.suite.optIn === true ? '(opt-in) ' : ''}${e.suite.summary}`,
    )
    .join('\n');
}

/** Suites named on the command line, in discovery order; none or `all` means every non-opt-in. */
export function selectSuites(
  entries: readonly SuiteEntry[],
  names: readonly string[],
): SuiteEntry[] {
  if (names.length === 0 || names.includes('all')) {
    // `all ceiling soak` is everything plus the opt-in suites named beside it.
    const named = names.filter((name) => name !== 'all');
    const extra = named.length > 0 ? selectSuites(entries, named) : [];
    return entries.filter((e) => e.suite.optIn !== true || extra.includes(e));
  }
  const chosen = new Set<SuiteEntry>();
  for (const name of names) {
    const byName = entries.filter((e) => e.suite.name === name);
    const matches = byName.length > 0 ? byName : entries.filter((e) => e.folder === name);
    if (matches.length === 0) {
      throw new MillwrightError(
        'MW_BENCH_UNKNOWN_SUITE',
        `no benchmark suite or folder is named "${name}"; the suites are:\n${describeSuites(entries)}\n  all            every suite above except opt-in ones`,
        { name, suites: entries.map((e) => e.suite.name) },
      );
    }
    for (const match of matches) chosen.add(match);
  }
  return entries.filter((e) => chosen.has(e));
}
