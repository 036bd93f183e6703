// What a business lane implementation offers beyond the port in contracts/business-lane.ts:
// its dead letters (list, read, remove: what replay and discard need), a query for the trace
// and a close. Both lanes
// (JetStream, SQLite) implement this; connectors depend on this interface, not a technology.
import type {
  AnyBusinessEvent,
  BusinessLaneConsumer,
  BusinessLanePublisher,
  DeadLetterReason,
} from '../../contracts/index.ts';

export interface DeadLetterEntry {
  /** JetStream: the sequence in MW_DLQ; SQLite: the row id. */
  readonly id: number;
  /** The durable consumer that gave up on the event. */
  readonly consumer: string;
  /** Null when the lane message was not a business event at all (see `raw`). */
  readonly event: AnyBusinessEvent | null;
  /** The undecodable message text, when `event` is null. */
  readonly raw?: string;
  readonly reason: DeadLetterReason;
  /** Deliveries the consumer made before it dead-lettered the event. */
  readonly attempts: number;
  readonly deadLetteredAt: string;
  /** Sequence of the original in the business lane. */
  readonly sourceSequence: number;
}

export interface DeadLetterStore {
  /** Oldest first, at most `limit`. */
  list(consumer: string, limit?: number): Promise<DeadLetterEntry[]>;
  get(id: number): Promise<DeadLetterEntry | undefined>;
  /** True when the entry existed and is now gone. */
  remove(id: number): Promise<boolean>;
}

/** Events to find in the lane (trace): by correlation id, or by event ids. */
export interface LaneQuery {
  readonly correlationId?: string;
  readonly eventIds?: readonly string[];
  /** At most this many events, oldest first. Default 1000. */
  readonly limit?: number;
}

export interface BusinessLane extends BusinessLanePublisher, BusinessLaneConsumer {
  readonly kind: 'jetstream' | 'sqlite';
  readonly deadLetters: DeadLetterStore;
  /**
   * Events the lane still holds that match the query, in lane order. SQLite answers from an
   * index; JetStream scans MW_BIZ (see docs/trace-and-audit.md for the cost).
   */
  find(query: LaneQuery): Promise<AnyBusinessEvent[]>;
  /** Stops every subscription (waiting for handlers in flight) and releases what the lane owns. */
  close(): Promise<void>;
}

/** Durable consumer names become subject tokens and JetStream durables: no dots, no wildcards. */
export function assertConsumerName(name: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new RangeError(
      `consumer name "${name}" must be 1-64 letters, digits, "-" or "_" (it is a subject token)`,
    );
  }
}
