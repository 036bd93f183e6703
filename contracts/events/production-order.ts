// Production order as ERP releases it (ISA-95 "production schedule / segment requirement"):
// routing operations per work center, BOM components with tolerances, quality instructions.
import { z } from 'zod';
import { businessEvent, IsoTimestamp } from '../envelope.ts';
import { MaterialCode, OperationNumber, PlantId, ProductionOrderId, WorkCenterId } from '../ids.ts';
import { NonNegativeQuantity, Quantity } from '../quantity.ts';

export const RoutingOperation = z.strictObject({
  operation: OperationNumber,
  workCenter: WorkCenterId,
  description: z.string().max(200).optional(),
  /** Ideal time per unit, the ISO 22400 performance reference. */
  idealCycleTimeMs: z.number().positive(),
  setupTimeMs: z.number().nonnegative().default(0),
});
export type RoutingOperation = z.infer<typeof RoutingOperation>;

/** Allowed deviation from the planned component quantity, in percent of it. */
export const ConsumptionTolerance = z.strictObject({
  underPercent: z.number().min(0).max(100),
  overPercent: z.number().min(0).max(1000),
});
export type ConsumptionTolerance = z.infer<typeof ConsumptionTolerance>;

export const BomComponent = z.strictObject({
  item: z.string().regex(/^\d{1,4}$/, 'BOM item is 1-4 digits, e.g. "0010"'),
  material: MaterialCode,
  /** Planned quantity for the whole order's target quantity. */
  quantity: NonNegativeQuantity,
  tolerance: ConsumptionTolerance,
  /** The operation that consumes the component. */
  operation: OperationNumber,
  /** Back-flushed components are issued automatically at confirmation. */
  backflush: z.boolean().default(false),
});
export type BomComponent = z.infer<typeof BomComponent>;

export const QualityInstruction = z.strictObject({
  id: z.string().min(1).max(64),
  characteristic: z.string().min(1).max(200),
  operation: OperationNumber,
  /** When true the produced lot stays restricted until the QMS decides. */
  inspectionRequired: z.boolean(),
  sampleSize: z.int().positive().optional(),
});
export type QualityInstruction = z.infer<typeof QualityInstruction>;

export const ProductionOrder = z.strictObject({
  order: ProductionOrderId,
  plant: PlantId,
  material: MaterialCode,
  targetQuantity: Quantity,
  routing: z.strictObject({
    id: z.string().min(1).max(64),
    revision: z.string().min(1).max(16),
    operations: z.array(RoutingOperation).min(1),
  }),
  components: z.array(BomComponent).default([]),
  qualityInstructions: z.array(QualityInstruction).default([]),
  scheduledStart: IsoTimestamp,
  scheduledEnd: IsoTimestamp,
});
export type ProductionOrder = z.infer<typeof ProductionOrder>;

export const OrderReleased = businessEvent(
  'order.released.v1',
  z.strictObject({ order: ProductionOrder }),
);
export type OrderReleased = z.infer<typeof OrderReleased>;
