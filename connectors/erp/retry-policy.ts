// When a failed posting is tried again: exponential backoff with "equal jitter" (half the
// delay fixed, half random) so that a fleet of connectors does not retry in lock-step.
export interface RetryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  /** Attempts for errors that are not outages (a lock); outages wait without a limit. */
  readonly maxAttempts: number;
}

export const defaultRetry: RetryPolicy = { baseMs: 500, maxMs: 30_000, maxAttempts: 10 };

export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
