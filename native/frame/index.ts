// Public surface of native/frame: the telemetry frame codec (docs/frames.md).
export { encodeFrame, decodeFrame, decodeFrameHeader } from './frame-codec.ts';
export type { DecodeOptions, FrameHeaderInput } from './frame-codec.ts';
export {
  allocateColumns,
  COLUMNAR_BYTES_PER_SAMPLE,
  FRAME_MAGIC,
  FRAME_VERSION,
  MAX_SAMPLES_PER_FRAME,
} from './frame-types.ts';
export type {
  DecodedFrame,
  FrameEncoding,
  FrameHeader,
  SampleColumns,
  SampleRecord,
} from './frame-types.ts';
export { isCarriedBase, QUALITY_CARRIED_BASE, splitCarriedBase } from './carried-base.ts';
export type { SplitColumns } from './carried-base.ts';
