// Operation lifecycle on a work center: started, and confirmed with yield, scrap and rework
// (the fields of SAP's production order confirmation, in canonical form).
import { z } from 'zod';
import { businessEvent, IsoTimestamp } from '../envelope.ts';
import { LotId, OperationNumber, ProductionOrderId } from '../ids.ts';
import { NonNegativeQuantity } from '../quantity.ts';

export const OperationStarted = businessEvent(
  'operation.started.v1',
  z.strictObject({
    order: ProductionOrderId,
    operation: OperationNumber,
    startedAt: IsoTimestamp,
  }),
);
export type OperationStarted = z.infer<typeof OperationStarted>;

export const OperationConfirmed = businessEvent(
  'operation.confirmed.v1',
  z.strictObject({
    order: ProductionOrderId,
    operation: OperationNumber,
    yield: NonNegativeQuantity,
    scrap: NonNegativeQuantity,
    rework: NonNegativeQuantity,
    /** True when this confirmation completes the operation (no further confirmations). */
    finalConfirmation: z.boolean(),
    startedAt: IsoTimestamp,
    finishedAt: IsoTimestamp,
    producedLot: LotId.optional(),
  }),
);
export type OperationConfirmed = z.infer<typeof OperationConfirmed>;
