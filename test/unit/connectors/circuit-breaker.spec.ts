import fc from 'fast-check';
import { backoffMs, CircuitBreaker } from '../../../connectors/erp/index.ts';
import { thrownBy } from '../../support/thrown.ts';

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures and lets one probe through later', () => {
    let now = 0;
    let opened = 0;
    const breaker = new CircuitBreaker(
      { failureThreshold: 3, openMs: 1_000, maxOpenMs: 4_000 },
      () => {
        opened += 1;
      },
      () => now,
    );
    breaker.failure();
    breaker.failure();
    breaker.success(); // a success resets the count
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect([breaker.state, opened]).toEqual(['open', 1]);
    expect(
      thrownBy(() => {
        breaker.admit();
      }),
    ).toMatchObject({ type: 'MW_ERP_CIRCUIT_OPEN' });
    now = 1_000;
    breaker.admit(); // the probe
    expect(breaker.state).toBe('halfOpen');
    expect(
      thrownBy(() => {
        breaker.admit();
      }),
    ).toMatchObject({ type: 'MW_ERP_CIRCUIT_OPEN' });
    breaker.failure(); // probe failed: open twice as long
    expect(breaker.remainingMs()).toBe(2_000);
    now = 3_000;
    breaker.admit();
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.remainingMs()).toBe(0);
  });

  it('releases a half-open probe that never reported back', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 100 }, undefined, () => now);
    breaker.failure();
    now = 100;
    breaker.admit();
    now = 150;
    expect(() => {
      breaker.admit();
    }).toThrow();
    now = 200;
    expect(() => {
      breaker.admit();
    }).not.toThrow();
  });
});

describe('retry backoff', () => {
  it('grows exponentially within [ceiling/2, ceiling] and never passes the cap', () => {
    const policy = { baseMs: 100, maxMs: 5_000, maxAttempts: 10 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (attempt, r) => {
          const ceiling = Math.min(5_000, 100 * 2 ** (attempt - 1));
          const delay = backoffMs(attempt, policy, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
});
