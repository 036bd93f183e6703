// A business event as a rule decides it (type, payload, status, when), before the actor gives
// it its envelope. The envelope (ids, sequence, timestamps, origin) is the same for every
// rule: `envelopeFor` builds it, with a deterministic id per (sequence, type, ordinal).
import {
  deriveEventId,
  SCHEMA_VERSION,
  type AnyBusinessEvent,
  type EventStatus,
  type Origin,
  type TimestampSource,
} from '../../../contracts/index.ts';

export interface EventDraft {
  readonly type: string;
  readonly payload: unknown;
  readonly status: EventStatus;
  readonly occurredAt: string;
  readonly productionOrder?: string;
  readonly operation?: string;
}

export interface EnvelopeContext {
  readonly plant: string;
  readonly workCenter: string;
  readonly sequence: number;
  readonly now: number;
  readonly correlationId: string;
  readonly causationId: string;
  readonly origin: Origin;
  readonly timestampSource: TimestampSource;
}

/** Envelopes several drafts of one step; several of one type get ordinals 0, 1, ... */
export function envelopeAll(
  drafts: readonly EventDraft[],
  ctx: EnvelopeContext,
): AnyBusinessEvent[] {
  const ordinals = new Map<string, number>();
  return drafts.map((draft) => {
    const ordinal = ordinals.get(draft.type) ?? 0;
    ordinals.set(draft.type, ordinal + 1);
    return envelopeFor(draft, ctx, ordinal);
  });
}

export function envelopeFor(
  draft: EventDraft,
  ctx: EnvelopeContext,
  ordinal = 0,
): AnyBusinessEvent {
  const { plant, workCenter, sequence } = ctx;
  return {
    eventId: deriveEventId({ plant, workCenter, sequence, type: draft.type, ordinal }),
    schemaVersion: SCHEMA_VERSION,
    type: draft.type,
    correlationId: ctx.correlationId as AnyBusinessEvent['correlationId'],
    causationId: ctx.causationId,
    plant: plant as AnyBusinessEvent['plant'],
    workCenter: workCenter as AnyBusinessEvent['workCenter'],
    ...(draft.productionOrder === undefined
      ? {}
      : { productionOrder: draft.productionOrder as AnyBusinessEvent['productionOrder'] & string }),
    ...(draft.operation === undefined
      ? {}
      : { operation: draft.operation as AnyBusinessEvent['operation'] & string }),
    sequence,
    occurredAt: draft.occurredAt,
    recordedAt: new Date(ctx.now).toISOString(),
    timestampSource: ctx.timestampSource,
    origin: ctx.origin,
    status: draft.status,
    payload: draft.payload,
  };
}
