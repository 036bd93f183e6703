// The dashboard's metrics summary: which registry entries feed which figure, failures grouped
// by MW_* code across counters and nodes, and rates that refuse to invent a value.
import fc from 'fast-check';
import {
  ratePerSecond,
  SnapshotBuilder,
  totalsOf,
  type Collected,
  type MetricSnapshot,
} from '../../../services/dashboard/index.ts';

const counter = (name: string, ...values: [Record<string, string>, number][]): MetricSnapshot => ({
  name,
  type: 'counter',
  values: values.map(([labels, value]) => ({ labels, value })),
});

describe('metrics summary', () => {
  it('sums failures by code over dead letters and retries of every node', () => {
    const totals = totalsOf([
      counter('mw.erp.deadlettered.total', [{ code: 'MW_ERP_REJECTED' }, 2]),
      counter('mw.erp.retries.total', [{ code: 'MW_ERP_UNAVAILABLE' }, 5], [{ code: '' }, 9]),
      counter('mw.erp.deadlettered.total', [{ code: 'MW_ERP_REJECTED' }, 1]),
      counter('mw.erp.postings.total', [{ type: 'a' }, 3], [{ type: 'b' }, 4]),
    ]);
    expect(totals.failuresByCode).toEqual({ MW_ERP_REJECTED: 3, MW_ERP_UNAVAILABLE: 5 });
    expect(totals.postings).toBe(7);
  });

  it('says null, not zero, for figures no node reports', () => {
    const totals = totalsOf([counter('mw.erp.postings.total')]);
    expect(totals).toMatchObject({ samples: null, bufferedFrames: null, laneDepth: null });
    expect(totals.postings).toBe(0);
  });

  it('picks up edge and lane metrics by name pattern', () => {
    const totals = totalsOf([
      counter('mw.edge.samples.total', [{}, 10]),
      { name: 'mw.edge.frames.buffered', type: 'gauge', values: [{ labels: {}, value: 4 }] },
      { name: 'mw.lane.consumer.lag', type: 'gauge', values: [{ labels: {}, value: 2 }] },
    ]);
    expect(totals).toMatchObject({ samples: 10, bufferedFrames: 4, laneDepth: 2 });
  });

  it('rates are the per-second difference, and null after a reset or without a start', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), fc.integer({ min: 1, max: 1e6 }), (a, d, ms) => {
        expect(ratePerSecond(a, a + d, ms)).toBeCloseTo((d * 1000) / ms, 6);
      }),
    );
    expect(ratePerSecond(5, 4, 1000)).toBeNull();
    expect(ratePerSecond(undefined, 4, 1000)).toBeNull();
    expect(ratePerSecond(1, 4, 0)).toBeNull();
  });
});

describe('snapshot builder', () => {
  const collected = (posted: number): Collected => ({
    nodes: [],
    actors: { available: false, reason: 'not available on this node: no node runs x' },
    erp: { available: true, stats: { posted, duplicates: 0 }, deadLetters: [] },
    metrics: [],
    metricsNodes: 0,
    oeeAvailable: true,
  });

  it('charts the posting rate from the connector counters and keeps the newest OEE', () => {
    const builder = new SnapshotBuilder();
    builder.build(collected(0), 'n1', 1_000);
    builder.recordOee({ plant: 'P1', workCenter: 'WC-1', oee: 0.5, date: 'd', shift: 'early' });
    builder.recordOee({ plant: 'P1', workCenter: 'WC-1', oee: 0.6, date: 'd', shift: 'early' });
    builder.recordOee({ plant: 'P1' });
    const snapshot = builder.build(collected(10), 'n1', 3_000);
    expect(snapshot.metrics.postingsPerSecond).toBe(5);
    expect(snapshot.metrics.history).toEqual([{ at: 3_000, postingsPerSecond: 5 }]);
    expect(snapshot.oee).toMatchObject({
      available: true,
      rows: [{ workCenter: 'WC-1', oee: 0.6 }],
    });
  });
});
