// Public surface of framing: canonical samples batched per stream (work center, source) into
// columnar frames that carry their counter and state base (decision 0404).
export { carriedTagsOf, noCarriedTags } from './carried-tags.ts';
export type { CarriedTags } from './carried-tags.ts';
export { FrameBuilder } from './frame-builder.ts';
export type { FrameBuilderOptions } from './frame-builder.ts';
export { sourceFrameBuilder } from './source-frame-builder.ts';
export type { SourceFraming } from './source-frame-builder.ts';
export { memoryOutlet } from './memory-outlet.ts';
export { Quality } from './sample-columns.ts';
export type {
  BaseReading,
  CanonicalSample,
  EncodedFrame,
  FrameOutlet,
  SampleColumns,
} from './sample-columns.ts';
