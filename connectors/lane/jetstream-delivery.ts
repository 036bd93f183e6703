// One JetStream delivery as a LaneDelivery: ack with the server's confirmation (AckAck), nak
// with a delay (never an immediate redelivery), in-progress pings, and a dead letter that is
// written and confirmed in MW_DLQ before the original is acknowledged.
import type { JsMsg } from 'nats';
import {
  MillwrightError,
  type AnyBusinessEvent,
  type DeadLetterReason,
  type LaneDelivery,
} from '../../contracts/index.ts';
import { plainReason, type DeadLetterRecord } from './event-codec.ts';

export interface DeliveryHooks {
  /** The delivery will come back after `delayMs`: later events of its work center must wait. */
  retrying(delayMs: number): void;
  /** Acked or dead-lettered: its work center may move on. */
  settled(): void;
  /** Stores the dead letter; resolves once the lane has confirmed it durably. */
  writeDeadLetter(record: DeadLetterRecord): Promise<void>;
}

export class JetStreamDelivery implements LaneDelivery {
  readonly event: AnyBusinessEvent;
  /** Swapped by the subscription when a redelivered copy arrives while this one is held. */
  readonly #holder: { msg: JsMsg };
  readonly #consumer: string;
  readonly #hooks: DeliveryHooks;
  #settled = false;

  constructor(
    holder: { msg: JsMsg },
    event: AnyBusinessEvent,
    consumer: string,
    hooks: DeliveryHooks,
  ) {
    this.#holder = holder;
    this.event = event;
    this.#consumer = consumer;
    this.#hooks = hooks;
  }

  get attempt(): number {
    return this.#holder.msg.info.deliveryCount;
  }

  get settled(): boolean {
    return this.#settled;
  }

  async ack(): Promise<void> {
    this.#settle();
    this.#hooks.settled();
    await confirmAck(this.#holder.msg);
  }

  retryLater(delayMs: number): Promise<void> {
    this.#settle();
    const delay = Math.max(1, Math.round(delayMs));
    this.#hooks.retrying(delay);
    this.#holder.msg.nak(delay);
    return Promise.resolve();
  }

  working(): Promise<void> {
    if (!this.#settled) this.#holder.msg.working();
    return Promise.resolve();
  }

  async deadLetter(reason: DeadLetterReason): Promise<void> {
    if (this.#settled) throw new Error('delivery already settled');
    await this.#hooks.writeDeadLetter({
      consumer: this.#consumer,
      event: this.event,
      reason: plainReason(reason),
      attempts: this.attempt,
      deadLetteredAt: new Date().toISOString(),
      sourceSequence: this.#holder.msg.info.streamSequence,
    });
    this.#settle();
    this.#hooks.settled();
    await confirmAck(this.#holder.msg);
  }

  #settle(): void {
    if (this.#settled) throw new Error('delivery already settled');
    this.#settled = true;
  }
}

/** Ack and wait for the server to confirm it; a lost ack only means a redelivery later. */
export async function confirmAck(msg: JsMsg): Promise<void> {
  let acknowledged: boolean;
  try {
    acknowledged = await msg.ackAck();
  } catch (cause) {
    throw new MillwrightError(
      'MW_LANE_UNAVAILABLE',
      'JetStream did not confirm an ack',
      undefined,
      {
        cause,
      },
    );
  }
  if (!acknowledged)
    throw new MillwrightError('MW_LANE_UNAVAILABLE', 'JetStream did not confirm an ack');
}
