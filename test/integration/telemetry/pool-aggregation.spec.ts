import {
  decodeFrame,
  encodeFrame,
  FrameError,
  QUALITY_CARRIED_BASE,
  PoolError,
  referenceKernel,
  TelemetryPool,
  WindowStore,
  type StoreOutput,
} from '../../../native/index.ts';
import { loadConfig } from '../../../services/platform/index.ts';
import { KERNEL_TOLERANCE } from '../../support/telemetry/tables.ts';
import { plantFrames, plantOptions } from '../../support/telemetry/plant-frames.ts';

const native = loadConfig(process.env).nativeKernel; // MILLWRIGHT_NATIVE=0: reference in workers
const frames = plantFrames(40, 400);

/** Deep equality with floats compared within the kernel tolerance. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Object.is(actual, expected)) return;
    const scale = Math.max(Math.abs(actual), Math.abs(expected), 1);
    if (Math.abs(actual - expected) > KERNEL_TOLERANCE * scale)
      expect([path, actual]).toEqual([path, expected]);
    return;
  }
  if (expected instanceof Map) {
    expectClose(actual instanceof Map ? [...actual] : actual, [...expected], path);
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual).toBe('object');
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort()).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectClose(a[key], e[key], `${path}.${key}`);
    return;
  }
  expect(actual).toEqual(expected);
}

function singleThreaded(): StoreOutput[] {
  const store = new WindowStore(plantOptions);
  return frames.map((frame) => {
    const { columns } = decodeFrame(frame.slice());
    return store.apply(referenceKernel(columns, store.spec, store.carry));
  });
}

describe('aggregation pool', () => {
  const expected = singleThreaded();

  it('has closed windows, corrections and every tag kind in the reference run', () => {
    const closed = expected.flatMap((o) => o.closed);
    expect(closed.length).toBeGreaterThan(10);
    expect(expected.flatMap((o) => o.corrections).length).toBeGreaterThan(0);
    const kinds = new Set(closed.flatMap((w) => w.tags.map((t) => t.kind)));
    expect([...kinds].sort()).toEqual(['counter', 'gauge', 'state']);
  });

  it.each([1, 2])('gives the single-threaded aggregates with %i thread(s)', async (threads) => {
    const pool = new TelemetryPool({ threads, maxQueue: 4, native });
    const store = new WindowStore(plantOptions);
    try {
      // Submitted all at once: the pool keeps one store's frames in order.
      const results = await Promise.all(
        frames.map((frame) => pool.aggregate(frame.slice(), store)),
      );
      expect(new Set(results.map((r) => r.kernel))).toEqual(
        new Set([native ? 'native' : 'reference']),
      );
      expect(results.map((r) => r.header.frameSeq)).toEqual(frames.map((_, i) => i));
      expectClose(
        results.map(({ closed, corrections }) => ({ closed, corrections })),
        expected.map(({ closed, corrections }) => ({ closed, corrections })),
      );
    } finally {
      await pool.close();
    }
  });

  it('moves an owned frame buffer to the worker and copies a pooled one', async () => {
    const pool = new TelemetryPool({ threads: 1, maxQueue: 0, native });
    try {
      const owned = frames[0]!.slice();
      await pool.aggregate(owned, new WindowStore(plantOptions));
      expect(owned.buffer.byteLength).toBe(0); // transferred, detached here
      const pooled = Buffer.alloc(frames[1]!.length + 16).subarray(8, 8 + frames[1]!.length);
      pooled.set(frames[1]!);
      await pool.aggregate(pooled, new WindowStore(plantOptions));
      expect(pooled.buffer.byteLength).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('holds callers back when full, or refuses with a retryable MW_TELEMETRY_BUSY', async () => {
    const pool = new TelemetryPool({ threads: 1, maxQueue: 1, native });
    try {
      const stores = [0, 1, 2, 3].map(() => new WindowStore(plantOptions));
      const taken = stores.slice(0, 2).map((store, i) => pool.aggregate(frames[i]!.slice(), store));
      await expect(
        pool.aggregate(frames[2]!.slice(), stores[2]!, { wait: false }),
      ).rejects.toMatchObject({
        code: 'MW_TELEMETRY_BUSY',
        retryable: true,
      });
      const waiting = pool.aggregate(frames[3]!.slice(), stores[3]!);
      expect(pool.waiters).toBe(1);
      await Promise.all([...taken, waiting]);
      expect(pool.pending).toBe(0);
    } finally {
      await pool.close();
    }
    await expect(
      pool.aggregate(frames[0]!.slice(), new WindowStore(plantOptions)),
    ).rejects.toBeInstanceOf(PoolError);
  });

  it('rejects a corrupted frame with its MW_FRAME_ code and keeps working', async () => {
    const pool = new TelemetryPool({ threads: 1, maxQueue: 2, native });
    try {
      const broken = frames[0]!.slice();
      broken[broken.length - 20] = broken[broken.length - 20]! ^ 0x10;
      const store = new WindowStore(plantOptions);
      const refused = pool.aggregate(broken, store);
      await expect(refused).rejects.toBeInstanceOf(FrameError);
      await expect(refused).rejects.toMatchObject({ code: 'MW_FRAME_CHECKSUM' });
      await expect(pool.aggregate(frames[0]!.slice(), store)).resolves.toMatchObject({
        header: { frameSeq: 0 },
      });
    } finally {
      await pool.close();
    }
  });

  it('never counts carried base readings: they only fill a carry with no reading yet', async () => {
    const pool = new TelemetryPool({ threads: 1, maxQueue: 2, native });
    const options = { ...plantOptions, counters: [{ tag: 0 }], states: [], windowMs: 60_000 };
    const t0 = Date.UTC(2026, 0, 1, 6, 0, 30);
    // Base good 10 (carried), then readings 12 and 15: a new owner counts 5, from the base.
    const frame = (seq: number, base: number, readings: number[]) =>
      encodeFrame(
        {
          plant: 'P100',
          workCenter: 'WC-1',
          source: 'uns',
          frameSeq: seq,
          sealedAt: new Date(t0).toISOString(),
        },
        {
          timestampsMs: Float64Array.from([t0 - 1_000, ...readings.map((_, i) => t0 + i)]),
          tags: new Uint32Array(readings.length + 1),
          values: Float64Array.from([base, ...readings]),
          quality: Uint8Array.from([QUALITY_CARRIED_BASE, ...readings.map(() => 0)]),
        },
      );
    try {
      const fresh = new WindowStore(options);
      await pool.aggregate(frame(2, 10, [12, 15]), fresh);
      const [window] = fresh.closeAll('shutdown');
      expect(window?.tags[0]).toMatchObject({ count: 2, badCount: 0, counter: { delta: 5 } });
      // A store that follows the stream keeps its own carry (11): the base does not replace it.
      const following = new WindowStore(options);
      following.carry.counters.set([t0 - 500, 11]);
      await pool.aggregate(frame(2, 10, [12, 15]), following);
      expect(following.closeAll('shutdown')[0]?.tags[0]).toMatchObject({
        count: 2,
        counter: { delta: 4 },
      });
    } finally {
      await pool.close();
    }
  });
});
