// Run in a child process by reference-fallback.spec.ts: aggregates the plant frames with the
// kernel the configuration selects (MILLWRIGHT_NATIVE) and prints which kernel ran and the
// closed windows, so the parent can compare them with its own reference run.
import { decodeFrame, WindowStore } from '../../../native/index.ts';
import { loadConfig, telemetryKernel } from '../../../services/platform/index.ts';
import { plantFrames, plantOptions } from './plant-frames.ts';

const kernel = telemetryKernel(loadConfig());
const store = new WindowStore(plantOptions);
const closed = plantFrames(20, 300).flatMap((frame) => {
  const { columns } = decodeFrame(frame);
  return store.apply(kernel.aggregate(columns, store.spec, store.carry)).closed;
});
process.stdout.write(
  JSON.stringify({
    native: kernel.native,
    reason: kernel.reason,
    windows: closed.map((w) =>
      w.tags.map((t) => [t.tag, t.count, t.mean, t.counter?.delta ?? null]),
    ),
  }),
);
