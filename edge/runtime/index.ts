// Public surface of the edge runtime: one template source composed into a running edge.
export { startEdgeSource } from './edge-source.ts';
export type { EdgeSource, EdgeSourceOptions } from './edge-source.ts';
