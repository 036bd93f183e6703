// The business lane as a port (DESIGN.md "The flow", lane 2): durable, at-least-once with
// de-duplication by eventId, explicit acks. Actors publish committed outbox events into it;
// connectors consume it. Two implementations: JetStream (cluster) and SQLite (embedded).
// Types only: the implementations live with their technology, not here.
import type { AnyBusinessEvent } from './envelope.ts';
import type { ErrorCode } from './errors/index.ts';

/** JetStream stream of business events; subjects from subjects.ts (`mw.biz.>`). */
export const BUSINESS_STREAM = 'MW_BIZ';
/** Dead letters: `mw.dlq.<consumer>.<plant>.<workCenter>.<type>`. */
export const DEAD_LETTER_STREAM = 'MW_DLQ';
export const DEAD_LETTER_SUBJECT_PREFIX = 'mw.dlq';

export interface PublishResult {
  /** True when the lane already held this eventId (nothing was added). */
  readonly duplicate: boolean;
}

export interface BusinessLanePublisher {
  /** Durable once resolved; publishing the same eventId again is a counted no-op. */
  publish(event: AnyBusinessEvent): Promise<PublishResult>;
}

export interface DeadLetterReason {
  readonly code: ErrorCode;
  readonly message: string;
  readonly data?: unknown;
}

/** One delivery of one event to one durable consumer. Exactly one settle call per delivery. */
export interface LaneDelivery {
  readonly event: AnyBusinessEvent;
  /** 1 on first delivery. */
  readonly attempt: number;
  ack(): Promise<void>;
  /** Redeliver after `delayMs` (backoff), not immediately. */
  retryLater(delayMs: number): Promise<void>;
  /** Still working: extends the ack deadline (JetStream in-progress). */
  working(): Promise<void>;
  /** Writes the dead letter, and only once that write is durable acks the original. */
  deadLetter(reason: DeadLetterReason): Promise<void>;
}

export interface LaneSubscription {
  stop(): Promise<void>;
}

export interface BusinessLaneConsumer {
  /**
   * Consumes as the durable consumer `name` (one per connector), filtered to event `types`
   * (all when empty). Deliveries of one work center arrive in sequence order.
   */
  consume(
    name: string,
    types: readonly string[],
    handler: (delivery: LaneDelivery) => Promise<void>,
  ): Promise<LaneSubscription>;
}
