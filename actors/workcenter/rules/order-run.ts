// The order a work center is running: which operation, what it produced, what it consumed
// per BOM item (in the BOM's unit, with the lots), and the consumptions held for review.
// Plain JSON so it snapshots with the actor state; changed only by the pure functions here.
import { z } from 'zod';
import {
  MillwrightError,
  ProductionOrder,
  type ConsumptionSource,
  type Quantity,
  type UnitTable,
} from '../../../contracts/index.ts';

export const HeldConsumption = z.strictObject({
  bomItem: z.string(),
  material: z.string(),
  plannedQuantity: z.number(),
  actualQuantity: z.number(),
  unit: z.string(),
  deviationPercent: z.number().nullable(),
  lots: z.record(z.string(), z.number()),
  /** The out-of-tolerance event that put it on hold. */
  heldBy: z.string(),
});
export type HeldConsumption = z.infer<typeof HeldConsumption>;

export const OrderRun = z.strictObject({
  order: ProductionOrder,
  operation: z.string(),
  status: z.enum(['released', 'running', 'completed']),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  good: z.int().nonnegative(),
  scrap: z.int().nonnegative(),
  rework: z.int().nonnegative(),
  /** bomItem -> consumed quantity in the BOM line's unit, and per lot. */
  consumed: z.record(
    z.string(),
    z.strictObject({ quantity: z.number(), lots: z.record(z.string(), z.number()) }),
  ),
  held: z.array(HeldConsumption),
  correlationId: z.string(),
});
export type OrderRun = z.infer<typeof OrderRun>;

/** Starts tracking an order on this work center (its first operation here). */
export function releaseRun(
  order: ProductionOrder,
  workCenter: string,
  correlationId: string,
): OrderRun {
  const operation = order.routing.operations.find((op) => op.workCenter === workCenter);
  if (operation === undefined) {
    throw new MillwrightError(
      'MW_WORKCENTER_ORDER_NOT_HERE',
      `order ${order.order} has no operation on work center ${workCenter}`,
      { order: order.order, workCenter },
    );
  }
  return {
    order,
    operation: operation.operation,
    status: 'released',
    startedAt: null,
    finishedAt: null,
    good: 0,
    scrap: 0,
    rework: 0,
    consumed: {},
    held: [],
    correlationId,
  };
}

export function addCounts(run: OrderRun, good: number, scrap: number, at: string): OrderRun {
  return {
    ...run,
    status: 'running',
    startedAt: run.startedAt ?? at,
    good: run.good + good,
    scrap: run.scrap + scrap,
  };
}

/** True once the good count reaches the order's target quantity. */
export function targetReached(run: OrderRun): boolean {
  return run.good >= run.order.targetQuantity.value;
}

export interface ConsumptionInput {
  readonly bomItem: string;
  readonly quantity: Quantity;
  readonly lot?: string;
  readonly source: ConsumptionSource;
}

/** Books a scanned / MES consumption against a BOM item of the running operation. */
export function addConsumption(
  run: OrderRun,
  input: ConsumptionInput,
  units: UnitTable,
  at: string,
): OrderRun {
  const line = run.order.components.find(
    (c) => c.item === input.bomItem && c.operation === run.operation,
  );
  if (line === undefined) {
    throw new MillwrightError(
      'MW_WORKCENTER_UNKNOWN_BOM_ITEM',
      `BOM item ${input.bomItem} is not consumed by operation ${run.operation} of order ${run.order.order}`,
      { order: run.order.order, operation: run.operation, bomItem: input.bomItem },
    );
  }
  const quantity = units.convertValue(
    input.quantity.value,
    input.quantity.unit,
    line.quantity.unit,
  );
  const previous = run.consumed[input.bomItem] ?? { quantity: 0, lots: {} };
  const lots =
    input.lot === undefined
      ? previous.lots
      : { ...previous.lots, [input.lot]: (previous.lots[input.lot] ?? 0) + quantity };
  return {
    ...run,
    status: 'running',
    startedAt: run.startedAt ?? at,
    consumed: {
      ...run.consumed,
      [input.bomItem]: { quantity: previous.quantity + quantity, lots },
    },
  };
}
