// Carried base readings (decision 0404): the quality flag splits them from a frame's own
// samples, and they seed a kernel carry: a fresh one (replace) or only empty tags (fill).
import {
  compileSpec,
  createCarry,
  decodeFrame,
  encodeFrame,
  isCarriedBase,
  QUALITY_CARRIED_BASE,
  seedCarry,
  splitCarriedBase,
} from '../../../native/index.ts';

const spec = compileSpec({
  windowMs: 60_000,
  maxIntervalMs: 3_600_000,
  relativeAccuracy: 0.01,
  counters: [{ tag: 0 }, { tag: 1 }],
  states: [{ tag: 2 }],
});

const columns = {
  timestampsMs: Float64Array.of(10, 11, 12, 20, 21),
  tags: Uint32Array.of(0, 2, 1, 0, 3),
  values: Float64Array.of(5, 1, 2, 7, 40.5),
  quality: Uint8Array.of(
    QUALITY_CARRIED_BASE,
    QUALITY_CARRIED_BASE,
    QUALITY_CARRIED_BASE | 2,
    0,
    3,
  ),
};

describe('carried base readings', () => {
  it('survive the codec and split from the observations, flag cleared', () => {
    const frame = encodeFrame(
      {
        plant: 'P100',
        workCenter: 'WC-1',
        source: 'uns',
        frameSeq: 1,
        sealedAt: '2026-01-01T06:00:00Z',
      },
      columns,
    );
    const { carried, observed } = splitCarriedBase(decodeFrame(frame).columns);
    expect(Array.from(carried.tags)).toEqual([0, 2, 1]);
    expect(Array.from(carried.quality)).toEqual([0, 0, 2]);
    expect(Array.from(observed.tags)).toEqual([0, 3]);
    expect(Array.from(observed.quality)).toEqual([0, 3]);
    expect(isCarriedBase(QUALITY_CARRIED_BASE | 1)).toBe(true);
    expect(isCarriedBase(3)).toBe(false);
  });

  it('seed a fresh carry with good readings only; fill leaves readings already there', () => {
    const { carried } = splitCarriedBase(columns);
    const fresh = createCarry(spec);
    seedCarry(spec, fresh, carried, 'replace');
    // counter 0 <- (10, 5); counter 1 stays empty (its base is bad); state 2 <- (11, 1)
    expect(Array.from(fresh.counters)).toEqual([10, 5, NaN, NaN]);
    expect(Array.from(fresh.states)).toEqual([11, 1]);

    const following = createCarry(spec);
    following.counters.set([15, 6]);
    seedCarry(spec, following, carried, 'fill');
    expect(Array.from(following.counters)).toEqual([15, 6, NaN, NaN]);
    expect(Array.from(following.states)).toEqual([11, 1]);
  });
});
