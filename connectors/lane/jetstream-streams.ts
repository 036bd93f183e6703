// Creates (or adopts) the JetStream streams of the business lane and its dead letters, and the
// durable consumer of one connector. Idempotent: every node runs it at start, in any order.
// Stream and consumer fields: NATS JetStream docs, "Streams" and "Consumers" configuration.
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  nanos,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import {
  BUSINESS_STREAM,
  BUSINESS_SUBJECT_PREFIX,
  DEAD_LETTER_STREAM,
  DEAD_LETTER_SUBJECT_PREFIX,
} from '../../contracts/index.ts';

export interface LaneStreamOptions {
  /** Window in which a repeated Nats-Msg-Id (the eventId) is dropped as a duplicate. */
  readonly duplicateWindowMs: number;
  /** How long business events are kept whatever their consumers did; 0 keeps them forever. */
  readonly maxAgeMs: number;
  readonly replicas: number;
}

export const defaultStreamOptions: LaneStreamOptions = {
  duplicateWindowMs: 120_000,
  maxAgeMs: 7 * 24 * 3_600_000,
  replicas: 1,
};

/** NATS API error codes used here (server `errors.json`). */
export const JS_STREAM_NOT_FOUND = 10059;
export const JS_CONSUMER_NOT_FOUND = 10014;
export const JS_NO_MESSAGE_FOUND = 10037;
/** Deleting a message that is gone (already deleted, or past the end). */
export const JS_MESSAGE_DELETE_FAILED = 10057;

export function apiErrorCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('api_error' in error)) return undefined;
  const api = (error as { api_error?: { err_code?: number } }).api_error;
  return api?.err_code;
}

async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig>): Promise<void> {
  const name = config.name ?? '';
  try {
    await jsm.streams.info(name);
    await jsm.streams.update(name, config);
  } catch (error) {
    if (apiErrorCode(error) !== JS_STREAM_NOT_FOUND) throw error;
    await jsm.streams.add(config);
  }
}

export async function ensureLaneStreams(
  jsm: JetStreamManager,
  options: LaneStreamOptions = defaultStreamOptions,
): Promise<void> {
  const common = {
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: options.replicas,
    duplicate_window: nanos(options.duplicateWindowMs),
  };
  await ensureStream(jsm, {
    ...common,
    name: BUSINESS_STREAM,
    subjects: [`${BUSINESS_SUBJECT_PREFIX}.>`],
    max_age: nanos(options.maxAgeMs),
  });
  // Dead letters stay until someone replays or discards them: no age limit.
  await ensureStream(jsm, {
    ...common,
    name: DEAD_LETTER_STREAM,
    subjects: [`${DEAD_LETTER_SUBJECT_PREFIX}.>`],
    max_age: 0,
  });
}

export interface DurableOptions {
  readonly ackWaitMs: number;
  readonly maxAckPending: number;
  /** Subjects the durable reads; default every business subject (`mw.biz.>`). */
  readonly filterSubject?: string;
}

/**
 * One durable pull consumer per connector over the business subjects (all of them, or one
 * plant's), explicit acks, no server-side delivery limit (the connector decides when to
 * dead-letter). Server 2.9 filters on one subject only, so types are filtered by the lane after
 * delivery.
 */
export async function ensureDurable(
  jsm: JetStreamManager,
  name: string,
  options: DurableOptions,
): Promise<void> {
  const config = {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(options.ackWaitMs),
    max_ack_pending: options.maxAckPending,
    max_deliver: -1,
    deliver_policy: DeliverPolicy.All,
    filter_subject: options.filterSubject ?? `${BUSINESS_SUBJECT_PREFIX}.>`,
  };
  try {
    await jsm.consumers.info(BUSINESS_STREAM, name);
    await jsm.consumers.update(BUSINESS_STREAM, name, {
      ack_wait: config.ack_wait,
      max_ack_pending: config.max_ack_pending,
    });
  } catch (error) {
    if (apiErrorCode(error) !== JS_CONSUMER_NOT_FOUND) throw error;
    await jsm.consumers.add(BUSINESS_STREAM, config);
  }
}
