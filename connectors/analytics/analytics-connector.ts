// The analytics connector: consumes operation.confirmed.v1 and downtime.recorded.v1 from the
// business lane (durable consumer "analytics"), keeps them as facts per work center, and
// recomputes the ISO 22400 OEE of every shift an event touches (shift-oee.ts). Each new result
// is stored and handed to `onUpdated` (the dashboard notification). Queries read the stored
// result of one shift.
import {
  DowntimeRecorded,
  MillwrightError,
  OperationConfirmed,
  parseWith,
  type AnyBusinessEvent,
  type LaneDelivery,
  type LaneSubscription,
} from '../../contracts/index.ts';
import { backoffMs, defaultRetry, type RetryPolicy } from '../erp/retry-policy.ts';
import type { BusinessLane } from '../lane/index.ts';
import { silentLogger, type ConnectorLogger } from '../logger.ts';
import type { SqliteOeeStore, ShiftKey } from './oee-store.ts';
import type { ShiftCalendar } from './shift-calendar.ts';
import { shiftOee, type DowntimeFact, type RunFact, type ShiftOee } from './shift-oee.ts';

export const ANALYTICS_EVENT_TYPES = ['operation.confirmed.v1', 'downtime.recorded.v1'] as const;

export interface AnalyticsConnectorOptions {
  readonly lane: BusinessLane;
  readonly store: SqliteOeeStore;
  /** The shift calendar of a plant. */
  readonly calendarFor: (plant: string) => ShiftCalendar;
  /** Ideal cycle time of an order's operation (from the order book); undefined if unknown. */
  readonly idealCycleTime: (
    plant: string,
    order: string,
    operation: string,
  ) => Promise<number | undefined>;
  /** Deliveries that wait for the cycle time (order service down) before going without it. */
  readonly cycleTimeAttempts?: number;
  readonly onUpdated?: (result: ShiftOee) => void;
  readonly consumerName?: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly logger?: ConnectorLogger;
}

export class AnalyticsConnector {
  readonly name: string;
  readonly #options: AnalyticsConnectorOptions;
  readonly #retry: RetryPolicy;
  readonly #logger: ConnectorLogger;
  readonly #cycleTimes = new Map<string, number>();
  #subscription: LaneSubscription | undefined;
  #updates = 0;

  constructor(options: AnalyticsConnectorOptions) {
    this.#options = options;
    this.name = options.consumerName ?? 'analytics';
    this.#retry = { ...defaultRetry, ...options.retry };
    this.#logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    this.#subscription = await this.#options.lane.consume(this.name, ANALYTICS_EVENT_TYPES, (d) =>
      this.#handle(d),
    );
  }

  async stop(): Promise<void> {
    await this.#subscription?.stop();
    this.#subscription = undefined;
  }

  /** Results stored so far (each recomputation of a shift counts). */
  get updates(): number {
    return this.#updates;
  }

  /** The stored OEE of one shift: MW_ANALYTICS_UNKNOWN_SHIFT / MW_ANALYTICS_NO_DATA otherwise. */
  oee(key: ShiftKey): ShiftOee {
    const calendar = this.#options.calendarFor(key.plant);
    if (calendar.shift(key.date, key.shift) === undefined) {
      throw new MillwrightError(
        'MW_ANALYTICS_UNKNOWN_SHIFT',
        `plant ${key.plant} has no shift "${key.shift}" on ${key.date}`,
        { ...key, shifts: calendar.shiftNames },
      );
    }
    const result = this.#options.store.result(key);
    if (result === undefined) {
      throw new MillwrightError(
        'MW_ANALYTICS_NO_DATA',
        `no OEE for ${key.plant}/${key.workCenter} in shift ${key.shift} of ${key.date} yet`,
        key,
      );
    }
    return result;
  }

  async #handle(delivery: LaneDelivery): Promise<void> {
    const event = delivery.event;
    try {
      if (event.type === 'operation.confirmed.v1') {
        const run = await this.#runOf(event, delivery.attempt);
        if (run === 'wait') {
          await delivery.retryLater(backoffMs(delivery.attempt, this.#retry));
          return;
        }
        this.#options.store.addRun(event.plant, event.workCenter, run);
        this.#recompute(event, run.startMs, run.endMs);
      } else {
        const downtime = this.#downtimeOf(event);
        this.#options.store.addDowntime(event.plant, event.workCenter, downtime);
        // A downtime also moves the share of any run it cuts into between shifts.
        const runs = this.#options.store.runs(
          event.plant,
          event.workCenter,
          downtime.startMs,
          downtime.endMs,
        );
        const from = Math.min(downtime.startMs, ...runs.map((r) => r.startMs));
        const to = Math.max(downtime.endMs, ...runs.map((r) => r.endMs));
        this.#recompute(event, from, to);
      }
    } catch (error) {
      if (error instanceof MillwrightError && !error.retryable) {
        await delivery.deadLetter({ code: error.type, message: error.message, data: error.data });
        return;
      }
      throw error; // the lane retries it later
    }
    await delivery.ack();
  }

  async #runOf(event: AnyBusinessEvent, attempt: number): Promise<RunFact | 'wait'> {
    const confirmed = parseWith(OperationConfirmed, event, event.type);
    const p = confirmed.payload;
    const key = `${event.plant}/${p.order}/${p.operation}`;
    let ideal = this.#cycleTimes.get(key);
    if (ideal === undefined) {
      try {
        ideal = await this.#options.idealCycleTime(event.plant, p.order, p.operation);
      } catch (error) {
        if (attempt < (this.#options.cycleTimeAttempts ?? 5)) return 'wait';
        this.#logger.warn({ err: error, order: p.order }, 'no ideal cycle time; OEE without it');
      }
      if (ideal !== undefined) this.#cycleTimes.set(key, ideal);
    }
    return {
      eventId: event.eventId,
      order: p.order,
      operation: p.operation,
      startMs: Date.parse(p.startedAt),
      endMs: Math.max(Date.parse(p.finishedAt), Date.parse(p.startedAt)),
      good: p.yield.value,
      scrap: p.scrap.value,
      rework: p.rework.value,
      idealCycleTimeMs: ideal ?? null,
    };
  }

  #downtimeOf(event: AnyBusinessEvent): DowntimeFact {
    const p = parseWith(DowntimeRecorded, event, event.type).payload;
    const startMs = Date.parse(p.startedAt);
    return {
      eventId: event.eventId,
      startMs,
      endMs: Math.max(Date.parse(p.endedAt), startMs),
      planned: p.planned,
      reason: p.reason,
    };
  }

  #recompute(at: { plant: string; workCenter: string }, fromMs: number, toMs: number): void {
    const { store, calendarFor, onUpdated } = this.#options;
    const calendar = calendarFor(at.plant);
    const shifts =
      toMs > fromMs
        ? calendar.shiftsOverlapping(fromMs, toMs)
        : [calendar.shiftAt(fromMs)].filter((s) => s !== undefined);
    for (const shift of shifts) {
      const runs = store.runs(at.plant, at.workCenter, shift.startMs, shift.endMs);
      const span = {
        from: Math.min(shift.startMs, ...runs.map((r) => r.startMs)),
        to: Math.max(shift.endMs, ...runs.map((r) => r.endMs)),
      };
      const downtimes = store.downtimes(at.plant, at.workCenter, span.from, span.to);
      const result = shiftOee(at, shift, runs, downtimes, calendar);
      store.saveResult(result);
      this.#updates += 1;
      onUpdated?.(result);
    }
  }
}
