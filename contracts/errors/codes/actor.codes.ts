// Codes of the work-center actor runtime: mailbox back-pressure, ownership moves and fencing,
// the durable actor store and behaviour failures (actors/runtime, services/workcenter.host).
import { defineCodes } from '../error-code-entry.ts';

export const actorCodes = defineCodes({
  MW_ACTOR_BUSY: {
    status: 503,
    retryable: true,
    summary: "An actor's mailbox is full; the message was not accepted.",
    action:
      'Retry with back-off; if it persists, the work center receives more than it can commit.',
  },
  MW_ACTOR_FENCED: {
    status: 409,
    retryable: true,
    summary:
      'An actor commit was refused because another node committed a newer revision (stale owner).',
    action:
      'Nothing to fix: the caller retries and is routed to the current owner; many of these mean flapping nodes.',
  },
  MW_ACTOR_MOVING: {
    status: 503,
    retryable: true,
    summary: 'The actor is moving between nodes (rebalance) and cannot take the message right now.',
    action: 'Retry shortly; the message is routed to the new owner once the move completes.',
  },
  MW_ACTOR_STORE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    summary: 'The actor state store (JetStream KV or SQLite) could not be read or written.',
    action:
      'Check the NATS connection or the data folder; the message was not committed and can be retried.',
  },
  MW_ACTOR_KEY_INVALID: {
    status: 400,
    retryable: false,
    summary: 'An actor key is not "<plant>/<workCenter>" with valid codes.',
    action: 'Use plant and work-center codes of letters, digits, "-" and "_", e.g. "P100/WC-01".',
  },
  MW_ACTOR_MESSAGE_INVALID: {
    status: 400,
    retryable: false,
    summary: "A message does not belong to the actor kind's protocol.",
    action:
      'Check the message against the protocol in docs/actors.md; data.issues names the field.',
  },
  MW_ACTOR_BEHAVIOR_FAILED: {
    status: 500,
    retryable: false,
    summary: "An actor's behaviour threw while handling a message; its state was left unchanged.",
    action: 'Report it with the log line of the same key and message; the cause is chained.',
  },
  MW_ACTOR_OTHER_PLANT: {
    status: 400,
    retryable: false,
    summary:
      "A message for another plant's work center reached a cluster node of this plant; it was refused and counted.",
    action:
      'Send it to a node started with that plant (`millwright node --plant <plant>`); data names both plants (docs/scaling.md).',
  },
  MW_ACTOR_STOPPED: {
    status: 503,
    retryable: true,
    summary: 'The actor host is stopping and accepts no more messages.',
    action: 'Retry: the actor is placed on another node once this one has left.',
  },
});
