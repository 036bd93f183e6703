import {
  referenceKernel as kernel,
  WindowStore,
  type WindowOptions,
} from '../../../native/index.ts';
import { feed } from '../../support/telemetry/feed.ts';

const base: WindowOptions = {
  windowMs: 1000,
  allowedLatenessMs: 1000,
  gapMs: 10_000,
  relativeAccuracy: 0.01,
  counters: [],
  states: [],
};

describe('window semantics', () => {
  it('merges an out-of-order sample within the lateness into its own window', () => {
    const store = new WindowStore(base);
    feed(store, kernel, [
      [100, 7, 1],
      [900, 7, 3],
      [1600, 7, 10],
    ]);
    const late = feed(store, kernel, [[500, 7, 2]]); // 1100 ms late, lateness 1000: window 0 still open
    expect(late.corrections).toEqual([]);
    const { closed } = feed(store, kernel, [[3000, 7, 0]]);
    expect(closed.map((w) => w.windowStartMs)).toEqual([0, 1000]);
    expect(closed[0]?.tags[0]).toMatchObject({
      count: 3,
      min: 1,
      max: 3,
      mean: 2,
      last: { t: 900, v: 3 },
    });
    expect(closed[0]?.incomplete).toBeNull();
  });

  it('routes samples later than the lateness to corrections, counted, not dropped', () => {
    const store = new WindowStore(base);
    feed(store, kernel, [
      [100, 7, 1],
      [2500, 7, 5],
    ]); // watermark 1500: window 0 closed
    const { closed, corrections } = feed(store, kernel, [
      [200, 7, 4],
      [210, 7, 6],
    ]);
    expect(closed).toEqual([]);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({
      windowStartMs: 0,
      windowEndMs: 1000,
      aggregate: { count: 2, mean: 5 },
    });
    expect(store.counters).toMatchObject({ lateSamples: 2, correctionRows: 1, windowsClosed: 1 });
  });

  it('flags windows across a gap as incomplete and the ones before it as complete', () => {
    const store = new WindowStore(base);
    const closed = [
      ...feed(store, kernel, [
        [100, 7, 1],
        [1500, 7, 1],
        [2100, 7, 1],
      ]).closed,
      ...feed(store, kernel, [
        [30_400, 7, 1],
        [31_500, 7, 1],
      ]).closed, // 28 s without data
      ...feed(store, kernel, [[33_000, 7, 1]]).closed,
    ];
    expect(closed.map((w) => [w.windowStartMs, w.incomplete])).toEqual([
      [0, null],
      [1000, null],
      [2000, 'gap'],
      [30_000, 'gap'],
      [31_000, null],
    ]);
    expect(store.counters.incompleteWindows).toBe(2);
  });

  it('closes every open window flagged incomplete on failover', () => {
    const store = new WindowStore(base);
    feed(store, kernel, [
      [100, 7, 1],
      [1200, 7, 2],
      [1900, 8, 2],
    ]);
    const closed = store.closeAll('failover');
    expect(closed.map((w) => [w.windowStartMs, w.incomplete])).toEqual([
      [0, 'failover'],
      [1000, 'failover'],
    ]);
    expect(feed(store, kernel, [[1950, 7, 1]]).corrections).toHaveLength(1);
  });

  it('turns counter readings into deltas across rollovers and resets', () => {
    const store = new WindowStore({ ...base, counters: [{ tag: 1, modulus: 65_536 }, { tag: 2 }] });
    feed(store, kernel, [
      [0, 1, 65_530],
      [400, 1, 2],
      [800, 1, 10], // +8 over the 16-bit wrap, +8
      [0, 2, 100],
      [300, 2, 104],
      [600, 2, 3],
      [900, 2, 5], // +4, reset (+3), +2
    ]);
    const { closed } = feed(store, kernel, [[2500, 9, 0]]);
    const [good, scrap] = closed[0]?.tags ?? [];
    expect(good?.counter).toEqual({ delta: 16, resets: 0, rollovers: 1 });
    expect(scrap?.counter).toEqual({ delta: 9, resets: 1, rollovers: 0 });
  });

  it('counts a counter reading older than one already applied as reordered, keeping the total', () => {
    const store = new WindowStore({ ...base, counters: [{ tag: 1 }] });
    feed(store, kernel, [
      [100, 1, 10],
      [600, 1, 20],
    ]);
    feed(store, kernel, [[400, 1, 15]]); // late but within lateness: its increments are in 20 already
    const { closed } = feed(store, kernel, [
      [900, 1, 25],
      [2500, 9, 0],
    ]);
    expect(closed[0]?.tags[0]).toMatchObject({
      count: 4,
      reordered: 1,
      counter: { delta: 15, resets: 0 },
    });
  });

  it('splits machine-state time over the windows it spans, through long windows', () => {
    const shift = 8 * 3_600_000;
    const store = new WindowStore({
      ...base,
      windowMs: shift,
      gapMs: 600_000,
      states: [{ tag: 3 }],
    });
    // running (1) from 0, down (2) at 2 h, running again at 2.5 h; a gauge keeps data flowing.
    const samples: [number, number, number][] = [
      [0, 3, 1],
      [7_200_000, 3, 2],
      [9_000_000, 3, 1],
    ];
    for (let t = 0; t <= shift + 120_000; t += 60_000) samples.push([t, 5, 20]);
    samples.sort((a, b) => a[0] - b[0]);
    const closed = [];
    for (let i = 0; i < samples.length; i += 2)
      closed.push(...feed(store, kernel, samples.slice(i, i + 2)).closed);
    expect(closed).toHaveLength(1);
    const state = closed[0]?.tags.find((t) => t.tag === 3);
    expect(state?.stateDurationsMs).toEqual(
      new Map([
        [1, shift - 1_800_000],
        [2, 1_800_000],
      ]),
    );
  });

  it('keeps variance accurate for large values with small spread (Welford, Chan merge)', () => {
    const store = new WindowStore(base);
    const values = Array.from({ length: 1000 }, (_, i) => 1e9 + (i % 10) * 0.001);
    // Two frames, so the window merges two partial aggregates.
    feed(
      store,
      kernel,
      values.slice(0, 600).map((v, i) => [i, 7, v] as const),
    );
    feed(
      store,
      kernel,
      values.slice(600).map((v, i) => [600 + i / 2, 7, v] as const),
    );
    const { closed } = feed(store, kernel, [[5000, 8, 0]]);
    const mean = values.reduce((a, b) => a + (b - 1e9), 0) / values.length + 1e9;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    const tag = closed[0]?.tags[0];
    expect(tag?.count).toBe(1000);
    expect(Math.abs((tag?.variance ?? 0) - variance) / variance).toBeLessThan(1e-4);
  });

  it('answers p50 / p95 / p99 within the sketch relative accuracy', () => {
    const store = new WindowStore({ ...base, relativeAccuracy: 0.01 });
    const values = Array.from({ length: 2000 }, (_, i) => 0.5 + ((i * 7919) % 2000) ** 1.5 / 10);
    feed(
      store,
      kernel,
      values.map((v, i) => [i / 4, 7, v] as const),
    );
    const { closed } = feed(store, kernel, [[5000, 8, 0]]);
    const sorted = [...values].sort((a, b) => a - b);
    const exact = (q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
    const quantiles = closed[0]?.tags[0]?.quantiles;
    for (const [q, got] of [
      [0.5, quantiles?.p50],
      [0.95, quantiles?.p95],
      [0.99, quantiles?.p99],
    ] as const)
      expect(Math.abs((got ?? 0) - exact(q)) / exact(q)).toBeLessThanOrEqual(0.01);
  });

  it('keeps NaN, infinities and bad quality out of the statistics but counts them', () => {
    const store = new WindowStore(base);
    feed(store, kernel, [
      [1, 7, Number.NaN],
      [2, 7, Infinity],
      [3, 7, 4, 192],
      [4, 7, 2],
      [Number.NaN, 7, 1],
    ]);
    const { closed } = feed(store, kernel, [[3000, 8, 0]]);
    expect(closed[0]?.tags[0]).toMatchObject({
      count: 4,
      badCount: 1,
      nonFiniteCount: 2,
      validCount: 1,
      mean: 2,
      min: 2,
    });
  });
});
