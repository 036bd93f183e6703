// Open-loop load sends on its schedule whether or not replies came back, and measures each
// latency from the scheduled send time: a stalled reply shows in the percentiles.
import { openLoop } from '../../../benchmarks/lib/open-loop.ts';

describe('open-loop load', () => {
  it('sends exactly rate x duration operations and counts every outcome', async () => {
    const result = await openLoop({
      rateHz: 1_000,
      durationMs: 100,
      send: (index) => (index % 10 === 9 ? Promise.reject(new Error('no')) : Promise.resolve()),
    });
    expect(result.scheduled).toBe(100);
    expect(result.completed).toBe(90);
    expect(result.failed).toBe(10);
    expect(result.lost).toBe(0);
    expect(result.histogram.count).toBe(90);
  });

  it('keeps sending while earlier operations are stalled, and charges the stall', async () => {
    const releases: (() => void)[] = [];
    let sentWhileStalled = 0;
    const result = await openLoop({
      rateHz: 500,
      durationMs: 100,
      send: (index) => {
        if (index === 0) {
          return new Promise<void>((resolve) => {
            releases.push(resolve);
          });
        }
        sentWhileStalled += releases.length;
        if (index === 49) {
          setTimeout(() => {
            for (const release of releases) release();
          }, 50);
        }
        return Promise.resolve();
      },
    });
    expect(result.scheduled).toBe(50);
    expect(result.completed).toBe(50);
    expect(sentWhileStalled).toBe(49);
    // The first operation waited for the whole run and the release: at least 100 ms.
    expect(result.latency.maxMs).toBeGreaterThanOrEqual(100);
  });

  it('counts operations that never complete as lost after the drain timeout', async () => {
    const result = await openLoop({
      rateHz: 100,
      durationMs: 50,
      drainTimeoutMs: 20,
      send: (index) => (index === 2 ? new Promise<void>(() => undefined) : Promise.resolve()),
    });
    expect(result.scheduled).toBe(5);
    expect(result.completed).toBe(4);
    expect(result.lost).toBe(1);
  });

  it('rejects a rate or duration that is not positive', async () => {
    await expect(
      openLoop({ rateHz: 0, durationMs: 10, send: () => Promise.resolve() }),
    ).rejects.toThrow(/rateHz and durationMs must be > 0/);
  });
});
