// The columnar body (docs/frames.md, "Columnar body"): four little-endian columns back to
// back, f64 timestamps, f64 values, u32 tags, u8 quality. The encoder puts the block on an
// 8-byte boundary so a receiver maps typed arrays onto the frame's own memory; it copies only
// when the frame itself sits at an unaligned address.
import { endianness } from 'node:os';
import { FrameError } from '../native-error.ts';
import { COLUMNAR_BYTES_PER_SAMPLE, type SampleColumns } from './frame-types.ts';

// Typed arrays use the host's byte order; every platform Node supports in tier 1 is
// little-endian. Refuse to load elsewhere rather than decode garbage.
if (endianness() !== 'LE') throw new Error('native/frame needs a little-endian host');

export function columnarBodyLength(count: number): number {
  return count * COLUMNAR_BYTES_PER_SAMPLE;
}

/** Writes the columns into `frame` at `offset` (8-byte aligned by the layout). */
export function writeColumnarBody(
  frame: Uint8Array,
  offset: number,
  columns: SampleColumns,
  count: number,
): void {
  const base = frame.byteOffset + offset;
  new Float64Array(frame.buffer, base, count).set(columns.timestampsMs);
  new Float64Array(frame.buffer, base + 8 * count, count).set(columns.values);
  new Uint32Array(frame.buffer, base + 16 * count, count).set(columns.tags);
  new Uint8Array(frame.buffer, base + 20 * count, count).set(columns.quality);
}

/**
 * Columns over the body. `length` was bounds-checked by the envelope; here it must match the
 * header's sample count exactly before any view is made.
 */
export function readColumnarBody(
  bytes: Uint8Array,
  offset: number,
  length: number,
  count: number,
  copy: boolean,
): SampleColumns {
  if (length !== columnarBodyLength(count))
    throw new FrameError(
      'MW_FRAME_COUNT_MISMATCH',
      `columnar body has ${length} bytes; ${count} samples need ${columnarBodyLength(count)}`,
      { bodyBytes: length, sampleCount: count },
    );
  let buffer: ArrayBufferLike = bytes.buffer;
  let base = bytes.byteOffset + offset;
  if (copy || base % 8 !== 0) {
    // One aligned copy of the block (Float64Array needs an offset that is a multiple of 8).
    const block = new Uint8Array(length);
    block.set(bytes.subarray(offset, offset + length));
    buffer = block.buffer;
    base = 0;
  }
  return {
    timestampsMs: new Float64Array(buffer, base, count),
    values: new Float64Array(buffer, base + 8 * count, count),
    tags: new Uint32Array(buffer, base + 16 * count, count),
    quality: new Uint8Array(buffer, base + 20 * count, count),
  };
}
