import fc from 'fast-check';
import {
  decodeStandInFrame,
  FrameBuilder,
  memoryOutlet,
  msgpackStandInEncoder,
  type CanonicalSample,
  type EncodedFrame,
} from '../../../edge/framing/index.ts';

const sample = fc.record({
  workCenter: fc.constantFrom('WC-1', 'WC-2', 'WC-3'),
  source: fc.constantFrom('opcua', 'uns'),
  tag: fc.nat({ max: 0xffffffff }),
  timestampMs: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  value: fc.double({ noNaN: true }),
  quality: fc.constantFrom(0, 1, 2, 3),
}) as fc.Arbitrary<CanonicalSample>;

function build(samples: readonly CanonicalSample[], maxSamples: number): EncodedFrame[] {
  const frames: EncodedFrame[] = [];
  const builder = new FrameBuilder({
    plant: 'P100',
    encoder: msgpackStandInEncoder,
    outlet: memoryOutlet((f) => frames.push(f)),
    maxSamples,
    maxAgeMs: 60_000,
  });
  for (const s of samples) builder.add(s);
  builder.flush();
  return frames;
}

describe('frame builder', () => {
  it('partitions samples per work center and source, losing and doubling none (property)', () => {
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 200 }),
        fc.integer({ min: 1, max: 50 }),
        (samples, max) => {
          const frames = build(samples, max);
          const seen: CanonicalSample[] = [];
          const lastSeq = new Map<string, number>();
          for (const { header, bytes } of frames) {
            const { columns } = decodeStandInFrame(bytes);
            expect(header.sampleCount).toBe(columns.tags.length);
            expect(header.sampleCount).toBeLessThanOrEqual(max);
            expect(header.frameSeq).toBeGreaterThan(lastSeq.get(header.source) ?? 0);
            lastSeq.set(header.source, header.frameSeq);
            for (let i = 0; i < columns.tags.length; i += 1) {
              seen.push({
                workCenter: header.workCenter,
                source: header.source,
                tag: columns.tags[i]!,
                timestampMs: columns.timestampsMs[i]!,
                value: columns.values[i]!,
                quality: columns.quality[i]! as CanonicalSample['quality'],
              });
            }
          }
          const key = (s: CanonicalSample) => `${s.workCenter}|${s.source}`;
          for (const k of new Set(samples.map(key))) {
            expect(seen.filter((s) => key(s) === k)).toEqual(samples.filter((s) => key(s) === k));
          }
          expect(seen).toHaveLength(samples.length);
        },
      ),
    );
  });

  it('fills the header from the contract: plant, columnar encoding, correlation id', () => {
    const [frame] = build(
      [{ workCenter: 'WC-1', source: 'uns', tag: 7, timestampMs: 1e12, value: 1, quality: 0 }],
      10,
    );
    expect(frame?.header).toMatchObject({
      version: 1,
      plant: 'P100',
      workCenter: 'WC-1',
      source: 'uns',
      frameSeq: 1,
      sampleCount: 1,
      encoding: 'columnar',
      correlationId: 'P100/WC-1/uns/1',
    });
  });

  it('seals a batch that waited maxAgeMs', async () => {
    const frames: EncodedFrame[] = [];
    const builder = new FrameBuilder({
      plant: 'P100',
      encoder: msgpackStandInEncoder,
      outlet: memoryOutlet((f) => frames.push(f)),
      maxAgeMs: 20,
    });
    builder.add({
      workCenter: 'WC-1',
      source: 'uns',
      tag: 1,
      timestampMs: 1,
      value: 1,
      quality: 0,
    });
    expect(frames).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(frames).toHaveLength(1);
  });
});

describe('frame builder with the native/frame codec', () => {
  it('produces frames that native/frame decodes to the same header and columns', async () => {
    const { encodeFrame, decodeFrame } = await import('../../../native/frame/index.ts');
    const frames: EncodedFrame[] = [];
    const builder = new FrameBuilder({
      plant: 'P100',
      // The wiring the lead needs: contracts' optional correlationId is `string | undefined`,
      // native's is an absent-or-string property (exactOptionalPropertyTypes).
      encoder: ({ correlationId, ...header }, columns) =>
        encodeFrame(correlationId === undefined ? header : { ...header, correlationId }, columns),
      outlet: memoryOutlet((f) => frames.push(f)),
      maxSamples: 4,
    });
    for (let i = 0; i < 10; i += 1) {
      builder.add({
        workCenter: 'WC-1',
        source: 'uns',
        tag: i % 3,
        timestampMs: 1e12 + i,
        value: i / 2,
        quality: 0,
      });
    }
    builder.flush();
    expect(frames.map((f) => f.header.sampleCount)).toEqual([4, 4, 2]);
    const decoded = frames.map((f) => decodeFrame(f.bytes));
    expect(decoded.map((d) => d.header.frameSeq)).toEqual([1, 2, 3]);
    expect(decoded.flatMap((d) => Array.from(d.columns.values))).toEqual(
      Array.from({ length: 10 }, (_, i) => i / 2),
    );
    expect(decoded[0]?.header).toMatchObject({
      plant: 'P100',
      workCenter: 'WC-1',
      source: 'uns',
      encoding: 'columnar',
    });
  });
});
