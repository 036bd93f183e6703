import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FrameStore } from '../../../edge/buffer/index.ts';
import {
  FrameBuilder,
  memoryOutlet,
  type CanonicalSample,
  type EncodedFrame,
  type FrameOutlet,
} from '../../../edge/framing/index.ts';
import { decodeFrame, QUALITY_CARRIED_BASE } from '../../../native/index.ts';
import { samplesOf } from '../../support/edge/index.ts';

const sample = fc.record({
  workCenter: fc.constantFrom('WC-1', 'WC-2', 'WC-3'),
  source: fc.constantFrom('opcua', 'uns'),
  tag: fc.nat({ max: 0xffffffff }),
  timestampMs: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  value: fc.double({ noNaN: true }),
  quality: fc.constantFrom(0, 1, 2, 3),
}) as fc.Arbitrary<CanonicalSample>;

/** Tags 0 (good) and 2 (state) are carried in every work center; tag 3 is a gauge. */
const carriedTags = () => new Set([0, 2]);

function build(samples: readonly CanonicalSample[], maxSamples: number): EncodedFrame[] {
  const frames: EncodedFrame[] = [];
  const builder = new FrameBuilder({
    plant: 'P100',
    outlet: memoryOutlet((f) => frames.push(f)),
    maxSamples,
    maxAgeMs: 60_000,
  });
  for (const s of samples) builder.add(s);
  builder.flush();
  return frames;
}

const at = (i: number) => 1_700_000_000_000 + i;
const reading = (tag: number, i: number, value: number, quality = 0): CanonicalSample =>
  ({
    workCenter: 'WC-1',
    source: 'uns',
    tag,
    timestampMs: at(i),
    value,
    quality,
  }) as CanonicalSample;

/** The carried base of a frame: [tag, time index, value] per leading sample. */
function baseOf(frame: EncodedFrame): [number, number, number][] {
  const { columns } = decodeFrame(frame.bytes, { copy: true });
  const base: [number, number, number][] = [];
  columns.quality.forEach((q, i) => {
    if (q === QUALITY_CARRIED_BASE) {
      base.push([
        columns.tags[i] ?? -1,
        (columns.timestampsMs[i] ?? 0) - at(0),
        columns.values[i] ?? Number.NaN,
      ]);
    }
  });
  return base;
}

function carryingBuilder(outlet: FrameOutlet) {
  return new FrameBuilder({ plant: 'P100', outlet, carriedTags, maxSamples: 3, maxAgeMs: 60_000 });
}

describe('frame builder', () => {
  it('partitions samples per stream, numbers each stream 1, 2, 3, loses and doubles none (property)', () => {
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 200 }),
        fc.integer({ min: 1, max: 50 }),
        (samples, max) => {
          const frames = build(samples, max);
          const lastSeq = new Map<string, number>();
          for (const { header } of frames) {
            expect(header.sampleCount).toBeLessThanOrEqual(max);
            const stream = `${header.workCenter}|${header.source}`;
            expect(header.frameSeq).toBe((lastSeq.get(stream) ?? 0) + 1);
            lastSeq.set(stream, header.frameSeq);
          }
          const seen = samplesOf(frames);
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
    expect(decodeFrame(frame?.bytes ?? new Uint8Array()).header.frameSeq).toBe(1);
  });

  it('seals a batch that waited maxAgeMs', async () => {
    const frames: EncodedFrame[] = [];
    const builder = new FrameBuilder({
      plant: 'P100',
      outlet: memoryOutlet((f) => frames.push(f)),
      maxAgeMs: 20,
    });
    builder.add(reading(1, 1, 1));
    expect(frames).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(frames).toHaveLength(1);
  });
});

describe('carried base readings', () => {
  it('opens each frame with the last sealed good reading of every counter and state tag', () => {
    const frames: EncodedFrame[] = [];
    const builder = carryingBuilder(memoryOutlet((f) => frames.push(f)));
    // frame 1: good 10, state 1, a gauge
    [reading(0, 1, 10), reading(2, 1, 1), reading(3, 1, 55.5)].forEach((s) => {
      builder.add(s);
    });
    // frame 2: good 12, a bad good reading, an older good reading (both not a base)
    [reading(0, 2, 12), reading(0, 3, 99, 2), reading(0, 0, 3)].forEach((s) => {
      builder.add(s);
    });
    // frame 3: only a gauge: still carries good and state
    builder.add(reading(3, 4, 56));
    builder.flush();
    expect(frames.map(baseOf)).toEqual([
      [],
      [
        [0, 1, 10],
        [2, 1, 1],
      ],
      [
        [0, 2, 12],
        [2, 1, 1],
      ],
    ]);
    // Observed samples are all there, unmarked, and the gauge is never carried.
    expect(samplesOf(frames).map((s) => s.value)).toEqual([10, 1, 55.5, 12, 99, 3, 56]);
    expect(frames.map((f) => f.header.sampleCount)).toEqual([3, 5, 3]);
  });

  it('keeps bases per stream: another work center of the same source starts its own', () => {
    const frames: EncodedFrame[] = [];
    const builder = carryingBuilder(memoryOutlet((f) => frames.push(f)));
    builder.add(reading(0, 1, 10));
    builder.flush();
    builder.add({ ...reading(0, 2, 4), workCenter: 'WC-2' });
    builder.add(reading(0, 3, 11));
    builder.flush();
    const wc2 = frames.find((f) => f.header.workCenter === 'WC-2');
    expect(wc2?.header.frameSeq).toBe(1);
    expect(wc2 === undefined ? undefined : baseOf(wc2)).toEqual([]);
    expect(frames.map((f) => `${f.header.workCenter}#${f.header.frameSeq}`)).toEqual([
      'WC-1#1',
      'WC-2#1',
      'WC-1#2',
    ]);
  });

  describe('through a restart of the edge (kill -9)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'mw-bases-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('restores bases and frame numbers stored with the last sealed frame', () => {
      const file = join(dir, 'buffer.db');
      const first = new FrameStore({ file });
      const before = carryingBuilder(first);
      // 2 frames sealed (good 10 then 12, state 1), 1 sample open when the process dies
      [reading(0, 1, 10), reading(2, 1, 1), reading(3, 1, 50)].forEach((s) => {
        before.add(s);
      });
      [reading(0, 2, 12), reading(3, 2, 51), reading(3, 3, 52)].forEach((s) => {
        before.add(s);
      });
      before.add(reading(0, 4, 13));
      before.close();
      first.close();

      const second = new FrameStore({ file });
      const after = carryingBuilder(second);
      for (const s of second.journaled()) after.add(s, true);
      after.add(reading(0, 5, 15));
      after.flush();
      const frames = second.frames(0, Number.MAX_SAFE_INTEGER, 10);
      expect(frames.map((f) => f.header.frameSeq)).toEqual([1, 2, 3]);
      expect(baseOf(frames[2]!)).toEqual([
        [0, 2, 12],
        [2, 1, 1],
      ]);
      expect(samplesOf(frames.slice(2)).map((s) => s.value)).toEqual([13, 15]);
      expect(second.bases().find((b) => b.tag === 0)).toMatchObject({
        timestampMs: at(5),
        value: 15,
      });
      second.close();
    });
  });
});
