// Public surface of native/pool: the per-node worker pool that aggregates frames.
export { TelemetryPool } from './telemetry-pool.ts';
export type { PoolResult, TelemetryPoolOptions } from './telemetry-pool.ts';
