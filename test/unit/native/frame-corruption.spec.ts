import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { crc32 } from 'node:zlib';
import { decodeFrame, encodeFrame, FRAME_ERROR_CODES, FrameError } from '../../../native/index.ts';
import { columnsArb, headerArb } from '../../support/telemetry/arbitraries.ts';

const encodingArb = fc.constantFrom('columnar' as const, 'records' as const);
const frameArb = fc
  .tuple(headerArb, columnsArb(60), encodingArb)
  .map(([header, columns, encoding]) => encodeFrame(header, columns, encoding));

/** Decoding must throw a FrameError with a catalogue code: never crash, never return. */
function expectRefused(bytes: Uint8Array): string {
  try {
    decodeFrame(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError);
    const { code } = error as FrameError;
    expect(FRAME_ERROR_CODES).toContain(code);
    return code;
  }
  throw new Error('a corrupted frame was accepted');
}

function reseal(frame: Uint8Array): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  view.setUint32(frame.length - 4, crc32(frame.subarray(0, frame.length - 5)));
  return frame;
}

describe('frame corruption', () => {
  it('refuses every truncation with MW_FRAME_TRUNCATED or a sibling code', () => {
    fc.assert(
      fc.property(frameArb, fc.nat(), (frame, cut) => {
        expectRefused(frame.subarray(0, cut % frame.length));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any one to three flipped bits', () => {
    fc.assert(
      fc.property(frameArb, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (frame, flips) => {
        const bits = [...new Set(flips.map((f) => f % (frame.length * 8)))];
        for (const bit of bits) frame[bit >> 3] = (frame[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        expectRefused(frame);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses random bytes and bytes appended after a frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expectRefused(bytes);
      }),
    );
    fc.assert(
      fc.property(frameArb, fc.uint8Array({ minLength: 1, maxLength: 8 }), (frame, tail) => {
        const longer = new Uint8Array(frame.length + tail.length);
        longer.set(frame);
        longer.set(tail, frame.length);
        expectRefused(longer);
      }),
    );
  });

  it('refuses a correctly sealed frame whose header count is wrong with MW_FRAME_COUNT_MISMATCH', () => {
    fc.assert(
      fc.property(
        headerArb,
        columnsArb(40),
        encodingArb,
        fc.integer({ min: 1, max: 5 }),
        (header, columns, encoding, extra) => {
          // Build a frame with a lying header by encoding more samples and swapping the body.
          const honest = encodeFrame(header, columns, encoding);
          const n = columns.timestampsMs.length;
          const packed = new Packr({ useRecords: false }).pack({
            ...header,
            version: 1,
            sampleCount: n + extra,
            encoding,
          });
          const liar = encodeFrame({ ...header }, columns, encoding);
          const headerAt = 7 + (liar[7] === 0xc4 ? 2 : 3);
          const oldLength = liar[7] === 0xc4 ? liar[8] : 0;
          if (packed.length !== oldLength) return; // keep the layout: only same-length headers
          liar.set(packed, headerAt);
          expect(expectRefused(reseal(liar))).toBe('MW_FRAME_COUNT_MISMATCH');
          expect(decodeFrame(honest).header.sampleCount).toBe(n);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the failure precisely for the common cases', () => {
    const header = {
      plant: 'P100',
      workCenter: 'WC1',
      source: 's',
      frameSeq: 1,
      sealedAt: '2025-01-01T00:00:00Z',
    };
    const columns = {
      timestampsMs: Float64Array.of(1),
      tags: Uint32Array.of(1),
      values: Float64Array.of(1),
      quality: Uint8Array.of(0),
    };
    const frame = encodeFrame(header, columns);
    expect(expectRefused(frame.subarray(0, frame.length - 1))).toBe('MW_FRAME_TRUNCATED');
    expect(expectRefused(Uint8Array.from(JSON.stringify(columns), (c) => c.charCodeAt(0)))).toBe(
      'MW_FRAME_BAD_MAGIC',
    );
    const v2 = frame.slice();
    v2[6] = 2;
    expect(expectRefused(v2)).toBe('MW_FRAME_UNSUPPORTED_VERSION');
    const flipped = frame.slice();
    flipped[frame.length - 10] = (flipped[frame.length - 10] ?? 0) ^ 1;
    expect(expectRefused(flipped)).toBe('MW_FRAME_CHECKSUM');
  });
});
