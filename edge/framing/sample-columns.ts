// Canonical samples, the columnar shape a frame carries them in, and the outlet sealed frames
// leave through. The column shape is fixed by the telemetry lane (native/frame encodes it);
// quality 0 means good.
import type { TelemetryFrameHeader } from '../../contracts/index.ts';

export interface SampleColumns {
  timestampsMs: Float64Array;
  tags: Uint32Array;
  values: Float64Array;
  quality: Uint8Array;
}

/**
 * Sample quality codes carried in the quality column. The bit 0x80 (native/frame's
 * QUALITY_CARRIED_BASE) marks a frame's carried base readings; adapters never set it.
 */
export const Quality = {
  good: 0,
  uncertain: 1,
  bad: 2,
  /** The source is gone (Sparkplug death, lost session): the last value is no longer current. */
  stale: 3,
} as const;
export type Quality = (typeof Quality)[keyof typeof Quality];

/** One mapped value of one signal, as an adapter hands it to the frame builder. */
export interface CanonicalSample {
  readonly workCenter: string;
  /** The template source (connection) it came from: frames are numbered per (work center, source). */
  readonly source: string;
  readonly tag: number;
  /** Source timestamp (device or server), not the time the edge received it. */
  readonly timestampMs: number;
  readonly value: number;
  readonly quality: Quality;
}

/**
 * The last sealed good reading of a counter or state tag of a stream: what the stream's next
 * frame carries as its base (decision 0404), with its original timestamp.
 */
export interface BaseReading {
  readonly workCenter: string;
  readonly source: string;
  readonly tag: number;
  readonly timestampMs: number;
  readonly value: number;
}

export interface EncodedFrame {
  readonly header: TelemetryFrameHeader;
  readonly bytes: Uint8Array;
}

/**
 * Where sealed frames go. The store-and-forward buffer implements it durably; `journal` keeps
 * samples of still-open frames so a crash loses none, and `seal` clears them in the same step.
 */
export interface FrameOutlet {
  /**
   * The number the next frame of the stream (work center, source) gets: one above the last
   * sealed one, so numbers are dense (1, 2, 3, ...). It is taken only when `seal` stores it.
   */
  nextSeq(workCenter: string, source: string): number;
  /**
   * Called once per sealed frame with the stream's base readings that this frame changed; the
   * frame, its number and those readings are safe together when it returns.
   */
  seal(frame: EncodedFrame, bases: readonly BaseReading[]): void;
  journal?(sample: CanonicalSample): void;
  /** Base readings stored by earlier processes, restored into a new builder. */
  bases?(): readonly BaseReading[];
}
