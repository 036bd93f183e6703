// A deterministic stream of frames from one work center: gauges, a good and a scrap counter
// (16-bit, wrapping), a machine-state tag, some bad quality, jitter, and a few late samples.
import { encodeFrame, type SampleColumns, type WindowOptions } from '../../../native/index.ts';

export const plantOptions: WindowOptions = {
  windowMs: 1000,
  allowedLatenessMs: 500,
  gapMs: 30_000,
  relativeAccuracy: 0.01,
  counters: [
    { tag: 100, modulus: 65_536 },
    { tag: 101, modulus: 65_536 },
  ],
  states: [{ tag: 200 }],
};

/** `frames` frames of `perFrame` samples, 1 sample per ms-ish, seeded so runs repeat. */
export function plantFrames(frames: number, perFrame: number): Uint8Array[] {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  let t = 1_700_000_000_000;
  let good = 65_400;
  let scrap = 0;
  const out: Uint8Array[] = [];
  for (let f = 0; f < frames; f++) {
    const columns: SampleColumns = {
      timestampsMs: new Float64Array(perFrame),
      tags: new Uint32Array(perFrame),
      values: new Float64Array(perFrame),
      quality: new Uint8Array(perFrame),
    };
    for (let i = 0; i < perFrame; i++) {
      t += random() * 2;
      const pick = random();
      let tag = Math.floor(random() * 8);
      let value = 50 + 10 * Math.sin(t / 1000) + random();
      if (pick < 0.05) [tag, value] = [100, (good = (good + Math.floor(random() * 3)) % 65_536)];
      else if (pick < 0.07) [tag, value] = [101, (scrap += random() < 0.3 ? 1 : 0)];
      else if (pick < 0.075) [tag, value] = [200, Math.floor(random() * 4)];
      const late = random() < 0.01 ? 700 + random() * 900 : 0; // some within, some beyond lateness
      columns.timestampsMs[i] = t - late;
      columns.tags[i] = tag;
      columns.values[i] = random() < 0.002 ? Number.NaN : value;
      columns.quality[i] = random() < 0.01 ? 64 : 0;
    }
    out.push(
      encodeFrame(
        {
          plant: 'P100',
          workCenter: 'WC-7',
          source: 'opcua-1',
          frameSeq: f,
          sealedAt: new Date(t).toISOString(),
        },
        columns,
      ),
    );
  }
  return out;
}
