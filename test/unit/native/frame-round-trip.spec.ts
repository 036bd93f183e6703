import fc from 'fast-check';
import { TelemetryFrameHeader } from '../../../contracts/index.ts';
import { decodeFrame, decodeFrameHeader, encodeFrame, FrameError } from '../../../native/index.ts';
import { columnsArb, headerArb } from '../../support/telemetry/arbitraries.ts';

const sameNumber = (a: number, b: number) => Object.is(a, b) || (a === 0 && b === 0);

function expectColumnsEqual(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    if (!sameNumber(actual[i] ?? 0, expected[i] ?? 0))
      expect([i, actual[i]]).toEqual([i, expected[i]]);
}

describe('frame codec round trip', () => {
  it.each(['columnar', 'records'] as const)('decodes what it encoded (%s)', (encoding) => {
    fc.assert(
      fc.property(headerArb, columnsArb(), (input, columns) => {
        const { header, columns: out } = decodeFrame(encodeFrame(input, columns, encoding));
        expect(header).toEqual({
          ...input,
          version: 1,
          sampleCount: columns.timestampsMs.length,
          encoding,
        });
        expectColumnsEqual(out.timestampsMs, columns.timestampsMs);
        expectColumnsEqual(out.values, columns.values);
        expect(Array.from(out.tags)).toEqual(Array.from(columns.tags));
        expect(Array.from(out.quality)).toEqual(Array.from(columns.quality));
      }),
      { numRuns: 150 },
    );
  });

  it('produces headers the zod contract accepts', () => {
    fc.assert(
      fc.property(headerArb, columnsArb(20), (input, columns) => {
        const header = decodeFrameHeader(encodeFrame(input, columns));
        expect(TelemetryFrameHeader.safeParse(header).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('maps columns onto the frame memory when aligned, and copies when not', () => {
    const columns = {
      timestampsMs: Float64Array.of(1, 2, 3),
      tags: Uint32Array.of(7, 8, 9),
      values: Float64Array.of(0.5, Number.NaN, -1),
      quality: Uint8Array.of(0, 1, 0),
    };
    const header = {
      plant: 'P100',
      workCenter: 'WC1',
      source: 's',
      frameSeq: 1,
      sealedAt: '2025-01-01T00:00:00Z',
    };
    const frame = encodeFrame(header, columns);
    expect(decodeFrame(frame).columns.values.buffer).toBe(frame.buffer);
    const shifted = new Uint8Array(frame.length + 3);
    shifted.set(frame, 3);
    const unaligned = decodeFrame(shifted.subarray(3));
    expect(unaligned.columns.values.buffer).not.toBe(shifted.buffer);
    expect(Array.from(unaligned.columns.tags)).toEqual([7, 8, 9]);
    expect(decodeFrame(frame, { copy: true }).columns.values.buffer).not.toBe(frame.buffer);
  });

  it('refuses to encode columns of different lengths or an invalid header', () => {
    const header = {
      plant: 'P100',
      workCenter: 'WC1',
      source: 's',
      frameSeq: 1,
      sealedAt: '2025-01-01T00:00:00Z',
    };
    const columns = {
      timestampsMs: new Float64Array(2),
      tags: new Uint32Array(1),
      values: new Float64Array(2),
      quality: new Uint8Array(2),
    };
    expect(() => encodeFrame(header, columns)).toThrow(
      expect.objectContaining({ code: 'MW_FRAME_COUNT_MISMATCH' }) as Error,
    );
    const ok = { ...columns, tags: new Uint32Array(2) };
    expect(() => encodeFrame({ ...header, plant: 'P 100' }, ok)).toThrow(FrameError);
    expect(() => encodeFrame({ ...header, frameSeq: -1 }, ok)).toThrow(/frameSeq/);
  });
});
