// docs/sizing.md from results files: each figure is read from its suite's row and cites it,
// the add-a-node line is the planning share of it, quick results are ignored, and what has no
// results is listed as not measured rather than left out or invented.
import { HEADROOM, renderSizing } from '../../../benchmarks/lib/sizing.ts';
import type { SuiteResult, VariantResult } from '../../../benchmarks/lib/results.ts';
import type { BenchCustomRow } from '../../../benchmarks/lib/suite.ts';

const environment = {
  cpuModel: 'Test CPU',
  cores: 2,
  memoryBytes: 8 * 2 ** 30,
  loadAverage: 0,
  os: 'linux',
  node: 'v20.0.0',
  v8: '11',
  packages: {},
  natsServer: null,
  msgpackrNative: true,
  nativeAddonBuilt: true,
  gitCommit: null,
  gitDirty: null,
};

function suite(name: string, parts: Partial<SuiteResult> = {}): SuiteResult {
  return {
    schema: 1,
    suite: name,
    summary: name,
    quick: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1000,
    environment,
    flags: {},
    comparisons: [],
    custom: [],
    ...parts,
  };
}

function variant(name: string, opsPerSecond: number, cpuMicros: number, baseline = false) {
  const spread = (v: number) => ({ median: v, min: v, max: v });
  const result: VariantResult = {
    name,
    baseline,
    samples: [],
    opsPerSecond: spread(opsPerSecond),
    wallMicrosPerOp: spread(1e6 / opsPerSecond),
    cpuMicrosPerOp: spread(cpuMicros),
    totalCpuMicrosPerOp: spread(cpuMicros),
    helpers: [],
    eventLoopDelayP99Ms: null,
    peakRssBytes: 0,
    vsBaseline: { opsPerSecond: null, cpuPerOp: null },
  };
  return result;
}

const offloadRow: BenchCustomRow = {
  name: 'main thread',
  params: { frames: 400 },
  metrics: { samplesPerSec: 2_000_000 },
};
const results = [
  suite('telemetry-offload', { custom: [offloadRow] }),
  suite('peer-node-red', {
    comparisons: [
      {
        name: 'burst of UNS counter samples to posted confirmations',
        unit: 'sample',
        params: { workCenters: 50 },
        opsPerRound: 1,
        rounds: 1,
        variants: [
          variant('Node-RED flow', 10_000, 40, true),
          variant('Millwright, 20 ms frames', 30_000, 10),
        ],
      },
    ],
  }),
  suite('connectors', { quick: true }),
];

describe('sizing guide', () => {
  const text = renderSizing(results, '../benchmarks/RESULTS.md');

  it('shows each figure with the suite, table and row it comes from', () => {
    expect(text).toContain(
      '| Samples from frames, one thread (decode, native kernel, window store) | 2.00 M samples/s | [telemetry-offload](../benchmarks/RESULTS.md#telemetry-offload), Other measurements, row "main thread" |',
    );
    expect(text).toContain(
      '100 k samples per CPU-second | [peer-node-red](../benchmarks/RESULTS.md#peer-node-red), burst of UNS counter samples to posted confirmations (workCenters 50), row "Millwright, 20 ms frames" |',
    );
    expect(text).toContain('Millwright handled 4.00× the samples per');
    expect(text).toContain(
      '- Test CPU, 2 cores, 8.00 GiB RAM, Node v20.0.0: telemetry-offload, peer-node-red',
    );
  });

  it('puts the add-a-node line at the planning share of the figure', () => {
    expect(HEADROOM).toBe(0.5);
    expect(text).toContain('| Samples/s arriving as frames (one thread) | 1.00 M samples/s |');
    // 50 tags once a second = 50 samples/s per work center: 1,000,000 / 50.
    expect(text).toContain('| 50 tags once a second: 50 samples/s | 20.0 k |');
  });

  it('lists what has no full results as not measured, quick results included', () => {
    expect(text).toContain(
      '| ERP postings through the connector, embedded (SQLite lane and ledger) | not measured yet | - |',
    );
    expect(text).toContain('- `e2e`: ');
    expect(text).not.toContain('connectors](');
  });
});
