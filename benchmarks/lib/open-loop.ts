// Open-loop load: operations are sent on a fixed schedule (rate x time) whether or not earlier
// ones have completed, and each latency is measured from its *scheduled* send time. A slow
// reply therefore shows up in the percentiles instead of quietly slowing the sender down
// (coordinated omission). The generator's own lag is reported so it can be told apart.
import { performance } from 'node:perf_hooks';
import { LatencyHistogram, type LatencySummary } from './histogram.ts';

export interface OpenLoopOptions {
  readonly rateHz: number;
  readonly durationMs: number;
  /** Performs operation `index`; resolves when it has completed (the reply arrived). */
  readonly send: (index: number) => Promise<unknown>;
  /** Sends wait beyond this many in flight; their latency still counts from the schedule. */
  readonly maxInFlight?: number;
  /** After the last scheduled send, how long to wait for stragglers before counting them lost. */
  readonly drainTimeoutMs?: number;
  /** Records into this histogram (to merge several runs); a new one otherwise. */
  readonly histogram?: LatencyHistogram;
}

export interface OpenLoopResult {
  readonly targetRateHz: number;
  /** Completed operations per second of the whole run, drain included. */
  readonly achievedRateHz: number;
  readonly scheduled: number;
  readonly completed: number;
  readonly failed: number;
  /** Neither completed nor failed within the drain timeout. */
  readonly lost: number;
  /** How late the generator sent, at worst (ms); large values mean the generator saturated. */
  readonly maxSendLagMs: number;
  readonly histogram: LatencyHistogram;
  readonly latency: LatencySummary;
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rateHz, durationMs, send } = options;
  if (!(rateHz > 0) || !(durationMs > 0)) {
    throw new RangeError(`openLoop: rateHz and durationMs must be > 0 (${rateHz}, ${durationMs})`);
  }
  const maxInFlight = options.maxInFlight ?? 10_000;
  const histogram = options.histogram ?? new LatencyHistogram();
  const interval = 1000 / rateHz;
  const total = Math.max(1, Math.floor((durationMs * rateHz) / 1000));
  const start = performance.now();
  let next = 0;
  let inFlight = 0;
  let completed = 0;
  let failed = 0;
  let maxSendLagMs = 0;

  await new Promise<void>((resolve) => {
    let drainTimer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (drainTimer !== undefined) clearTimeout(drainTimer);
      resolve();
    };
    const settle = () => {
      inFlight -= 1;
      if (next >= total) {
        if (inFlight === 0) finish();
      } else if (inFlight === maxInFlight - 1) {
        pump();
      }
    };
    const pump = (): void => {
      if (done) return;
      const now = performance.now();
      while (next < total && start + next * interval <= now && inFlight < maxInFlight) {
        const scheduled = start + next * interval;
        maxSendLagMs = Math.max(maxSendLagMs, now - scheduled);
        const index = next;
        next += 1;
        inFlight += 1;
        let operation: Promise<unknown>;
        try {
          operation = send(index);
        } catch (error) {
          operation = Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        operation.then(
          () => {
            completed += 1;
            histogram.recordMs(performance.now() - scheduled);
            settle();
          },
          () => {
            failed += 1;
            settle();
          },
        );
      }
      if (next >= total) {
        if (inFlight === 0) finish();
        else drainTimer = setTimeout(finish, options.drainTimeoutMs ?? 30_000);
        return;
      }
      if (inFlight >= maxInFlight) return; // a completion resumes the pump
      const wait = start + next * interval - performance.now();
      if (wait >= 1) setTimeout(pump, Math.floor(wait));
      else setImmediate(pump);
    };
    pump();
  });

  const elapsedS = (performance.now() - start) / 1000;
  return {
    targetRateHz: rateHz,
    achievedRateHz: completed / elapsedS,
    scheduled: total,
    completed,
    failed,
    lost: total - completed - failed,
    maxSendLagMs,
    histogram,
    latency: histogram.summary(),
  };
}

/** The metrics of a custom row for an open-loop run (put the target rate in the row's params). */
export function openLoopMetrics(result: OpenLoopResult): Record<string, number> {
  return {
    achievedHz: Math.round(result.achievedRateHz),
    p50Ms: result.latency.p50Ms,
    p90Ms: result.latency.p90Ms,
    p99Ms: result.latency.p99Ms,
    p999Ms: result.latency.p999Ms,
    maxMs: result.latency.maxMs,
    lost: result.lost + result.failed,
    /** Large values mean the generator, not the system, limited the rate. */
    senderLagMs: result.maxSendLagMs,
  };
}
