// Canonical samples and the columnar shape a frame carries them in. The column shape is fixed
// by the telemetry lane (native/frame encodes it); quality 0 means good.
import type { TelemetryFrameHeader } from '../../contracts/index.ts';

export interface SampleColumns {
  timestampsMs: Float64Array;
  tags: Uint32Array;
  values: Float64Array;
  quality: Uint8Array;
}

/** Sample quality codes carried in the quality column. */
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
  /** The template source (connection) it came from: frames are numbered per source. */
  readonly source: string;
  readonly tag: number;
  /** Source timestamp (device or server), not the time the edge received it. */
  readonly timestampMs: number;
  readonly value: number;
  readonly quality: Quality;
}

/** Encodes a sealed frame; native/frame provides the real one. */
export type FrameEncoder = (header: TelemetryFrameHeader, columns: SampleColumns) => Uint8Array;

export interface EncodedFrame {
  readonly header: TelemetryFrameHeader;
  readonly bytes: Uint8Array;
}

/**
 * Where sealed frames go. The store-and-forward buffer implements it durably; `journal` keeps
 * samples of still-open frames so a crash loses none, and `seal` clears them in the same step.
 */
export interface FrameOutlet {
  /** The next frame number of a source, strictly above every number it handed out before. */
  nextSeq(source: string): number;
  /** Called once per sealed frame; the frame is safe when it returns. */
  seal(frame: EncodedFrame): void;
  journal?(sample: CanonicalSample): void;
}
