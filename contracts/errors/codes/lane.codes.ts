// Codes of the business lane (JetStream stream / SQLite outbox between actors and connectors).
import { defineCodes } from '../error-code-entry.ts';

export const laneCodes = defineCodes({
  MW_LANE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    summary: 'The business lane (NATS JetStream or the SQLite lane file) did not accept a write.',
    action:
      'Check that NATS with JetStream is reachable (or the data folder is writable); the write is safe to retry.',
  },
  MW_LANE_UNDECODABLE: {
    status: 422,
    retryable: false,
    summary: 'A lane message is not a business event envelope and was dead-lettered unread.',
    action:
      'Read the zod issues in the dead letter; fix the publisher, then discard the dead letter.',
  },
  MW_LANE_DEAD_LETTER_NOT_FOUND: {
    status: 404,
    retryable: false,
    summary: 'No dead letter has that id (already replayed or discarded, or a wrong id).',
    action:
      'List the dead letters of the consumer (`erp.connector.list`) and use an id shown there.',
  },
});
