// The publishing side of the cluster business lane: committed outbox events go to the
// MW_BIZ stream on their business subject, with Nats-Msg-Id = eventId so JetStream drops a
// re-publish (after a failover) inside the duplicate window. Consumers are not built here.
import { headers, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import {
  BUSINESS_STREAM,
  BUSINESS_SUBJECT_PREFIX,
  businessSubject,
  type AnyBusinessEvent,
  type BusinessLanePublisher,
  type PublishResult,
} from '../../../contracts/index.ts';

/** Header naming the node that published, for audits of split-brain claims. */
export const PUBLISHER_NODE_HEADER = 'Millwright-Node';

export interface LanePublisherOptions {
  /** Recorded in the PUBLISHER_NODE_HEADER of every message. */
  readonly nodeId: string;
  readonly timeoutMs?: number;
}

/** Creates MW_BIZ if it does not exist (never alters an existing one). */
export async function ensureBusinessStream(
  jsm: JetStreamManager,
  duplicateWindowMs = 2 * 60_000,
): Promise<void> {
  try {
    await jsm.streams.info(BUSINESS_STREAM);
    return;
  } catch {
    // not there yet
  }
  try {
    await jsm.streams.add({
      name: BUSINESS_STREAM,
      subjects: [`${BUSINESS_SUBJECT_PREFIX}.>`],
      duplicate_window: duplicateWindowMs * 1_000_000,
    });
  } catch (error) {
    // Another node created it at the same moment.
    await jsm.streams.info(BUSINESS_STREAM).catch(() => {
      throw error;
    });
  }
}

export class JetStreamLanePublisher implements BusinessLanePublisher {
  readonly #js: JetStreamClient;
  readonly #nodeId: string;
  readonly #encoder = new TextEncoder();
  duplicates = 0;
  published = 0;

  constructor(nc: NatsConnection, options: LanePublisherOptions) {
    this.#js = nc.jetstream({ timeout: options.timeoutMs ?? 5_000 });
    this.#nodeId = options.nodeId;
  }

  /** JSON body (Content-Type application/json); see docs/actors.md "Business lane". */
  async publish(event: AnyBusinessEvent): Promise<PublishResult> {
    const h = headers();
    h.set('Content-Type', 'application/json');
    h.set(PUBLISHER_NODE_HEADER, this.#nodeId);
    const ack = await this.#js.publish(
      businessSubject(event.plant, event.workCenter, event.type),
      this.#encoder.encode(JSON.stringify(event)),
      { msgID: event.eventId, headers: h },
    );
    if (ack.duplicate) this.duplicates++;
    else this.published++;
    return { duplicate: ack.duplicate };
  }
}
