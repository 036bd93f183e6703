// Lot genealogy: which consumed lots went into a produced lot (ISA-95 material lot links).
import { z } from 'zod';
import { businessEvent } from '../envelope.ts';
import { LotId, MaterialCode, ProductionOrderId } from '../ids.ts';
import { NonNegativeQuantity } from '../quantity.ts';

export const GenealogyRecorded = businessEvent(
  'genealogy.recorded.v1',
  z.strictObject({
    order: ProductionOrderId,
    produced: z.strictObject({ material: MaterialCode, lot: LotId, quantity: NonNegativeQuantity }),
    consumed: z.array(
      z.strictObject({ material: MaterialCode, lot: LotId, quantity: NonNegativeQuantity }),
    ),
  }),
);
export type GenealogyRecorded = z.infer<typeof GenealogyRecorded>;
