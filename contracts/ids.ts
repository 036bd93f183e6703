// Branded identifiers of the canonical model (ISA-95 vocabulary). A brand makes a plant id
// and a work-center id different types even though both are strings, so they cannot be swapped.
import { z } from 'zod';

/** Codes used as keys and in subjects: no spaces, no NATS wildcards or separators' surprises. */
const code = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(64, `${what} is at most 64 characters`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, `${what} uses letters, digits, '-' and '_' only`);

export const PlantId = code('plant').brand<'PlantId'>();
export type PlantId = z.infer<typeof PlantId>;

export const AreaId = code('area').brand<'AreaId'>();
export type AreaId = z.infer<typeof AreaId>;

export const WorkCenterId = code('work center').brand<'WorkCenterId'>();
export type WorkCenterId = z.infer<typeof WorkCenterId>;

export const ProductionOrderId = code('production order').brand<'ProductionOrderId'>();
export type ProductionOrderId = z.infer<typeof ProductionOrderId>;

/** Routing operation number as ERP keeps it, e.g. "0010". */
export const OperationNumber = z
  .string()
  .regex(/^\d{1,4}$/, 'operation is 1-4 digits, e.g. "0010"')
  .brand<'OperationNumber'>();
export type OperationNumber = z.infer<typeof OperationNumber>;

export const MaterialCode = code('material').brand<'MaterialCode'>();
export type MaterialCode = z.infer<typeof MaterialCode>;

export const LotId = code('lot').brand<'LotId'>();
export type LotId = z.infer<typeof LotId>;

export const ReasonCode = code('reason code').brand<'ReasonCode'>();
export type ReasonCode = z.infer<typeof ReasonCode>;

/** An edge source (OPC UA session, MQTT client, file reader) that numbers its frames. */
export const SourceId = z.string().min(1).max(128).brand<'SourceId'>();
export type SourceId = z.infer<typeof SourceId>;

/** Deterministic business event id (see event-id.ts); also the ERP idempotency key. */
export const EventId = z.uuid().brand<'EventId'>();
export type EventId = z.infer<typeof EventId>;

/** Carried from the source sample or order release to the ERP document number. */
export const CorrelationId = z.string().min(1).max(128).brand<'CorrelationId'>();
export type CorrelationId = z.infer<typeof CorrelationId>;

/** Actor sequence number: strictly increasing per work center. */
export const Sequence = z.int().nonnegative();
export type Sequence = z.infer<typeof Sequence>;
