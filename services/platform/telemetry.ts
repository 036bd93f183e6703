// The boundary between native/ and the rest: builds the node's aggregation pool from the
// configuration (native/ never reads MILLWRIGHT_NATIVE itself) and turns native/ errors
// (FrameError, PoolError) into MillwrightError with the same catalogue code.
import { MillwrightError } from '../../contracts/index.ts';
import { isNativeError, loadKernel, TelemetryPool, type LoadedKernel } from '../../native/index.ts';
import type { MillwrightConfig } from './config.ts';

type TelemetryConfig = Pick<
  MillwrightConfig,
  'nativeKernel' | 'telemetryThreads' | 'telemetryQueue'
>;

/** The kernel this node uses on its main thread (benchmarks, single-threaded paths). */
export function telemetryKernel(config: TelemetryConfig): LoadedKernel {
  return loadKernel({ native: config.nativeKernel });
}

/** One pool per node: create it once at start-up and close it at shutdown. */
export function createTelemetryPool(config: TelemetryConfig): TelemetryPool {
  return new TelemetryPool({
    threads: config.telemetryThreads,
    maxQueue: config.telemetryQueue,
    native: config.nativeKernel,
  });
}

/** A native/ error as the MillwrightError callers switch on; anything else is returned as is. */
export function fromNativeError(error: unknown): unknown {
  if (!isNativeError(error)) return error;
  return new MillwrightError(error.code, error.message, error.data, { cause: error });
}
