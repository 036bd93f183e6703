// The runner on a tiny fake suite: what it writes (results JSON, RESULTS.md, charts) and how
// it derives the figures (ratios of medians, baseline first, machine recorded). Never speed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMillwrightError } from '../../../contracts/index.ts';
import { writeReport } from '../../../benchmarks/lib/report.ts';
import { readResults, type SuiteResult } from '../../../benchmarks/lib/results.ts';
import { runSuite } from '../../../benchmarks/lib/runner.ts';
import { median } from '../../../benchmarks/lib/stats.ts';
import type { BenchSuite, BenchVariant } from '../../../benchmarks/lib/suite.ts';
import { findBinary } from '../../../test/support/servers/index.ts';

const ROOT = process.cwd();

/** A fake suite that logs every call the runner makes, in order. */
function fakeSuite(calls: string[], overrides: Partial<BenchSuite> = {}): BenchSuite {
  const variant = (name: string, baseline: boolean, async: boolean): BenchVariant => ({
    name,
    baseline,
    setup: () => void calls.push(`setup ${name}`),
    run: (ops) => {
      calls.push(`run ${name} ${ops}`);
      let sum = 0;
      for (let i = 0; i < ops * 100; i += 1) sum += i;
      if (sum < 0) throw new Error('unreachable: keeps the loop from being optimised away');
      return async ? Promise.resolve() : undefined;
    },
    teardown: () => void calls.push(`teardown ${name}`),
  });
  return {
    name: 'fake',
    summary: 'A fake suite for the runner test.',
    setup: () => void calls.push('suite setup'),
    comparisons: () =>
      [10, 100].map((batch) => ({
        name: 'work',
        unit: 'item',
        opsPerRound: 200,
        params: { batch },
        variants: [variant('loop baseline', true, false), variant('loop subject', false, true)],
      })),
    custom: () =>
      Promise.resolve(
        [100, 200].flatMap((rateHz) => [
          { name: 'base', params: { rateHz }, metrics: { p50Ms: 1, p99Ms: 2 } },
          { name: 'other', params: { rateHz }, metrics: { p50Ms: 2, p99Ms: 6 }, baseline: 'base' },
        ]),
      ),
    teardown: () => void calls.push('suite teardown'),
    flags: () => ({ nativeKernel: false }),
    ...overrides,
  };
}

describe('benchmark runner', () => {
  let dir: string;
  let calls: string[];
  const paths = () => ({
    resultsDir: join(dir, 'results'),
    reportPath: join(dir, 'RESULTS.md'),
    chartsDir: join(dir, 'charts'),
  });
  const run = (suite: BenchSuite, quick = false, resultsDir = paths().resultsDir) =>
    runSuite(suite, { quick, root: ROOT, resultsDir, rounds: 3, warmupMs: 0 });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-bench-runner-'));
    calls = [];
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('alternates baseline and subject in rounds after one warm-up run each', async () => {
    await run(fakeSuite(calls));
    const first = calls.slice(
      calls.indexOf('suite setup') + 1,
      calls.indexOf('teardown loop subject') + 1,
    );
    expect(first).toEqual([
      'setup loop baseline',
      'setup loop subject',
      'run loop baseline 200',
      'run loop subject 200',
      'run loop baseline 200',
      'run loop subject 200',
      'run loop subject 200',
      'run loop baseline 200',
      'run loop baseline 200',
      'run loop subject 200',
      'teardown loop subject',
    ]);
    expect(calls.filter((c) => c === 'suite teardown')).toHaveLength(1);
  });

  it('writes ratios of medians, the machine and the versions to the results file', async () => {
    await run(fakeSuite(calls));
    const [result] = readResults(paths().resultsDir) as [SuiteResult];
    expect(result.suite).toBe('fake');
    expect(result.quick).toBe(false);
    expect(result.environment.cpuModel).toBe(cpus()[0]?.model.trim());
    expect(result.environment.cores).toBe(cpus().length);
    expect(result.environment.node).toBe(process.version);
    expect(result.environment.packages['msgpackr']).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof result.environment.msgpackrNative).toBe('boolean');
    if (findBinary('nats-server') !== undefined) {
      expect(result.environment.natsServer).toMatch(/\d+\.\d+\.\d+/);
    }
    expect(result.flags).toEqual({ nativeKernel: false });
    expect(result.comparisons).toHaveLength(2);
    for (const comparison of result.comparisons) {
      const [baseline, subject] = comparison.variants;
      expect(baseline?.baseline).toBe(true);
      for (const variant of comparison.variants) {
        expect(variant.samples).toHaveLength(3);
        const rates = variant.samples.map((s) => (s.ops * 1000) / s.wallMs);
        expect(variant.opsPerSecond.median).toBeCloseTo(median(rates), 6);
        expect(variant.opsPerSecond.min).toBeCloseTo(Math.min(...rates), 6);
      }
      expect(subject?.vsBaseline.opsPerSecond).toBeCloseTo(
        (subject?.opsPerSecond.median ?? 0) / (baseline?.opsPerSecond.median ?? 1),
        6,
      );
      expect(baseline?.vsBaseline.opsPerSecond).toBe(1);
      // Only the asynchronous run is measured for event-loop delay.
      expect(baseline?.eventLoopDelayP99Ms).toBeNull();
    }
    expect(result.custom).toHaveLength(4);
  });

  it('regenerates RESULTS.md with the baseline first, the ratio and the machine, and charts', async () => {
    const result = await run(fakeSuite(calls));
    writeReport(paths());
    const report = readFileSync(paths().reportPath, 'utf8');
    const comparison = result.comparisons[0];
    const subject = comparison?.variants[1];
    expect(report).toContain('do not edit');
    expect(report).toContain('## fake');
    expect(report).toContain('### work (batch 10)');
    expect(report).toContain(
      `Machine: ${result.environment.cpuModel}, ${result.environment.cores} cores`,
    );
    expect(report).toMatch(/Versions: Node v\d+.*msgpackr \d/);
    expect(report).toContain('Flags: nativeKernel = false');
    const baselineRow = report.indexOf('| **loop baseline** (baseline) |');
    const subjectRow = report.indexOf('| loop subject |');
    expect(baselineRow).toBeGreaterThan(0);
    expect(subjectRow).toBeGreaterThan(baselineRow);
    const ratio = `${(subject?.vsBaseline.opsPerSecond ?? 0).toFixed(2)}×`;
    expect(report.slice(subjectRow).split('\n')[0]).toContain(` ${ratio} `);
    // Custom rows: the baseline row first, each subject metric with its ratio.
    expect(report).toContain('| **base** (baseline) | 100 | 1.00 | 2.00 |');
    expect(report).toContain('| other | 100 | 2.00 (2.00×) | 6.00 (3.00×) |');
    for (const chart of ['fake--work--vs-batch.svg', 'fake--latency-vs-ratehz.svg']) {
      expect(report).toContain(`](charts/${chart})`);
      const svg = readFileSync(join(paths().chartsDir, chart), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    }
  });

  it('keeps quick results apart and marks them, leaving the full results as they were', async () => {
    await run(fakeSuite(calls));
    const full = readFileSync(join(paths().resultsDir, 'fake.json'), 'utf8');
    const quickDir = join(paths().resultsDir, 'quick');
    const quick = await run(fakeSuite(calls), true, quickDir);
    expect(quick.quick).toBe(true);
    expect(quick.comparisons[0]?.opsPerRound).toBe(2);
    expect(readFileSync(join(paths().resultsDir, 'fake.json'), 'utf8')).toBe(full);
    writeReport({ ...paths(), resultsDir: quickDir, reportPath: join(quickDir, 'RESULTS.md') });
    expect(readFileSync(join(quickDir, 'RESULTS.md'), 'utf8')).toContain('Quick smoke pass');
  });

  it('rounds quick operations up to whole steps, and rejects a round that is not whole steps', async () => {
    const batched = (opsPerRound: number) =>
      fakeSuite(calls, {
        custom: () => Promise.resolve([]),
        comparisons: () => [
          {
            name: 'frames',
            unit: 'sample',
            opsPerRound,
            opsStep: 1000,
            variants: [
              { name: 'a', baseline: true, run: (ops) => void calls.push(`a ${ops}`) },
              { name: 'b', run: (ops) => void calls.push(`b ${ops}`) },
            ],
          },
        ],
      });
    const quick = await run(batched(20_000), true, join(paths().resultsDir, 'quick'));
    expect(quick.comparisons[0]?.opsPerRound).toBe(1000);
    expect(calls.filter((call) => call.startsWith('a ')).every((call) => call === 'a 1000')).toBe(
      true,
    );
    const failure = await run(batched(20_500)).catch((error: unknown) => error);
    expect(isMillwrightError(failure, 'MW_BENCH_INVALID_SUITE')).toBe(true);
    expect((failure as Error).message).toContain('not a multiple of its opsStep 1000');
  });

  it('rejects a comparison without exactly one baseline, and still tears down', async () => {
    const suite = fakeSuite(calls, {
      comparisons: () => [
        {
          name: 'two baselines',
          unit: 'item',
          opsPerRound: 1,
          variants: [
            { name: 'a', baseline: true, run: () => undefined },
            { name: 'b', baseline: true, run: () => undefined },
          ],
        },
      ],
    });
    const failure = await run(suite).catch((error: unknown) => error);
    expect(isMillwrightError(failure, 'MW_BENCH_INVALID_SUITE')).toBe(true);
    expect((failure as Error).message).toContain('two baselines');
    expect(calls).toContain('suite teardown');
    expect(existsSync(join(paths().resultsDir, 'fake.json'))).toBe(false);
  });

  it('writes no results file when a variant fails, and tears every variant down', async () => {
    const suite = fakeSuite(calls, {
      comparisons: () => [
        {
          name: 'failing',
          unit: 'item',
          opsPerRound: 1,
          variants: [
            {
              name: 'ok',
              baseline: true,
              run: () => undefined,
              teardown: () => void calls.push('teardown ok'),
            },
            { name: 'broken', run: () => Promise.reject(new Error('broken on purpose')) },
          ],
        },
      ],
    });
    await expect(run(suite)).rejects.toThrow('broken on purpose');
    expect(calls).toEqual(expect.arrayContaining(['teardown ok', 'suite teardown']));
    expect(existsSync(join(paths().resultsDir, 'fake.json'))).toBe(false);
  });
});
