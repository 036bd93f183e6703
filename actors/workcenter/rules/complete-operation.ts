// Operation completion (target reached or an explicit completeOperation): the confirmation,
// a goods issue per consumed BOM line (back-flushed lines at their expected quantity), and on
// the routing's last operation the goods receipt of the produced lot, its genealogy and, when a
// quality instruction requires inspection, the hold that keeps the lot restricted.
// Consumption outside the BOM tolerance is not posted: it raises
// consumption.out-of-tolerance.v1 and waits for review (approve-consumption.ts).
import type { BomComponent } from '../../../contracts/index.ts';
import type { EventDraft } from './event-draft.ts';
import type { ProducedLot } from './lot-status.ts';
import type { HeldConsumption, OrderRun } from './order-run.ts';

/** The produced lot of an order's last operation: deterministic, so a replay names it again. */
export function producedLotOf(run: OrderRun): string {
  return `L${run.order.order}-${run.operation}`;
}

/** Expected consumption of a line for what was actually produced (good and scrap). */
export function expectedConsumption(line: BomComponent, run: OrderRun): number {
  const target = run.order.targetQuantity.value;
  return target > 0 ? (line.quantity.value * (run.good + run.scrap)) / target : 0;
}

/**
 * Percent deviation of actual from expected; null when nothing was expected. Rounded to 1e-6 %
 * so that binary floating point does not push a consumption at the limit past it
 * ((107 - 100) / 100 * 100 is 7.000000000000001).
 */
export function deviationPercent(actual: number, expected: number): number | null {
  if (expected === 0) return actual === 0 ? 0 : null;
  return Math.round(((actual - expected) / expected) * 100 * 1e6) / 1e6;
}

function withinTolerance(line: BomComponent, deviation: number | null): boolean {
  return (
    deviation !== null &&
    deviation >= -line.tolerance.underPercent &&
    deviation <= line.tolerance.overPercent
  );
}

export interface Completion {
  readonly run: OrderRun;
  readonly drafts: EventDraft[];
  /** The lot received into stock (last operation, something good made), for the actor's lots. */
  readonly received?: ProducedLot;
}

export function completeOperation(run: OrderRun, finishedAt: string): Completion {
  const { order } = run;
  const common = { productionOrder: order.order, operation: run.operation, occurredAt: finishedAt };
  const isLast = order.routing.operations.at(-1)?.operation === run.operation;
  // Nothing good produced, no lot: ERP refuses a goods receipt of zero and QMS has nothing to inspect.
  const lot = isLast && run.good > 0 ? producedLotOf(run) : undefined;
  const inspection = order.qualityInstructions.find((qi) => qi.inspectionRequired);
  const unit = order.targetQuantity.unit;
  const drafts: EventDraft[] = [];
  const held: HeldConsumption[] = [...run.held];
  const consumedLots: {
    material: string;
    lot: string;
    quantity: { value: number; unit: string };
  }[] = [];

  drafts.push({
    ...common,
    type: 'operation.confirmed.v1',
    status: 'recorded',
    payload: {
      order: order.order,
      operation: run.operation,
      yield: { value: run.good, unit },
      scrap: { value: run.scrap, unit },
      rework: { value: run.rework, unit },
      finalConfirmation: true,
      startedAt: run.startedAt ?? finishedAt,
      finishedAt,
      ...(lot === undefined ? {} : { producedLot: lot }),
    },
  });

  for (const line of order.components.filter((c) => c.operation === run.operation)) {
    const expected = expectedConsumption(line, run);
    const booked = run.consumed[line.item];
    const actual = line.backflush && booked === undefined ? expected : (booked?.quantity ?? 0);
    const lots = booked?.lots ?? {};
    const deviation = deviationPercent(actual, expected);
    for (const [consumedLot, quantity] of Object.entries(lots))
      consumedLots.push({
        material: line.material,
        lot: consumedLot,
        quantity: { value: quantity, unit: line.quantity.unit },
      });
    if (actual === 0 && expected === 0) continue;
    if (withinTolerance(line, deviation)) {
      drafts.push(
        goodsIssue(
          run,
          line,
          actual,
          lots,
          line.backflush && booked === undefined ? 'backflush' : 'scan',
          common,
        ),
      );
      continue;
    }
    drafts.push({
      ...common,
      type: 'consumption.out-of-tolerance.v1',
      status: 'held',
      payload: {
        order: order.order,
        bomItem: line.item,
        material: line.material,
        planned: { value: expected, unit: line.quantity.unit },
        actual: { value: actual, unit: line.quantity.unit },
        deviationPercent: deviation ?? 100,
        allowedUnderPercent: line.tolerance.underPercent,
        allowedOverPercent: line.tolerance.overPercent,
      },
    });
    held.push({
      bomItem: line.item,
      material: line.material,
      plannedQuantity: expected,
      actualQuantity: actual,
      unit: line.quantity.unit,
      deviationPercent: deviation,
      lots,
      heldBy: `${order.order}/${run.operation}/${line.item}`,
    });
  }

  if (lot !== undefined) {
    const quantity = { value: run.good, unit };
    drafts.push({
      ...common,
      type: 'goods.received.v1',
      status: 'recorded',
      payload: {
        order: order.order,
        material: order.material,
        lot,
        quantity,
        stockStatus: inspection === undefined ? 'unrestricted' : 'restricted',
      },
    });
    drafts.push({
      ...common,
      type: 'genealogy.recorded.v1',
      status: 'recorded',
      payload: {
        order: order.order,
        produced: { material: order.material, lot, quantity },
        consumed: consumedLots,
      },
    });
    if (inspection !== undefined) {
      drafts.push({
        ...common,
        type: 'quality.hold.v1',
        status: 'held',
        payload: {
          order: order.order,
          material: order.material,
          lot,
          quantity,
          instruction: inspection.id,
          reason: `inspection required: ${inspection.characteristic}`,
        },
      });
    }
  }
  const completed: OrderRun = { ...run, status: 'completed', finishedAt, held };
  if (lot === undefined) return { run: completed, drafts };
  const received: ProducedLot = {
    lot,
    material: order.material,
    order: order.order,
    operation: run.operation,
    quantity: { value: run.good, unit },
    status: inspection === undefined ? 'unrestricted' : 'restricted',
    receivedAt: finishedAt,
    decision: null,
  };
  return { run: completed, drafts, received };
}

export function goodsIssue(
  run: OrderRun,
  line: { item: string; material: string; quantity: { unit: string } },
  quantity: number,
  lots: Record<string, number>,
  source: 'scan' | 'backflush' | 'operator',
  common: Pick<EventDraft, 'productionOrder' | 'operation' | 'occurredAt'>,
): EventDraft {
  const lotIds = Object.keys(lots);
  return {
    ...common,
    type: 'material.consumed.v1',
    status: 'recorded',
    payload: {
      order: run.order.order,
      bomItem: line.item,
      material: line.material,
      ...(lotIds.length === 1 && lotIds[0] !== undefined ? { lot: lotIds[0] } : {}),
      quantity: { value: quantity, unit: line.quantity.unit },
      source,
    },
  };
}
