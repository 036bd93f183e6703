// The ports the hosting service injects into the runtime: durable store, lane publisher,
// metrics, logger, worker offload and notifications. Types only; the runtime must not know
// which technology (JetStream, SQLite, Moleculer, piscina) stands behind each.
import type { AnyBusinessEvent, BusinessLanePublisher } from '../../contracts/index.ts';

/** What a store keeps per actor: the snapshot and the events not yet known to be published. */
export interface ActorRecord {
  /** Actor sequence of the last committed step (0: nothing committed yet). */
  readonly seq: number;
  readonly state: unknown;
  /** Committed events that the lane may not have yet (cluster); [] where the store is the lane. */
  readonly outbox: readonly AnyBusinessEvent[];
}

export interface StoredActor extends ActorRecord {
  /** The fencing token: KV revision or row version. */
  readonly version: number;
}

export interface ActorStore {
  /** "jetstream-kv" or "sqlite", for logs and the REPL. */
  readonly kind: string;
  load(key: string): Promise<StoredActor | undefined>;
  /**
   * Writes `record` only if the stored version is still `expectedVersion` (0: absent), and
   * returns the new version. Throws MW_ACTOR_FENCED when someone else committed in between,
   * MW_ACTOR_STORE_UNAVAILABLE when the outcome is unknown.
   */
  commit(key: string, expectedVersion: number, record: ActorRecord): Promise<number>;
  /** Keys with a stored snapshot, for the REPL's rebalance plan. */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

/** Moves committed events to the business lane, in order; resolves once they are durable. */
export interface OutboxPublisher {
  publish(events: readonly AnyBusinessEvent[]): Promise<void>;
}

/** Publishes a step's events one after the other, so a work center's order is kept. */
export function outboxPublisherFor(lane: BusinessLanePublisher): OutboxPublisher {
  return {
    async publish(events) {
      for (const event of events) await lane.publish(event);
    },
  };
}

/** Embedded mode: the SQLite outbox rows are the lane, so committing was publishing. */
export const committedIsPublished: OutboxPublisher = { publish: () => Promise.resolve() };

export type ActorCounter =
  | 'activations'
  | 'passivations'
  | 'moves'
  | 'fencedCommits'
  | 'duplicateInputs'
  | 'busyRejections'
  | 'behaviorFailures';

export interface ActorMetrics {
  count(name: ActorCounter, by?: number): void;
  /** Active actors and total queued messages on this node. */
  gauges(active: number, mailboxDepth: number): void;
  /** Duration of one durable commit (snapshot + outbox). */
  snapshotLatency(ms: number): void;
}

export const noMetrics: ActorMetrics = {
  count: () => undefined,
  gauges: () => undefined,
  snapshotLatency: () => undefined,
};

export interface ActorLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export const silentLogger: ActorLogger = {
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

/** Runs a CPU-heavy task off the event loop (piscina in the host); the result comes back as a message. */
export type Offloader = (task: string, input: unknown) => Promise<unknown>;

/** At-most-once notification (Moleculer event): state changed, dashboard ticks. */
export type Notifier = (topic: string, payload: unknown) => void;
