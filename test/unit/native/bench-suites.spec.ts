// Smoke pass of the telemetry benchmark suites: they load, name a baseline per comparison and
// run one tiny round. Figures are not looked at (benchmarks/ measures, tests do not).
import { suite as codec } from '../../../benchmarks/telemetry/codec.bench.ts';
import { suite as kernels } from '../../../benchmarks/telemetry/kernels.bench.ts';
import { suite as offload } from '../../../benchmarks/telemetry/offload.bench.ts';

const ctx = { quick: true, progress: () => undefined };

describe('telemetry benchmark suites', () => {
  it.each([codec, kernels])('$name has one baseline per comparison and runs', async (suite) => {
    const comparisons = (await suite.comparisons?.(ctx)) ?? [];
    expect(comparisons.length).toBeGreaterThan(0);
    for (const comparison of comparisons) {
      expect(comparison.variants.filter((v) => v.baseline === true)).toHaveLength(1);
      for (const variant of comparison.variants)
        await variant.run(Number(comparison.params?.['batch'] ?? 1));
    }
    expect(suite.flags?.()).toMatchObject({ nativeKernel: expect.any(Boolean) as boolean });
  });

  it('names every suite under the telemetry prefix so `npm run bench -- telemetry` finds them', () => {
    expect([codec, kernels, offload].map((s) => s.name)).toEqual([
      'telemetry-codec',
      'telemetry-kernels',
      'telemetry-offload',
    ]);
  });
});
