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
  suite('scale', {
    custom: [
      { name: 'fresh node, no actor', params: { workCenters: 1000 }, metrics: { rssMb: 200 } },
      { name: '1 node', params: { workCenters: 100 }, metrics: { opsPerSec: 9_000 } },
      { name: '1 node', params: { workCenters: 1000 }, metrics: { opsPerSec: 8_000 } },
      { name: '2 nodes', params: { workCenters: 1000 }, metrics: { opsPerSec: 6_000 } },
      {
        name: '1000 actors active on 1 node',
        params: { workCenters: 1000 },
        metrics: { bytesPerActor: 4096 },
      },
      {
        name: 'node joins, moved actors answering on the new owner',
        params: { workCenters: 1000, join: '1→2' },
        metrics: { movedActors: 500, answeredMs: 1500 },
      },
    ],
  }),
  suite('drain', {
    custom: [
      { name: 'live frames, no backlog', params: {}, metrics: { liveP99Ms: 20 } },
      {
        name: 'live frames during the backlog drain',
        params: { outageS: 300, backlogFramesPerSecond: 100 },
        metrics: { drainFramesPerSec: 90, drainSamplesPerSec: 18_000, liveP99Ms: 30 },
      },
      {
        name: 'live frames during the backlog drain',
        params: { outageS: 300, backlogFramesPerSecond: 500 },
        metrics: { drainFramesPerSec: 250, drainSamplesPerSec: 50_000, liveP99Ms: 40 },
      },
    ],
  }),
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

  it('reads the scale and drain figures of the largest size and the fastest drain', () => {
    expect(text).toContain(
      '| Work-center commits/s per cluster node (each frame or tell that changes counts) | 4.00 k commits/s | [scale](../benchmarks/RESULTS.md#scale), Other measurements, row "1 node" |',
    );
    expect(text).toContain('| 6.00 k tells/s (0.750× the 1-node figure) |');
    expect(text).toContain('Against one node, 2 node processes gave 0.750× the tells/s');
    expect(text).toContain(
      '| RSS per active work-center actor on a cluster node (1,000 actors) | 4.00 KiB |',
    );
    expect(text).toContain('| 1.50 s for 500 actors |');
    expect(text).toContain(
      "| 250 frames/s, 50.0 k samples/s; live frames' p99 40.0 ms against 20.0 ms with no backlog |",
    );
    // A cluster node at one frame a second per work center: half of 8,000 commits/s.
    expect(text).toContain(
      '| 50 tags once a second: 50 samples/s | 20.0 k | not measured yet | 4.00 k |',
    );
    expect(text).not.toContain('- `scale`: ');
    expect(text).not.toContain('- `drain`: ');
  });
});
