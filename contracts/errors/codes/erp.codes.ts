// Codes of ERP posting (erp.connector and its ERP profiles). Retryable codes make the posting
// wait and try again; the others send the event to the dead-letter stream for a person to fix.
import { defineCodes } from '../error-code-entry.ts';

export const erpCodes = defineCodes({
  MW_ERP_UNAVAILABLE: {
    status: 503,
    retryable: true,
    summary: 'ERP answered with a server error (5xx) or could not be reached.',
    action:
      'Nothing to do for the event: it is retried with backoff; check the ERP system if it lasts.',
  },
  MW_ERP_TIMEOUT: {
    status: 504,
    retryable: true,
    summary: 'ERP did not answer in time; whether it posted is unknown until it is read back.',
    action:
      'Nothing to do for the event: it is read back by reference before any retry; raise the ERP timeout if it is common.',
  },
  MW_ERP_CIRCUIT_OPEN: {
    status: 503,
    retryable: true,
    summary: 'Postings are paused after repeated ERP failures (circuit breaker open).',
    action: 'Wait: the connector probes ERP again after the open period and resumes by itself.',
  },
  MW_ERP_LOCKED: {
    status: 409,
    retryable: true,
    summary: 'ERP refused the posting because the material or order is locked by another user.',
    action: 'Nothing to do unless it lasts: the posting is retried; ask who holds the lock.',
  },
  MW_ERP_UNAUTHORIZED: {
    status: 401,
    retryable: true,
    summary: 'ERP refused the credentials or the authorization of the communication user.',
    action: 'Fix the ERP user or its roles; waiting postings resume without being dead-lettered.',
  },
  MW_ERP_MASTER_DATA_MISSING: {
    status: 422,
    retryable: false,
    summary: 'ERP does not know a material, plant or order that the event names.',
    action: 'Create the master data in ERP, then replay the dead letter (`erp.connector.replay`).',
  },
  MW_ERP_PERIOD_CLOSED: {
    status: 422,
    retryable: false,
    summary: 'The posting period of the event is closed in ERP.',
    action:
      'Open the period in ERP (or agree a posting date with finance), then replay the dead letter.',
  },
  MW_ERP_REJECTED: {
    status: 422,
    retryable: false,
    summary: 'ERP rejected the posting with a business error not classified more precisely.',
    action: 'Read the ERP message in data.erp; fix the cause in ERP or the event, then replay.',
  },
  MW_ERP_UNSUPPORTED_EVENT: {
    status: 422,
    retryable: false,
    summary: 'The ERP profile has no posting for this event type or variant.',
    action:
      'Check the profile mapping in docs/erp-connector.md; discard the dead letter if intended.',
  },
  MW_ERP_RETRIES_EXHAUSTED: {
    status: 503,
    retryable: false,
    summary: 'A retryable ERP error (a lock, say) persisted through every allowed attempt.',
    action: 'Read the last error in data.last; fix it in ERP, then replay the dead letter.',
  },
  MW_ERP_POSTING_BUSY: {
    status: 409,
    retryable: true,
    summary: 'Another connector instance is posting the same event right now.',
    action: 'Nothing to do: the event is retried once the other attempt has finished or expired.',
  },
});
