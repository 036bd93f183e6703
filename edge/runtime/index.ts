// Public surface of the edge runtime: one template source composed into a running edge.
export { DEFAULT_BUFFER_MAX_BYTES, NEAR_FULL_RATIO, startEdgeSource } from './edge-source.ts';
export type { EdgeSource, EdgeSourceOptions } from './edge-source.ts';
