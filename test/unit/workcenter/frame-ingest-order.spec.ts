// Frame ingest is order independent (decision 0404): frames that carry their counter and state
// base are aggregated each on its own, so the actor's totals are the machine's own counters for
// any arrival order of the frames, re-sent frames included, with no memory in the host.
import fc from 'fast-check';
import {
  carriedTagsOf,
  FrameBuilder,
  memoryOutlet,
  type CanonicalSample,
  type EncodedFrame,
} from '../../../edge/framing/index.ts';
import { decodeFrame, loadKernel } from '../../../native/index.ts';
import { DEFAULT_TAG_ROLES, FrameIngest } from '../../../services/workcenter/frame-ingest.ts';
import { plant } from '../../support/edge/index.ts';
import { Line } from '../actors/workcenter/support/line.ts';

const kernel = loadKernel({ native: true });
/** WC-ASSY-1 of the example plant: good 0, scrap 1, state 2 carried; temperature 3 is a gauge. */
const carriedTags = carriedTagsOf(plant({}));
const T0 = Date.UTC(2026, 11, 1, 6, 0);

type Step = 'good' | 'scrap' | 'reset' | 'state' | 'temperature';

/** Samples of a machine doing `steps`, and what it really made (the oracle). */
function machine(steps: readonly Step[]) {
  const samples: CanonicalSample[] = [];
  let good = 0;
  let scrap = 0;
  let made = { good: 0, scrap: 0 };
  const add = (tag: number, value: number) =>
    samples.push({
      workCenter: 'WC-ASSY-1',
      source: 'uns',
      tag,
      timestampMs: T0 + samples.length * 100,
      value,
      quality: 0,
    });
  // The first readings are the zero point of the stream.
  add(0, good);
  add(1, scrap);
  add(2, 1);
  steps.forEach((step, i) => {
    if (step === 'good') add(0, ++good);
    else if (step === 'scrap') add(1, ++scrap);
    else if (step === 'reset') add(0, (good = 0));
    else if (step === 'state') add(2, 1 + (i % 2));
    else add(3, 20 + i);
    if (step === 'good') made = { ...made, good: made.good + 1 };
    if (step === 'scrap') made = { ...made, scrap: made.scrap + 1 };
  });
  return { samples, made };
}

function framesOf(samples: readonly CanonicalSample[], maxSamples: number): EncodedFrame[] {
  const frames: EncodedFrame[] = [];
  const builder = new FrameBuilder({
    plant: 'P100',
    outlet: memoryOutlet((f) => frames.push(f)),
    carriedTags,
    maxSamples,
    maxAgeMs: 60_000,
  });
  for (const s of samples) builder.add(s);
  builder.flush();
  return frames;
}

const steps = fc.array(
  fc.constantFrom<Step>('good', 'good', 'scrap', 'reset', 'state', 'temperature'),
  {
    maxLength: 120,
  },
);

describe('frame ingest, order independent', () => {
  it('sums each frame on its own to the machine counters, in any order (property)', () => {
    const ingest = new FrameIngest(
      kernel,
      () => DEFAULT_TAG_ROLES,
      () => Promise.reject(new Error('unused')),
    );
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 20 }), fc.context(), (run, max, ctx) => {
        const { samples, made } = machine(run);
        const frames = framesOf(samples, max);
        const facts = frames.map((f) => ingest.facts(decodeFrame(f.bytes, { copy: true })));
        ctx.log(`${frames.length} frames`);
        expect(facts.reduce((sum, f) => sum + f.good, 0)).toBe(made.good);
        expect(facts.reduce((sum, f) => sum + f.scrap, 0)).toBe(made.scrap);
      }),
    );
  });

  it('gives the actor the same totals for any permutation of the frames, re-sent ones counted once (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        steps,
        fc.integer({ min: 1, max: 12 }),
        fc.infiniteStream(fc.nat()),
        async (run, max, shuffle) => {
          const { samples, made } = machine(run);
          const frames = framesOf(samples, max);
          // Any arrival order, and a re-sent copy of some frames.
          const order = frames
            .map((frame) => ({ frame, key: shuffle.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ frame }) => frame);
          const resent = order.filter((_, i) => i % 3 === 0);
          const line = new Line('P100/WC-ASSY-1');
          const ingest = new FrameIngest(
            kernel,
            () => DEFAULT_TAG_ROLES,
            (_key, message) => line.send(message),
          );
          try {
            const results = [];
            for (const frame of [...order, ...resent])
              results.push(await ingest.ingest(frame.bytes));
            const state = await line.state();
            expect({ good: state.good, scrap: state.scrap }).toEqual(made);
            expect(state.inputs).toBe(frames.length);
            expect(results.filter((r) => !r.accepted)).toHaveLength(resent.length);
            expect(state.sources['uns']).toMatchObject({ highWater: frames.length, above: [] });
          } finally {
            await line.stop();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
