// Circuit breaker over ERP calls: after `failureThreshold` consecutive failures (5xx, timeouts,
// unreachable) it opens and postings wait instead of hammering a sick ERP; after the open
// period one probe may pass (half-open); its success closes the circuit, its failure doubles
// the open period up to `maxOpenMs`.
import { MillwrightError } from '../../contracts/index.ts';

export interface CircuitBreakerOptions {
  readonly failureThreshold: number;
  readonly openMs: number;
  readonly maxOpenMs: number;
}

export const defaultBreaker: CircuitBreakerOptions = {
  failureThreshold: 5,
  openMs: 5_000,
  maxOpenMs: 60_000,
};

export type CircuitState = 'closed' | 'open' | 'halfOpen';

export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions;
  readonly #now: () => number;
  readonly #onOpen: () => void;
  #failures = 0;
  #openedFor: number;
  #openUntil = 0;
  /** A half-open probe that never reported back stops blocking after this time. */
  #probeDeadline = 0;
  #state: CircuitState = 'closed';

  constructor(
    options: Partial<CircuitBreakerOptions> = {},
    onOpen: () => void = () => undefined,
    now: () => number = Date.now,
  ) {
    this.#options = { ...defaultBreaker, ...options };
    this.#openedFor = this.#options.openMs;
    this.#onOpen = onOpen;
    this.#now = now;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Time until a probe may pass; 0 when calls may go now. */
  remainingMs(): number {
    return this.#state === 'closed' ? 0 : Math.max(0, this.#openUntil - this.#now());
  }

  /** Throws MW_ERP_CIRCUIT_OPEN unless a call may go now (the first after the wait probes). */
  admit(): void {
    if (this.#state === 'closed') return;
    const now = this.#now();
    const probeMayGo =
      (this.#state === 'open' && now >= this.#openUntil) ||
      (this.#state === 'halfOpen' && now >= this.#probeDeadline);
    if (probeMayGo) {
      this.#state = 'halfOpen';
      this.#probeDeadline = now + this.#openedFor;
      return;
    }
    throw new MillwrightError(
      'MW_ERP_CIRCUIT_OPEN',
      `ERP postings paused after ${this.#failures} consecutive failures`,
      { retryInMs: this.remainingMs(), state: this.#state },
    );
  }

  success(): void {
    this.#failures = 0;
    this.#state = 'closed';
    this.#openedFor = this.#options.openMs;
  }

  failure(): void {
    this.#failures += 1;
    if (this.#state === 'halfOpen') {
      this.#openedFor = Math.min(this.#openedFor * 2, this.#options.maxOpenMs);
      this.#open();
    } else if (this.#state === 'closed' && this.#failures >= this.#options.failureThreshold) {
      this.#open();
    }
  }

  #open(): void {
    this.#state = 'open';
    this.#openUntil = this.#now() + this.#openedFor;
    this.#onOpen();
  }
}
