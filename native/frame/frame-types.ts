// The shapes of a telemetry frame as native/ sees them. The header mirrors
// contracts/telemetry-frame.ts (TelemetryFrameHeader) field for field; native/ cannot import
// zod, so frame-header.ts checks it by hand and the boundary may re-check it with the contract.

/** Wire magic: the ASCII bytes "MWTF" (Millwright telemetry frame). */
export const FRAME_MAGIC = 'MWTF';
/** Equal to FRAME_FORMAT_VERSION in contracts/telemetry-frame.ts. */
export const FRAME_VERSION = 1;
/** Same bound as the contract's sampleCount. */
export const MAX_SAMPLES_PER_FRAME = 1_000_000;

export type FrameEncoding = 'columnar' | 'records';

export interface FrameHeader {
  readonly version: typeof FRAME_VERSION;
  readonly plant: string;
  readonly workCenter: string;
  readonly source: string;
  /** Per stream (work center, source): 1, 2, 3, ...; the actor de-duplicates re-sent frames by it. */
  readonly frameSeq: number;
  readonly sampleCount: number;
  readonly encoding: FrameEncoding;
  /** ISO 8601 time the edge closed the frame; samples carry their own timestamps. */
  readonly sealedAt: string;
  readonly correlationId?: string;
}

/**
 * Samples as four parallel columns, index i being one sample. Timestamps are epoch
 * milliseconds (fractions allowed), tags are indices into the edge's tag table, quality is
 * 0 for good and any other code for bad or uncertain.
 */
export interface SampleColumns {
  timestampsMs: Float64Array;
  tags: Uint32Array;
  values: Float64Array;
  quality: Uint8Array;
}

/** One sample as the record encoding carries it (small frames, hand-written tools). */
export interface SampleRecord {
  readonly t: number;
  readonly tag: number;
  readonly v: number;
  readonly q: number;
}

export interface DecodedFrame {
  readonly header: FrameHeader;
  /** Views into the frame bytes when they were 8-byte aligned, else one aligned copy. */
  readonly columns: SampleColumns;
}

/** Bytes per sample in the columnar body: f64 time + f64 value + u32 tag + u8 quality. */
export const COLUMNAR_BYTES_PER_SAMPLE = 8 + 8 + 4 + 1;

export function allocateColumns(count: number): SampleColumns {
  return {
    timestampsMs: new Float64Array(count),
    tags: new Uint32Array(count),
    values: new Float64Array(count),
    quality: new Uint8Array(count),
  };
}
