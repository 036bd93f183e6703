// The ERP connector: consumes the business lane as one durable consumer, posts each event
// exactly once through the ErpPoster, and decides each failure's fate: retryable errors wait
// (backoff with jitter, or until the circuit breaker lets a probe through), permanent ones and
// exhausted retries go to the dead letters with their reason. Operators list, replay (same
// event id, so never a second document) and discard dead letters; both actions are audited.
import { randomUUID } from 'node:crypto';
import {
  MillwrightError,
  type ErrorCode,
  type LaneDelivery,
  type LaneSubscription,
} from '../../contracts/index.ts';
import type { BusinessLane, DeadLetterEntry } from '../lane/index.ts';
import { silentLogger, type ConnectorLogger } from '../logger.ts';
import type { AuditTrail } from '../audit-trail.ts';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.ts';
import { ConnectorMetrics, type MetricsSink } from './connector-metrics.ts';
import type { ErpEndpoint } from './erp-http.ts';
import { ErpPoster, type PostResult } from './erp-poster.ts';
import type { ErpProfile } from './erp-profile.ts';
import type { PostingLedger } from './posting-ledger.ts';
import { backoffMs, defaultRetry, type RetryPolicy } from './retry-policy.ts';

export interface ErpConnectorOptions {
  readonly lane: BusinessLane;
  readonly ledger: PostingLedger;
  readonly profile: ErpProfile;
  readonly endpoint: ErpEndpoint;
  /** Replays and discards are appended here (the node's hash-chained audit log). */
  readonly audit: AuditTrail;
  /** Durable consumer name; also names the connector in dead letters. Default "erp". */
  readonly consumerName?: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly breaker?: Partial<CircuitBreakerOptions>;
  readonly metricsSink?: MetricsSink;
  readonly logger?: ConnectorLogger;
}

/** Outages wait without limit (guarantee 4); only other retryable errors can be exhausted. */
const OUTAGES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'MW_ERP_UNAVAILABLE',
  'MW_ERP_TIMEOUT',
  'MW_ERP_CIRCUIT_OPEN',
  'MW_ERP_POSTING_BUSY',
  'MW_ERP_UNAUTHORIZED',
  'MW_LANE_UNAVAILABLE',
]);

function asMillwrightError(error: unknown): MillwrightError {
  if (error instanceof MillwrightError) return error;
  return new MillwrightError('MW_PLATFORM_INTERNAL', String(error), undefined, { cause: error });
}

export class ErpConnector {
  readonly name: string;
  readonly metrics: ConnectorMetrics;
  readonly breaker: CircuitBreaker;
  readonly #options: ErpConnectorOptions;
  readonly #retry: RetryPolicy;
  readonly #poster: ErpPoster;
  readonly #logger: ConnectorLogger;
  #subscription: LaneSubscription | undefined;

  constructor(options: ErpConnectorOptions) {
    this.#options = options;
    this.name = options.consumerName ?? 'erp';
    this.#retry = { ...defaultRetry, ...options.retry };
    this.#logger = options.logger ?? silentLogger;
    this.metrics = new ConnectorMetrics(options.metricsSink);
    this.breaker = new CircuitBreaker(options.breaker, () => {
      this.metrics.increment('circuitOpened');
      this.#logger.warn({ connector: this.name }, 'ERP circuit opened: postings wait');
    });
    this.#poster = new ErpPoster({
      profile: options.profile,
      endpoint: options.endpoint,
      ledger: options.ledger,
      breaker: this.breaker,
      metrics: this.metrics,
      logger: this.#logger,
      instanceId: `${this.name}-${randomUUID()}`,
      claimLeaseMs: options.endpoint.timeoutMs * 2 + 1_000,
    });
  }

  async start(): Promise<void> {
    const types = this.#options.profile.eventTypes;
    this.#subscription = await this.#options.lane.consume(this.name, types, (delivery) =>
      this.#handle(delivery),
    );
  }

  async stop(): Promise<void> {
    await this.#subscription?.stop();
    this.#subscription = undefined;
  }

  async #handle(delivery: LaneDelivery): Promise<void> {
    const { eventId, type } = delivery.event;
    try {
      const result = await this.#poster.post(delivery.event);
      this.#logger.debug({ ...result, type }, 'posted to ERP');
    } catch (error) {
      await this.#onFailure(delivery, asMillwrightError(error));
      return;
    }
    // A lost ack only means a redelivery, which the ledger answers as a duplicate.
    await delivery.ack().catch((error: unknown) => {
      this.#logger.warn({ err: error, eventId }, 'ack not confirmed; a redelivery is harmless');
    });
  }

  async #onFailure(delivery: LaneDelivery, failure: MillwrightError): Promise<void> {
    const { eventId, type } = delivery.event;
    const log = { eventId, type, code: failure.type, attempt: delivery.attempt };
    if (!failure.retryable) {
      await this.#deadLetter(delivery, failure.type, failure.message, failure.data);
      this.#logger.warn(log, `dead-lettered: ${failure.message}`);
    } else if (!OUTAGES.has(failure.type) && delivery.attempt >= this.#retry.maxAttempts) {
      const last = { code: failure.type, message: failure.message, data: failure.data };
      const message = `gave up after ${delivery.attempt} attempts: ${failure.message}`;
      await this.#deadLetter(delivery, 'MW_ERP_RETRIES_EXHAUSTED', message, { last });
      this.#logger.warn(log, message);
    } else {
      this.metrics.increment('retries', { code: failure.type });
      const wait = backoffMs(delivery.attempt, this.#retry);
      await delivery.retryLater(Math.max(wait, this.breaker.remainingMs() + wait / 4));
      this.#logger.debug(log, `retrying later: ${failure.message}`);
    }
  }

  async #deadLetter(delivery: LaneDelivery, code: ErrorCode, message: string, data: unknown) {
    await delivery.deadLetter(data === null ? { code, message } : { code, message, data });
    this.metrics.increment('deadLettered', { code });
  }

  listDeadLetters(limit = 100): Promise<DeadLetterEntry[]> {
    return this.#options.lane.deadLetters.list(this.name, limit);
  }

  async showDeadLetter(id: number): Promise<DeadLetterEntry> {
    const entry = await this.#options.lane.deadLetters.get(id);
    if (entry?.consumer !== this.name) {
      throw new MillwrightError(
        'MW_LANE_DEAD_LETTER_NOT_FOUND',
        `no dead letter ${id} for ${this.name}`,
        { id, consumer: this.name },
      );
    }
    return entry;
  }

  /** Posts a dead-lettered event again under its own id; removes the entry once posted. */
  async replay(id: number, actor: string): Promise<PostResult> {
    const entry = await this.showDeadLetter(id);
    if (entry.event === null) {
      throw new MillwrightError('MW_LANE_UNDECODABLE', `dead letter ${id} holds no event`, { id });
    }
    const event = entry.event;
    const audited = (outcome: string, details: Record<string, unknown>) => {
      this.#options.audit.append({
        actor,
        action: 'erp.connector.replay',
        target: `dead letter ${id}: ${event.type} ${event.eventId}`,
        outcome,
        correlationId: event.correlationId,
        details: { deadLetterId: id, eventId: event.eventId, type: event.type, ...details },
      });
    };
    let result: PostResult;
    try {
      result = await this.#poster.post(event, { replay: true });
    } catch (error) {
      const failure = asMillwrightError(error);
      audited(`failed: ${failure.type}`, {
        error: { code: failure.type, message: failure.message },
      });
      this.metrics.increment('replays', { result: 'failed' });
      throw failure;
    }
    await this.#options.lane.deadLetters.remove(id);
    audited(result.outcome, { documents: result.documents });
    this.metrics.increment('replays', { result: result.outcome });
    return result;
  }

  /** Drops a dead letter for good (the event will not be posted), audited. */
  async discard(id: number, actor: string): Promise<void> {
    const entry = await this.showDeadLetter(id);
    await this.#options.lane.deadLetters.remove(id);
    const event = entry.event;
    this.#options.audit.append({
      actor,
      action: 'erp.connector.discard',
      target: `dead letter ${id}: ${event === null ? 'undecodable' : `${event.type} ${event.eventId}`}`,
      outcome: 'discarded',
      ...(event === null ? {} : { correlationId: event.correlationId }),
      details: { deadLetterId: id, eventId: event?.eventId ?? null, reason: entry.reason },
    });
  }

  stats(): Record<string, number | string> {
    return { ...this.metrics.snapshot(), circuit: this.breaker.state };
  }
}
