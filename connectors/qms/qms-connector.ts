// The QMS connector. Consumes quality.hold.v1 (durable consumer "qms") and creates one
// inspection lot per hold in the QMS (Idempotency-Key = the hold's event id). Polls the QMS
// usage-decision feed from a stored cursor and publishes each decision into the business lane
// as quality.released.v1 / quality.rejected.v1 (deterministic ids), audited once. A second
// durable consumer ("qms-lots") hands the decisions to the work-center actors when a
// `lotStatus` port is given, retrying until they have it; one the actor refuses for good (a
// non-retryable MW_* error) is dead-lettered with its reason.
import {
  MillwrightError,
  QualityHold,
  type LaneDelivery,
  type LaneSubscription,
  type QualityRejected,
  type QualityReleased,
} from '../../contracts/index.ts';
import type { AuditTrail } from '../audit-trail.ts';
import { backoffMs, defaultRetry, type RetryPolicy } from '../erp/retry-policy.ts';
import type { BusinessLane } from '../lane/index.ts';
import { silentLogger, type ConnectorLogger } from '../logger.ts';
import { decisionEvent } from './decision-event.ts';
import type { InspectionStore } from './inspection-store.ts';
import type { UsageDecision } from './qms-api.ts';
import type { QmsClient } from './qms-client.ts';

export type QualityDecisionEvent = QualityReleased | QualityRejected;

export interface QmsConnectorOptions {
  readonly lane: BusinessLane;
  readonly store: InspectionStore;
  readonly client: QmsClient;
  readonly audit: AuditTrail;
  /** How often the decision feed is read. */
  readonly pollIntervalMs: number;
  /** Durable consumer of the holds; the lot-status consumer is `<name>-lots`. Default "qms". */
  readonly consumerName?: string;
  readonly retry?: Partial<RetryPolicy>;
  /**
   * A decision for a lot this connector does not know (yet) holds the feed back this long, in
   * case its hold is still being recorded; after it the decision is skipped and counted.
   */
  readonly unknownLotGraceMs?: number;
  /** Tells the owning work-center actor the lot's status; absent: nobody is told. */
  readonly lotStatus?: (event: QualityDecisionEvent) => Promise<void>;
  readonly logger?: ConnectorLogger;
}

const COUNTERS = [
  'holds',
  'lotsCreated',
  'lotsRepeated',
  'decisions',
  'unknownLots',
  'retries',
  'deadLettered',
  'lotStatusTold',
  'pollFailures',
] as const;
export type QmsCounter = (typeof COUNTERS)[number];

export class QmsConnector {
  readonly name: string;
  readonly #options: QmsConnectorOptions;
  readonly #retry: RetryPolicy;
  readonly #logger: ConnectorLogger;
  readonly #counts = new Map<QmsCounter, number>(COUNTERS.map((c) => [c, 0]));
  readonly #subscriptions: LaneSubscription[] = [];
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;

  constructor(options: QmsConnectorOptions) {
    this.#options = options;
    this.name = options.consumerName ?? 'qms';
    this.#retry = { ...defaultRetry, ...options.retry };
    this.#logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    const { lane, lotStatus } = this.#options;
    this.#subscriptions.push(
      await lane.consume(this.name, ['quality.hold.v1'], (d) => this.#onHold(d)),
    );
    if (lotStatus !== undefined) {
      const types = ['quality.released.v1', 'quality.rejected.v1'];
      this.#subscriptions.push(
        await lane.consume(`${this.name}-lots`, types, (d) => this.#tell(d, lotStatus)),
      );
    }
    this.#timer = setInterval(() => {
      void this.pollOnce();
    }, this.#options.pollIntervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#polling;
    for (const s of this.#subscriptions.splice(0)) await s.stop();
  }

  count(counter: QmsCounter): number {
    return this.#counts.get(counter) ?? 0;
  }

  stats(): Record<QmsCounter, number> {
    return Object.fromEntries(this.#counts) as Record<QmsCounter, number>;
  }

  /** Reads the decision feed once (the timer calls it; tests may too). Never overlaps itself. */
  pollOnce(): Promise<void> {
    this.#polling ??= this.#poll().finally(() => {
      this.#polling = undefined;
    });
    return this.#polling;
  }

  #increment(counter: QmsCounter): void {
    this.#counts.set(counter, this.count(counter) + 1);
  }

  async #onHold(delivery: LaneDelivery): Promise<void> {
    const parsed = QualityHold.safeParse(delivery.event);
    if (!parsed.success) {
      const message = `quality.hold.v1 is invalid: ${parsed.error.issues[0]?.message ?? ''}`;
      await delivery.deadLetter({
        code: 'MW_CONTRACT_INVALID',
        message,
        data: { issues: parsed.error.issues },
      });
      this.#increment('deadLettered');
      return;
    }
    const hold = parsed.data;
    this.#increment('holds');
    try {
      const { lot, repeated } = await this.#options.client.createInspectionLot(
        {
          plant: hold.plant,
          material: hold.payload.material,
          batch: hold.payload.lot,
          quantity: hold.payload.quantity.value,
          unit: hold.payload.quantity.unit,
          ...(hold.payload.order === undefined ? {} : { order: hold.payload.order }),
          workCenter: hold.workCenter,
          instruction: hold.payload.instruction,
          reason: hold.payload.reason,
        },
        hold.eventId,
      );
      await this.#options.store.open(lot.inspectionLot, hold);
      this.#increment(repeated ? 'lotsRepeated' : 'lotsCreated');
      this.#logger.info(
        { eventId: hold.eventId, lot: hold.payload.lot, inspectionLot: lot.inspectionLot },
        'inspection lot created in QMS',
      );
    } catch (error) {
      await this.#onFailure(delivery, error);
      return;
    }
    await delivery.ack();
  }

  async #onFailure(delivery: LaneDelivery, error: unknown): Promise<void> {
    const failure =
      error instanceof MillwrightError
        ? error
        : new MillwrightError('MW_LANE_UNAVAILABLE', String(error), undefined, { cause: error });
    if (failure.retryable) {
      this.#increment('retries');
      await delivery.retryLater(backoffMs(delivery.attempt, this.#retry));
      this.#logger.debug({ eventId: delivery.event.eventId, code: failure.type }, failure.message);
      return;
    }
    await delivery.deadLetter({ code: failure.type, message: failure.message, data: failure.data });
    this.#increment('deadLettered');
    this.#logger.warn({ eventId: delivery.event.eventId, code: failure.type }, failure.message);
  }

  async #poll(): Promise<void> {
    const { client, store } = this.#options;
    try {
      for (let page = 0; page < 100; page += 1) {
        const { results } = await client.decisionsAfter(await store.cursor());
        if (results.length === 0) return;
        for (const decision of results) {
          if (!(await this.#apply(decision))) return; // held back: try again next poll
          await store.saveCursor(decision.seq);
        }
      }
    } catch (error) {
      this.#increment('pollFailures');
      this.#logger.warn({ err: error }, 'reading QMS decisions failed; next poll tries again');
    }
  }

  /** Publishes one decision; false when it must wait (its hold is not recorded yet). */
  async #apply(decision: UsageDecision): Promise<boolean> {
    const { store, lane, audit } = this.#options;
    const record = await store.get(decision.inspectionLot);
    if (record === undefined) {
      const age = Date.now() - Date.parse(decision.decidedAt);
      if (age < (this.#options.unknownLotGraceMs ?? 600_000)) return false;
      this.#increment('unknownLots');
      const code = 'MW_QMS_UNKNOWN_INSPECTION_LOT';
      this.#logger.warn({ code, inspectionLot: decision.inspectionLot }, 'decision skipped');
      return true;
    }
    const event = decisionEvent(record.hold, decision, new Date());
    await lane.publish(event);
    const state = decision.decision === 'accepted' ? 'released' : 'rejected';
    if (await store.decide(decision.inspectionLot, state, event.eventId, decision.decidedAt)) {
      this.#increment('decisions');
      audit.append({
        actor: `qms:${decision.decidedBy}`,
        action: 'qms.decision',
        target: `${record.hold.plant}/${record.hold.payload.lot}`,
        outcome: state,
        correlationId: record.hold.correlationId,
        details: {
          inspectionLot: decision.inspectionLot,
          eventId: event.eventId,
          holdEventId: record.hold.eventId,
          disposition: decision.disposition,
          reason: decision.reason,
          decidedAt: decision.decidedAt,
        },
      });
    }
    return true;
  }

  async #tell(
    delivery: LaneDelivery,
    lotStatus: (event: QualityDecisionEvent) => Promise<void>,
  ): Promise<void> {
    try {
      await lotStatus(delivery.event as QualityDecisionEvent);
    } catch (error) {
      // The actor refused the decision for good (unknown lot, lot not in inspection, invalid
      // params): keep it with the reason instead of asking again every minute forever.
      if (error instanceof MillwrightError && !error.retryable) {
        const { type, message, data } = error;
        await delivery.deadLetter({ code: type, message, data });
        this.#increment('deadLettered');
        this.#logger.warn({ eventId: delivery.event.eventId, code: type }, message);
        return;
      }
      // The actor host may be moving or down: the decision waits for it, it is never dropped.
      const wait = backoffMs(delivery.attempt, { ...this.#retry, maxMs: 60_000 });
      await delivery.retryLater(wait);
      this.#logger.debug(
        { err: error, eventId: delivery.event.eventId },
        'lot status not told yet',
      );
      return;
    }
    this.#increment('lotStatusTold');
    await delivery.ack();
  }
}
