// Codes of the telemetry aggregation pool (native/pool): backpressure and misuse.
import { defineCodes } from '../error-code-entry.ts';

export const telemetryCodes = defineCodes({
  MW_TELEMETRY_BUSY: {
    status: 503,
    retryable: true,
    summary: 'The aggregation pool queue is full; the frame was not taken (nothing was dropped).',
    action: 'Retry later or slow the edge down; add worker threads or nodes if it persists.',
  },
  MW_TELEMETRY_POOL_CLOSED: {
    status: 503,
    retryable: false,
    summary: 'A frame was submitted to an aggregation pool that is closing or closed.',
    action: 'Submit to the pool of the node that now owns the work center.',
  },
  MW_TELEMETRY_BAD_SPEC: {
    status: 400,
    retryable: false,
    summary: 'An aggregation spec or pool option is invalid.',
    action: 'The message names the option; fix the work-center telemetry configuration.',
  },
});
