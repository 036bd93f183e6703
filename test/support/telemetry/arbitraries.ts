// fast-check generators for telemetry tests: frame headers, sample columns with the hard cases
// (NaN, infinities, bad quality, counter resets and rollovers, out-of-order timestamps).
import fc from 'fast-check';
import type { FrameHeaderInput, SampleColumns } from '../../../native/index.ts';

const code = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);

export const headerArb: fc.Arbitrary<FrameHeaderInput> = fc.record(
  {
    plant: code,
    workCenter: code,
    source: fc.string({ minLength: 1, maxLength: 40 }),
    frameSeq: fc.nat(),
    sealedAt: fc
      .integer({ min: 0, max: 4_102_444_800_000 })
      .map((ms) => new Date(ms).toISOString()),
    correlationId: fc.string({ minLength: 1, maxLength: 40 }),
  },
  { requiredKeys: ['plant', 'workCenter', 'source', 'frameSeq', 'sealedAt'] },
);

export interface SampleSpec {
  readonly tags: number;
  readonly startMs: number;
}

const valueArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 5e-324) },
  { weight: 1, arbitrary: fc.double() },
);

/** Samples over `tags` tags around a start time, jittered so some arrive out of order. */
export function columnsArb(maxLength = 300, tags = 6): fc.Arbitrary<SampleColumns> {
  const sample = fc.record({
    dt: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 400 }) },
      { weight: 1, arbitrary: fc.integer({ min: -3000, max: -1 }) }, // out of order
    ),
    tag: fc.integer({ min: 0, max: tags - 1 }),
    value: valueArb,
    quality: fc.oneof(
      { weight: 9, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 255 }) },
    ),
    badTime: fc.oneof(
      { weight: 30, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
  });
  return fc.array(sample, { maxLength }).map((samples) => {
    const n = samples.length;
    const columns: SampleColumns = {
      timestampsMs: new Float64Array(n),
      tags: new Uint32Array(n),
      values: new Float64Array(n),
      quality: new Uint8Array(n),
    };
    let t = 1_700_000_000_000;
    samples.forEach((s, i) => {
      t += s.dt;
      columns.timestampsMs[i] = s.badTime ? Number.NaN : t;
      columns.tags[i] = s.tag;
      columns.values[i] = s.value;
      columns.quality[i] = s.quality;
    });
    return columns;
  });
}

/** Counter-like values: mostly rising, with resets to small numbers and 16-bit wraps. */
export function counterValuesArb(length: number): fc.Arbitrary<number[]> {
  return fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0, max: 50 }) },
        { weight: 1, arbitrary: fc.constant(-1) },
      ),
      {
        minLength: length,
        maxLength: length,
      },
    )
    .map((steps) => {
      let v = 65_000;
      return steps.map((step) => (v = step < 0 ? 3 : (v + step) % 65_536));
    });
}

export function copyColumns(c: SampleColumns): SampleColumns {
  return {
    timestampsMs: c.timestampsMs.slice(),
    tags: c.tags.slice(),
    values: c.values.slice(),
    quality: c.quality.slice(),
  };
}
