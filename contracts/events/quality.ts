// Quality decisions on a produced lot: held for inspection, then released or rejected by QMS.
import { z } from 'zod';
import { businessEvent } from '../envelope.ts';
import { LotId, MaterialCode, ProductionOrderId } from '../ids.ts';
import { NonNegativeQuantity } from '../quantity.ts';

const lotDecision = {
  order: ProductionOrderId.optional(),
  material: MaterialCode,
  lot: LotId,
  quantity: NonNegativeQuantity,
};

export const QualityHold = businessEvent(
  'quality.hold.v1',
  z.strictObject({
    ...lotDecision,
    instruction: z.string().min(1).max(64),
    reason: z.string().max(500),
  }),
);
export type QualityHold = z.infer<typeof QualityHold>;

export const QualityReleased = businessEvent(
  'quality.released.v1',
  z.strictObject({ ...lotDecision, inspectionLot: z.string().min(1).max(64) }),
);
export type QualityReleased = z.infer<typeof QualityReleased>;

export const QualityRejected = businessEvent(
  'quality.rejected.v1',
  z.strictObject({
    ...lotDecision,
    inspectionLot: z.string().min(1).max(64),
    disposition: z.enum(['blocked', 'scrap']),
    reason: z.string().max(500),
  }),
);
export type QualityRejected = z.infer<typeof QualityRejected>;
