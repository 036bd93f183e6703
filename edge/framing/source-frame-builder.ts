// The frame builder of one template source, as every adapter needs it: the plant's code, the
// counter and state tags whose last readings lead each frame (decision 0404), the outlet that
// numbers and keeps frames, and the adapter's batching limits.
import type { PlantModel } from '../template/index.ts';
import { carriedTagsOf } from './carried-tags.ts';
import { FrameBuilder } from './frame-builder.ts';
import type { FrameOutlet } from './sample-columns.ts';

export interface SourceFraming {
  readonly model: PlantModel;
  readonly outlet: FrameOutlet;
  readonly framing?: { readonly maxSamples?: number; readonly maxAgeMs?: number };
}

export function sourceFrameBuilder({ model, outlet, framing }: SourceFraming): FrameBuilder {
  return new FrameBuilder({
    plant: model.plant,
    carriedTags: carriedTagsOf(model),
    outlet,
    ...framing,
  });
}
