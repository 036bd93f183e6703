// Review of a consumption held for being out of tolerance: approving posts it once (as
// recorded, or with the corrected quantity) and removes it from the held list.
import { MillwrightError } from '../../../contracts/index.ts';
import { goodsIssue } from './complete-operation.ts';
import type { EventDraft } from './event-draft.ts';
import type { OrderRun } from './order-run.ts';

export interface Approval {
  readonly bomItem: string;
  /** When given, the goods issue posts this quantity (in the BOM unit) instead of the scanned one. */
  readonly correctedQuantity?: number;
  readonly approvedAt: string;
}

export function approveConsumption(
  run: OrderRun,
  approval: Approval,
): { run: OrderRun; drafts: EventDraft[] } {
  const held = run.held.find((h) => h.bomItem === approval.bomItem);
  if (held === undefined) {
    throw new MillwrightError(
      'MW_WORKCENTER_NOTHING_HELD',
      `no consumption of BOM item ${approval.bomItem} is held for order ${run.order.order}`,
      { order: run.order.order, bomItem: approval.bomItem, held: run.held.map((h) => h.bomItem) },
    );
  }
  const quantity = approval.correctedQuantity ?? held.actualQuantity;
  const draft = goodsIssue(
    run,
    { item: held.bomItem, material: held.material, quantity: { unit: held.unit } },
    quantity,
    held.lots,
    'operator',
    {
      productionOrder: run.order.order,
      operation: run.operation,
      occurredAt: approval.approvedAt,
    },
  );
  return { run: { ...run, held: run.held.filter((h) => h !== held) }, drafts: [draft] };
}
