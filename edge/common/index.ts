// Public surface of what every edge component shares: the injected logger, metrics and secret
// reader.
export { silentLogger } from './edge-logger.ts';
export type { EdgeLogger } from './edge-logger.ts';
export { EdgeMetrics } from './edge-metrics.ts';
export { resolvePassword } from './secret-reader.ts';
export type { RevealableSecret, SecretReader } from './secret-reader.ts';
