// The business lane on NATS JetStream (cluster mode): stream MW_BIZ over `mw.biz.>`,
// de-duplicated by Nats-Msg-Id = eventId, one durable pull consumer per connector with explicit
// acks, and dead letters in MW_DLQ. Built on the nats client's JetStream API directly.
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import {
  AnyBusinessEvent,
  BUSINESS_STREAM,
  BUSINESS_SUBJECT_PREFIX,
  businessSubject,
  MillwrightError,
  parseWith,
  type LaneDelivery,
  type LaneSubscription,
  type PublishResult,
} from '../../contracts/index.ts';
import { silentLogger, type ConnectorLogger } from '../logger.ts';
import { encodeEvent } from './event-codec.ts';
import { JetStreamDeadLetters } from './jetstream-dead-letters.ts';
import {
  defaultStreamOptions,
  ensureDurable,
  ensureLaneStreams,
  type LaneStreamOptions,
} from './jetstream-streams.ts';
import { JetStreamSubscription } from './jetstream-subscription.ts';
import { findInStream } from './jetstream-find.ts';
import { assertConsumerName, type BusinessLane, type LaneQuery } from './lane.ts';

export interface JetStreamLaneOptions {
  readonly connection: NatsConnection;
  /** Close the connection with the lane (true when the lane opened it). */
  readonly ownsConnection?: boolean;
  /** Must exceed the slowest handler step between pings (the ERP timeout). Default 30 s. */
  readonly ackWaitMs?: number;
  /** Unacknowledged deliveries per consumer, also the in-process prefetch bound. Default 256. */
  readonly maxAckPending?: number;
  readonly streams?: Partial<LaneStreamOptions>;
  /** Messages a trace query reads at most. Default 200,000. */
  readonly maxScan?: number;
  readonly logger?: ConnectorLogger;
  /**
   * Consume only this plant's events (`mw.biz.<plant>.>`), as durables named `<consumer>-<plant>`,
   * and list only its dead letters: the connectors of one plant never take another plant's
   * load from a shared NATS (decision 0604). Undefined: every plant (tests, tools).
   */
  readonly plant?: string;
}

export class JetStreamLane implements BusinessLane {
  readonly kind = 'jetstream';
  readonly deadLetters: JetStreamDeadLetters;
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #options: JetStreamLaneOptions;
  readonly #subscriptions = new Set<LaneSubscription>();

  private constructor(options: JetStreamLaneOptions, jsm: JetStreamManager) {
    this.#options = options;
    this.#nc = options.connection;
    this.#jsm = jsm;
    this.#js = options.connection.jetstream();
    this.deadLetters = new JetStreamDeadLetters(this.#js, jsm, options.plant);
  }

  /** Creates or adopts MW_BIZ and MW_DLQ, then returns the lane. */
  static async open(options: JetStreamLaneOptions): Promise<JetStreamLane> {
    const jsm = await options.connection.jetstreamManager();
    await ensureLaneStreams(jsm, { ...defaultStreamOptions, ...options.streams });
    return new JetStreamLane(options, jsm);
  }

  /** Connects to `servers` (comma-separated NATS URLs) and opens a lane that owns the connection. */
  static async connect(
    servers: string,
    options: Omit<JetStreamLaneOptions, 'connection' | 'ownsConnection'> = {},
  ): Promise<JetStreamLane> {
    const connection = await connect({
      servers: servers.split(',').map((s) => s.trim()),
      name: 'millwright-business-lane',
      maxReconnectAttempts: -1,
    });
    try {
      return await JetStreamLane.open({ ...options, connection, ownsConnection: true });
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  async publish(event: AnyBusinessEvent): Promise<PublishResult> {
    const valid = parseWith(AnyBusinessEvent, event, 'business event envelope');
    const subject = businessSubject(valid.plant, valid.workCenter, valid.type);
    try {
      const ack = await this.#js.publish(subject, encodeEvent(valid), {
        msgID: valid.eventId,
        expect: { streamName: BUSINESS_STREAM },
      });
      return { duplicate: ack.duplicate };
    } catch (cause) {
      throw new MillwrightError(
        'MW_LANE_UNAVAILABLE',
        `JetStream did not store event ${valid.eventId}`,
        { subject, eventId: valid.eventId },
        { cause },
      );
    }
  }

  async consume(
    name: string,
    types: readonly string[],
    handler: (delivery: LaneDelivery) => Promise<void>,
  ): Promise<LaneSubscription> {
    assertConsumerName(name);
    const ackWaitMs = this.#options.ackWaitMs ?? 30_000;
    const maxAckPending = this.#options.maxAckPending ?? 256;
    const plant = this.#options.plant;
    const durable = plant === undefined ? name : `${name}-${plant}`;
    await ensureDurable(this.#jsm, durable, {
      ackWaitMs,
      maxAckPending,
      ...(plant === undefined ? {} : { filterSubject: `${BUSINESS_SUBJECT_PREFIX}.${plant}.>` }),
    });
    const consumer = await this.#js.consumers.get(BUSINESS_STREAM, durable);
    const messages = await consumer.consume({ max_messages: Math.min(maxAckPending, 128) });
    const subscription = new JetStreamSubscription({
      js: this.#js,
      name,
      types: [...types],
      handler,
      messages,
      ackWaitMs,
      logger: this.#options.logger ?? silentLogger,
    });
    this.#subscriptions.add(subscription);
    return {
      stop: async () => {
        this.#subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  find(query: LaneQuery): Promise<AnyBusinessEvent[]> {
    return findInStream(this.#js, this.#jsm, query, this.#options.maxScan ?? 200_000);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
    this.#subscriptions.clear();
    if (this.#options.ownsConnection === true) await this.#nc.drain();
  }
}
