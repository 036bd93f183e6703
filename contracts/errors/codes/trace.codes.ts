// Codes of the trace query (platform.trace): correlation id or ERP document to event chain.
import { defineCodes } from '../error-code-entry.ts';

export const traceCodes = defineCodes({
  MW_TRACE_NOT_FOUND: {
    status: 404,
    retryable: false,
    summary:
      'No business event carries that correlation id and no ERP posting has that document number.',
    action:
      'Check the id (the X-Correlation-ID of the call, or the ERP document as number/year); events older than the lane retention (7 days) are gone.',
  },
});
