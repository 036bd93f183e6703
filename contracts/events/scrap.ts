// Scrap declared on a work center, with the reason from the plant's reason-code tree.
import { z } from 'zod';
import { businessEvent } from '../envelope.ts';
import { MaterialCode, ProductionOrderId, ReasonCode } from '../ids.ts';
import { NonNegativeQuantity } from '../quantity.ts';

export const ScrapDeclared = businessEvent(
  'scrap.declared.v1',
  z.strictObject({
    order: ProductionOrderId.optional(),
    material: MaterialCode,
    quantity: NonNegativeQuantity,
    reason: ReasonCode,
  }),
);
export type ScrapDeclared = z.infer<typeof ScrapDeclared>;
