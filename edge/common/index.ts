// Public surface of what every edge component shares: the injected logger and metrics.
export { silentLogger } from './edge-logger.ts';
export type { EdgeLogger } from './edge-logger.ts';
export { EdgeMetrics } from './edge-metrics.ts';
