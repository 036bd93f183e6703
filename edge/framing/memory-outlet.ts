// A FrameOutlet without storage: numbers frames in memory and hands each to a callback. For
// adapters run without store-and-forward (tests, tools); frames are lost with the process.
import type { EncodedFrame, FrameOutlet } from './sample-columns.ts';

export function memoryOutlet(onFrame: (frame: EncodedFrame) => void): FrameOutlet {
  const seqs = new Map<string, number>();
  return {
    nextSeq(source) {
      const next = (seqs.get(source) ?? 0) + 1;
      seqs.set(source, next);
      return next;
    },
    seal: onFrame,
  };
}
