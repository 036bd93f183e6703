// The trace of one business fact (DESIGN.md guarantee 6): from a correlation id or an ERP
// document number to the whole chain: the source (the order release, the frames and inputs
// that caused the events), the work-center actor's events in the business lane, and the ERP
// postings with their document numbers, plus the audit entries of that correlation id.
// Reads only, through ports: the lane's query, the posting ledger, the order book, the audit.
import { MillwrightError, type AnyBusinessEvent } from '../../contracts/index.ts';
import type { PostingLedger, PostingRecord } from '../erp/posting-ledger.ts';
import type { BusinessLane } from '../lane/index.ts';

export interface TracedOrder {
  readonly plant: string;
  readonly order: string;
  /** The correlation id the order was released under (may differ from the traced one). */
  readonly correlationId: string;
  readonly dispatched: boolean;
}

export interface TraceSources {
  readonly lane: Pick<BusinessLane, 'find'>;
  /** The ERP connector's posting ledger. */
  readonly ledger?: Pick<PostingLedger, 'get' | 'findByDocument'>;
  /** The order book (orders.get); undefined when the order is unknown. */
  readonly order?: (plant: string, order: string) => Promise<TracedOrder | undefined>;
  /** Audit entries carrying the correlation id. */
  readonly audit?: (correlationId: string) => readonly unknown[];
}

export interface TracedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly plant: string;
  readonly workCenter: string;
  readonly sequence: number;
  readonly productionOrder?: string;
  readonly operation?: string;
  readonly occurredAt: string;
  readonly causationId: string;
  readonly status: string;
  readonly payload: unknown;
}

export interface TracedPosting {
  readonly eventId: string;
  readonly type: string;
  readonly state: PostingRecord['state'];
  readonly documents: readonly string[];
  readonly attempts: number;
  readonly replays: number;
  readonly error?: PostingRecord['error'];
}

export interface TraceChain {
  readonly query: string;
  readonly foundBy: 'correlationId' | 'erpDocument';
  readonly correlationId: string;
  readonly source: {
    readonly orders: readonly TracedOrder[];
    /** Causes outside the chain: frame ids, source inputs, operator requests. */
    readonly inputs: readonly string[];
  };
  readonly events: readonly TracedEvent[];
  readonly postings: readonly TracedPosting[];
  readonly audit: readonly unknown[];
}

/** SAP material documents ("4900000123/2025") and confirmations ("0000000042/00000003"). */
const ERP_DOCUMENT = /^\d{4,12}(\/\d{1,8})?$/;

export async function traceChain(id: string, sources: TraceSources): Promise<TraceChain> {
  let foundBy: TraceChain['foundBy'] = 'correlationId';
  let correlationId = id;
  if (ERP_DOCUMENT.test(id) && sources.ledger !== undefined) {
    const posting = await sources.ledger.findByDocument(id);
    if (posting !== undefined) {
      foundBy = 'erpDocument';
      correlationId = posting.correlationId;
    }
  }
  const events = await sources.lane.find({ correlationId });
  const postings = await postingsOf(events, sources);
  if (events.length === 0 && postings.length === 0 && foundBy === 'correlationId') {
    throw new MillwrightError(
      'MW_TRACE_NOT_FOUND',
      `no business event with correlation id "${id}" and no ERP document "${id}"`,
      { id },
    );
  }
  const ids = new Set<string>(events.map((e) => e.eventId));
  return {
    query: id,
    foundBy,
    correlationId,
    source: {
      orders: await ordersOf(events, sources),
      inputs: [...new Set(events.map((e) => e.causationId).filter((c) => !ids.has(c)))],
    },
    events: events.map(tracedEvent),
    postings,
    audit: sources.audit?.(correlationId) ?? [],
  };
}

function tracedEvent(e: AnyBusinessEvent): TracedEvent {
  return {
    eventId: e.eventId,
    type: e.type,
    plant: e.plant,
    workCenter: e.workCenter,
    sequence: e.sequence,
    ...(e.productionOrder === undefined ? {} : { productionOrder: e.productionOrder }),
    ...(e.operation === undefined ? {} : { operation: e.operation }),
    occurredAt: e.occurredAt,
    causationId: e.causationId,
    status: e.status,
    payload: e.payload,
  };
}

async function postingsOf(
  events: readonly AnyBusinessEvent[],
  sources: TraceSources,
): Promise<TracedPosting[]> {
  const ledger = sources.ledger;
  if (ledger === undefined) return [];
  const postings: TracedPosting[] = [];
  for (const event of events) {
    const found = await ledger.get(event.eventId);
    if (found === undefined) continue;
    const r = found.record;
    postings.push({
      eventId: r.eventId,
      type: r.type,
      state: r.state,
      documents: r.documents,
      attempts: r.attempts,
      replays: r.replays,
      ...(r.error === undefined ? {} : { error: r.error }),
    });
  }
  return postings;
}

async function ordersOf(
  events: readonly AnyBusinessEvent[],
  sources: TraceSources,
): Promise<TracedOrder[]> {
  const lookup = sources.order;
  if (lookup === undefined) return [];
  const keys = new Set(
    events.flatMap((e) =>
      e.productionOrder === undefined ? [] : [`${e.plant}\u0000${e.productionOrder}`],
    ),
  );
  const orders: TracedOrder[] = [];
  for (const key of keys) {
    const [plant = '', order = ''] = key.split('\u0000');
    const found = await lookup(plant, order).catch(() => undefined);
    if (found !== undefined) orders.push(found);
  }
  return orders;
}
