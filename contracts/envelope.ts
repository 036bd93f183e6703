// The one envelope every business event travels in (DESIGN.md, "Canonical model"): identity,
// causality, placement in the ISA-95 hierarchy, the two timestamps and who originated it.
// `businessEvent` builds the schema of one event type from its payload schema.
import { z } from 'zod';
import {
  CorrelationId,
  EventId,
  OperationNumber,
  PlantId,
  ProductionOrderId,
  Sequence,
  WorkCenterId,
} from './ids.ts';

export const SCHEMA_VERSION = 1;

/** Where `occurredAt` came from, so a reader knows how far to trust it. */
export const TimestampSource = z.enum(['device', 'edge', 'actor', 'operator', 'erp', 'qms']);
export type TimestampSource = z.infer<typeof TimestampSource>;

export const Origin = z.object({
  kind: z.enum(['system', 'device', 'operator']),
  id: z.string().min(1).max(128),
});
export type Origin = z.infer<typeof Origin>;

/** Lifecycle of the business fact as the runtime sees it. */
export const EventStatus = z.enum(['recorded', 'held', 'posted', 'rejected']);
export type EventStatus = z.infer<typeof EventStatus>;

export const IsoTimestamp = z.iso.datetime({ offset: true });
export type IsoTimestamp = z.infer<typeof IsoTimestamp>;

const envelopeFields = {
  eventId: EventId,
  schemaVersion: z.literal(SCHEMA_VERSION),
  correlationId: CorrelationId,
  /** The id of the message (event, command, frame) that caused this one. */
  causationId: z.string().min(1).max(128),
  plant: PlantId,
  workCenter: WorkCenterId,
  productionOrder: ProductionOrderId.optional(),
  operation: OperationNumber.optional(),
  /** The work-center actor's sequence number that produced the event. */
  sequence: Sequence,
  occurredAt: IsoTimestamp,
  recordedAt: IsoTimestamp,
  timestampSource: TimestampSource,
  origin: Origin,
  status: EventStatus,
};

export function businessEvent<const Name extends string, P extends z.ZodType>(
  type: Name,
  payload: P,
) {
  return z.strictObject({ ...envelopeFields, type: z.literal(type), payload });
}

/** The envelope alone, payload unknown: for code that routes events without reading them. */
export const AnyBusinessEvent = z.object({
  ...envelopeFields,
  type: z.string().regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)+\.v\d+$/),
  payload: z.unknown(),
});
export type AnyBusinessEvent = z.infer<typeof AnyBusinessEvent>;
