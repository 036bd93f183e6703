// A FrameOutlet without storage: numbers frames per stream and keeps base readings in memory,
// and hands each frame to a callback. For adapters run without store-and-forward (tests,
// tools); frames, numbers and bases are lost with the process.
import type { BaseReading, EncodedFrame, FrameOutlet } from './sample-columns.ts';
import { streamKey } from './stream-bases.ts';

export function memoryOutlet(onFrame: (frame: EncodedFrame) => void): FrameOutlet {
  const seqs = new Map<string, number>();
  const bases = new Map<string, BaseReading>();
  return {
    nextSeq: (workCenter, source) => (seqs.get(streamKey(workCenter, source)) ?? 0) + 1,
    seal(frame, changed) {
      seqs.set(streamKey(frame.header.workCenter, frame.header.source), frame.header.frameSeq);
      for (const b of changed) bases.set(`${streamKey(b.workCenter, b.source)}\u0000${b.tag}`, b);
      onFrame(frame);
    },
    bases: () => [...bases.values()],
  };
}
