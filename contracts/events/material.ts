// Goods movements: component consumption (goods issue), finished goods receipt, and the
// consumption that fell outside the BOM tolerance and waits for review.
import { z } from 'zod';
import { businessEvent } from '../envelope.ts';
import { LotId, MaterialCode, ProductionOrderId } from '../ids.ts';
import { NonNegativeQuantity } from '../quantity.ts';

export const ConsumptionSource = z.enum(['scan', 'mes', 'backflush', 'operator']);
export type ConsumptionSource = z.infer<typeof ConsumptionSource>;

export const MaterialConsumed = businessEvent(
  'material.consumed.v1',
  z.strictObject({
    order: ProductionOrderId,
    bomItem: z.string().regex(/^\d{1,4}$/),
    material: MaterialCode,
    lot: LotId.optional(),
    quantity: NonNegativeQuantity,
    source: ConsumptionSource,
  }),
);
export type MaterialConsumed = z.infer<typeof MaterialConsumed>;

/** Restricted stock waits for a quality decision; blocked stock may not be used. */
export const StockStatus = z.enum(['unrestricted', 'restricted', 'blocked']);
export type StockStatus = z.infer<typeof StockStatus>;

export const GoodsReceived = businessEvent(
  'goods.received.v1',
  z.strictObject({
    order: ProductionOrderId,
    material: MaterialCode,
    lot: LotId,
    quantity: NonNegativeQuantity,
    stockStatus: StockStatus,
  }),
);
export type GoodsReceived = z.infer<typeof GoodsReceived>;

export const ConsumptionOutOfTolerance = businessEvent(
  'consumption.out-of-tolerance.v1',
  z.strictObject({
    order: ProductionOrderId,
    bomItem: z.string().regex(/^\d{1,4}$/),
    material: MaterialCode,
    lot: LotId.optional(),
    planned: NonNegativeQuantity,
    actual: NonNegativeQuantity,
    deviationPercent: z.number(),
    allowedUnderPercent: z.number().nonnegative(),
    allowedOverPercent: z.number().nonnegative(),
  }),
);
export type ConsumptionOutOfTolerance = z.infer<typeof ConsumptionOutOfTolerance>;
