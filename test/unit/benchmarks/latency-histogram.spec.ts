// The HDR-style histogram reports percentiles within its stated precision (under 1 %
// relative error above 256 µs, exact below), whatever the values recorded.
import fc from 'fast-check';
import { LatencyHistogram } from '../../../benchmarks/lib/histogram.ts';

/** Nearest-rank percentile of the exact values: what the histogram approximates. */
function exact(values: readonly number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

describe('latency histogram', () => {
  it('reports percentiles within 1 % of the exact ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 500 }),
        fc.constantFrom(0, 50, 90, 99, 99.9, 100),
        (values, percent) => {
          const histogram = new LatencyHistogram();
          for (const value of values) histogram.record(value);
          const truth = exact(values, percent);
          const reported = histogram.percentile(percent);
          if (truth < 256) expect(reported).toBe(truth);
          else expect(Math.abs(reported - truth) / truth).toBeLessThan(0.01);
        },
      ),
    );
  });

  it('keeps count, min, max and mean exactly, and merges', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (const v of [100, 200, 300]) a.record(v);
    for (const v of [1_000_000, 5]) b.record(v);
    a.merge(b);
    expect(a.count).toBe(5);
    expect(a.minMicros).toBe(5);
    expect(a.maxMicros).toBe(1_000_000);
    expect(a.meanMicros).toBe((100 + 200 + 300 + 1_000_000 + 5) / 5);
    expect(a.percentile(100)).toBe(1_000_000);
  });

  it('clamps values beyond its range and counts them', () => {
    const histogram = new LatencyHistogram();
    histogram.record(2 ** 40);
    histogram.record(-3);
    expect(histogram.clamped).toBe(1);
    expect(histogram.maxMicros).toBe(2 ** 31 - 1);
    expect(histogram.minMicros).toBe(0);
  });

  it('summarises in milliseconds', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms += 1) histogram.recordMs(ms);
    const summary = histogram.summary();
    expect(summary.count).toBe(100);
    expect(summary.maxMs).toBe(100);
    expect(Math.abs(summary.p50Ms - 50) / 50).toBeLessThan(0.01);
    expect(Math.abs(summary.p99Ms - 99) / 99).toBeLessThan(0.01);
  });
});
