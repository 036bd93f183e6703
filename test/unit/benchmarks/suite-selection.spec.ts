// Which suites a command line picks: by suite name, by area folder, `all` without the opt-in
// ones; an unknown name is MW_BENCH_UNKNOWN_SUITE listing the suites that exist.
import { isMillwrightError } from '../../../contracts/index.ts';
import {
  checkSuiteExport,
  selectSuites,
  suiteFiles,
  type SuiteEntry,
} from '../../../benchmarks/lib/discover.ts';
import type { BenchSuite } from '../../../benchmarks/lib/suite.ts';

const entry = (file: string, name: string, optIn = false): SuiteEntry => ({
  file,
  folder: file.split('/')[0] ?? '',
  suite: {
    name,
    summary: `${name} suite`,
    ...(optIn ? { optIn } : {}),
    comparisons: () => [],
  } satisfies BenchSuite,
});

const entries = [
  entry('ceiling/nats.bench.ts', 'ceiling'),
  entry('moleculer/calls.bench.ts', 'moleculer'),
  entry('telemetry/decode.bench.ts', 'decode'),
  entry('telemetry/aggregate.bench.ts', 'aggregate'),
  entry('soak/soak.bench.ts', 'soak', true),
];
const names = (list: readonly SuiteEntry[]) => list.map((e) => e.suite.name);

describe('suite selection', () => {
  it('runs every suite but the opt-in ones for no name or `all`', () => {
    const expected = ['ceiling', 'moleculer', 'decode', 'aggregate'];
    expect(names(selectSuites(entries, []))).toEqual(expected);
    expect(names(selectSuites(entries, ['all']))).toEqual(expected);
    expect(names(selectSuites(entries, ['all', 'soak']))).toEqual([...expected, 'soak']);
  });

  it('picks suites by name, or every suite of an area folder', () => {
    expect(names(selectSuites(entries, ['moleculer', 'soak']))).toEqual(['moleculer', 'soak']);
    expect(names(selectSuites(entries, ['telemetry']))).toEqual(['decode', 'aggregate']);
  });

  it('names the suites that exist when asked for one that does not', () => {
    let failure: unknown;
    try {
      selectSuites(entries, ['ceilings']);
    } catch (error) {
      failure = error;
    }
    expect(isMillwrightError(failure, 'MW_BENCH_UNKNOWN_SUITE')).toBe(true);
    const message = (failure as Error).message;
    expect(message).toContain('"ceilings"');
    for (const name of ['ceiling', 'moleculer', 'decode', 'aggregate', 'soak', 'all']) {
      expect(message).toContain(`  ${name} `);
    }
  });

  it('rejects a module whose `suite` export breaks the contract', () => {
    const check = (exported: unknown) => () => checkSuiteExport('x/y.bench.ts', exported);
    expect(check(undefined)).toThrow(/exports no `suite`/);
    expect(check({ name: 'Bad Name', summary: 's', comparisons: () => [] })).toThrow(/suite.name/);
    expect(check({ name: 'ok', summary: '', comparisons: () => [] })).toThrow(/summary/);
    expect(check({ name: 'ok', summary: 's' })).toThrow(/neither comparisons\(\) nor custom\(\)/);
  });

  it('finds the suite files of this repository one folder down', () => {
    const files = suiteFiles(`${process.cwd()}/benchmarks`);
    expect(files).toEqual(
      expect.arrayContaining(['ceiling/nats.bench.ts', 'moleculer/calls.bench.ts']),
    );
    expect(files.every((file) => /^[^/]+\/[^/]+\.bench\.ts$/.test(file))).toBe(true);
  });
});
