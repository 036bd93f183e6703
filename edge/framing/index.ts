// Public surface of framing: canonical samples batched per work center into columnar frames.
export { FrameBuilder } from './frame-builder.ts';
export type { FrameBuilderOptions } from './frame-builder.ts';
export { memoryOutlet } from './memory-outlet.ts';
export { Quality } from './sample-columns.ts';
export type {
  CanonicalSample,
  EncodedFrame,
  FrameEncoder,
  FrameOutlet,
  SampleColumns,
} from './sample-columns.ts';
export { decodeStandInFrame, msgpackStandInEncoder } from './stand-in-encoder.ts';
