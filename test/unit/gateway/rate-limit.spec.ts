// Token bucket per caller: a burst, then refusals with the whole seconds to wait; refilled at
// perMinute / 60 per second; callers do not share buckets. Clock injected, no timers.
import fc from 'fast-check';
import { RateLimiter } from '../../../services/gateway/index.ts';

describe('rate limit', () => {
  it('allows the burst, then refuses with Retry-After until a token is back', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 999;
    expect(limiter.take('k').allowed).toBe(false);
    now = 1000;
    expect(limiter.take('k')).toEqual({ allowed: true, remaining: 0 });
  });

  it('tells a slow limit to wait whole seconds, rounded up', () => {
    const limiter = new RateLimiter({ perMinute: 2, burst: 1, now: () => 0 });
    limiter.take('k');
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('keeps one bucket per caller', () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 1, now: () => 0 });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('never allows more than burst + elapsed x rate requests', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 200 }),
        (perMinute, burst, gaps) => {
          let now = 0;
          const limiter = new RateLimiter({ perMinute, burst, now: () => now });
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            if (limiter.take('k').allowed) allowed++;
          }
          return allowed <= burst + Math.floor((now * perMinute) / 60_000) + 1e-9;
        },
      ),
    );
  });
});
