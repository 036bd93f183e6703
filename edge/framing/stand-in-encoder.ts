// STAND-IN ONLY: msgpackr `pack({ header, columns })` until native/frame's codec is wired in.
// Used by tests and the simulator; the lead replaces it with the real columnar encoder.
// Columns travel as raw little-endian bytes; the decoder below rebuilds the typed arrays.
import { pack, unpack } from 'msgpackr';
import type { TelemetryFrameHeader } from '../../contracts/index.ts';
import type { FrameEncoder, SampleColumns } from './sample-columns.ts';

/** Raw bytes of a column as a Node Buffer: msgpackr recognises typed arrays by realm. */
const bytesOf = (column: ArrayBufferView): Buffer =>
  Buffer.from(column.buffer, column.byteOffset, column.byteLength);

export const msgpackStandInEncoder: FrameEncoder = (header, columns) =>
  pack({
    header,
    columns: {
      timestampsMs: bytesOf(columns.timestampsMs),
      tags: bytesOf(columns.tags),
      values: bytesOf(columns.values),
      quality: bytesOf(columns.quality),
    },
  });

/** Copies the bytes to a fresh (aligned) buffer: a view into a larger Buffer may be unaligned. */
function aligned(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Reverse of the stand-in, for tests and the simulator's oracle checks. */
export function decodeStandInFrame(bytes: Uint8Array): {
  header: TelemetryFrameHeader;
  columns: SampleColumns;
} {
  const raw = unpack(bytes) as {
    header: TelemetryFrameHeader;
    columns: Record<keyof SampleColumns, Uint8Array>;
  };
  return {
    header: raw.header,
    columns: {
      timestampsMs: new Float64Array(aligned(raw.columns.timestampsMs)),
      tags: new Uint32Array(aligned(raw.columns.tags)),
      values: new Float64Array(aligned(raw.columns.values)),
      quality: new Uint8Array(aligned(raw.columns.quality)),
    },
  };
}
