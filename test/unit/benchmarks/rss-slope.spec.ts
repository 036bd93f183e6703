// The soak suite's RSS trend is a least-squares slope: exact on a straight line, the middle of
// the spread on noisy samples, and absent when there is no line to fit.
import { slope } from '../../../benchmarks/lib/stats.ts';

describe('least-squares slope', () => {
  it('is exact on a straight line (MB per hour from samples every hour)', () => {
    expect(slope([0, 1, 2, 3], [100, 110, 120, 130])).toBe(10);
  });

  it('fits through noise rather than joining the first and last sample', () => {
    // first-to-last would say 0; the fitted line rises by 0.2 per step
    expect(slope([0, 1, 2, 3, 4], [100, 104, 101, 106, 100])).toBeCloseTo(0.2, 10);
  });

  it('is NaN with fewer than two points or no spread in x', () => {
    expect(slope([1], [5])).toBeNaN();
    expect(slope([2, 2, 2], [1, 2, 3])).toBeNaN();
  });
});
