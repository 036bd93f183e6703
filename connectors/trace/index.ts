// Public surface of the trace: correlation id or ERP document to the chain of events and postings.
export { traceChain } from './trace-chain.ts';
export type {
  TraceChain,
  TracedEvent,
  TracedOrder,
  TracedPosting,
  TraceSources,
} from './trace-chain.ts';
