// One durable consumer of MW_BIZ running in this process: pulls, filters by event type, runs
// the handler per work center in order, pings in-progress for every message it holds (queued or
// in the handler) so the ack wait never expires under it, and settles what a handler left open.
import type { ConsumerMessages, JetStreamClient, JsMsg } from 'nats';
import {
  MillwrightError,
  type AnyBusinessEvent,
  type LaneDelivery,
  type LaneSubscription,
} from '../../contracts/index.ts';
import type { ConnectorLogger } from '../logger.ts';
import { decodeEvent } from './event-codec.ts';
import { confirmAck, JetStreamDelivery, type DeliveryHooks } from './jetstream-delivery.ts';
import { deadLetterSubject, writeDeadLetter } from './jetstream-dead-letters.ts';
import { KeyedSerializer, RetryGates } from './work-center-order.ts';

export interface SubscriptionSetup {
  readonly js: JetStreamClient;
  readonly name: string;
  readonly types: readonly string[];
  readonly handler: (delivery: LaneDelivery) => Promise<void>;
  readonly messages: ConsumerMessages;
  readonly ackWaitMs: number;
  readonly logger: ConnectorLogger;
}

/** Delay before a delivery whose handler threw (or forgot to settle) comes back. */
function fallbackDelayMs(attempt: number): number {
  return Math.min(1_000 * 2 ** Math.min(attempt - 1, 5), 30_000);
}

export class JetStreamSubscription implements LaneSubscription {
  readonly #setup: SubscriptionSetup;
  /** Stream sequence -> the newest copy of the message (a redelivery replaces an old copy). */
  readonly #held = new Map<number, { msg: JsMsg }>();
  readonly #serializer = new KeyedSerializer();
  readonly #gates = new RetryGates();
  readonly #pinger: NodeJS.Timeout;
  readonly #loop: Promise<void>;

  constructor(setup: SubscriptionSetup) {
    this.#setup = setup;
    this.#pinger = setInterval(
      () => {
        for (const holder of this.#held.values()) holder.msg.working();
      },
      Math.max(250, Math.floor(setup.ackWaitMs / 3)),
    );
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    await this.#setup.messages.close();
    await this.#loop;
    await this.#serializer.idle();
    clearInterval(this.#pinger);
  }

  async #run(): Promise<void> {
    try {
      for await (const msg of this.#setup.messages) {
        const held = this.#held.get(msg.info.streamSequence);
        if (held === undefined) this.#dispatch(msg);
        else held.msg = msg;
      }
    } catch (error) {
      this.#setup.logger.error({ err: error, consumer: this.#setup.name }, 'lane consumer ended');
    }
  }

  #dispatch(msg: JsMsg): void {
    const { logger, types } = this.#setup;
    const sequence = msg.info.streamSequence;
    let event: AnyBusinessEvent;
    try {
      event = decodeEvent(msg.data);
    } catch (error) {
      void this.#deadLetterUndecodable(msg, error);
      return;
    }
    if (types.length > 0 && !types.includes(event.type)) {
      confirmAck(msg).catch((error: unknown) => {
        logger.warn({ err: error, sequence }, 'ack of an event of another type failed');
      });
      return;
    }
    const holder = { msg };
    this.#held.set(sequence, holder);
    const key = `${event.plant}/${event.workCenter}`;
    this.#serializer
      .run(key, () => this.#deliver(holder, event, key, sequence))
      .catch((error: unknown) => {
        logger.error({ err: error, sequence }, 'lane delivery failed; redelivered after ack wait');
      });
  }

  async #deliver(
    holder: { msg: JsMsg },
    event: AnyBusinessEvent,
    key: string,
    sequence: number,
  ): Promise<void> {
    const wait = this.#gates.delayFor(key, sequence, Date.now());
    if (wait !== undefined) {
      holder.msg.nak(wait);
      this.#held.delete(sequence);
      return;
    }
    const delivery = new JetStreamDelivery(
      holder,
      event,
      this.#setup.name,
      this.#hooks(key, sequence, holder),
    );
    try {
      await this.#setup.handler(delivery);
    } catch (error) {
      this.#setup.logger.error(
        { err: error, eventId: event.eventId, sequence },
        'lane handler failed; the event is retried later',
      );
    }
    if (!delivery.settled) await delivery.retryLater(fallbackDelayMs(delivery.attempt));
  }

  #hooks(key: string, sequence: number, holder: { msg: JsMsg }): DeliveryHooks {
    return {
      retrying: (delayMs) => {
        this.#gates.hold(key, sequence, Date.now() + delayMs);
        this.#held.delete(sequence);
      },
      settled: () => {
        this.#gates.release(key, sequence);
        this.#held.delete(sequence);
      },
      writeDeadLetter: (record) =>
        writeDeadLetter(
          this.#setup.js,
          deadLetterSubject(this.#setup.name, holder.msg.subject),
          record,
        ),
    };
  }

  async #deadLetterUndecodable(msg: JsMsg, error: unknown): Promise<void> {
    const reason =
      error instanceof MillwrightError
        ? { code: error.type, message: error.message, data: error.data }
        : { code: 'MW_LANE_UNDECODABLE' as const, message: String(error) };
    try {
      await writeDeadLetter(this.#setup.js, deadLetterSubject(this.#setup.name, msg.subject), {
        consumer: this.#setup.name,
        event: null,
        raw: new TextDecoder().decode(msg.data).slice(0, 65_536),
        reason: JSON.parse(JSON.stringify(reason)) as typeof reason,
        attempts: msg.info.deliveryCount,
        deadLetteredAt: new Date().toISOString(),
        sourceSequence: msg.info.streamSequence,
      });
      await confirmAck(msg);
    } catch (failure) {
      this.#setup.logger.error({ err: failure }, 'could not dead-letter an undecodable message');
      msg.nak(fallbackDelayMs(msg.info.deliveryCount));
    }
  }
}
