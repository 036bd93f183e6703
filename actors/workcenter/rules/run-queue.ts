// The orders of one work center in release order: the first one not completed is the active
// run; the others wait. Completed runs stay while they hold consumptions for review, and the
// last few stay so a repeated dispatch of a finished order is recognised (idempotent release).
import { MillwrightError, type ProductionOrder } from '../../../contracts/index.ts';
import { releaseRun, type OrderRun } from './order-run.ts';

/** Completed runs without held consumptions kept for idempotent re-release. */
export const COMPLETED_RUNS_KEPT = 16;

export function activeRunIndex(runs: readonly OrderRun[]): number {
  return runs.findIndex((run) => run.status !== 'completed');
}

export interface Release {
  readonly runs: OrderRun[];
  readonly run: OrderRun;
  readonly status: 'released' | 'already-released';
}

/** Queues `order` on this work center, once: a second release of the same order changes nothing. */
export function releaseInto(
  runs: readonly OrderRun[],
  order: ProductionOrder,
  workCenter: string,
  correlationId: string,
): Release {
  const known = runs.find((run) => run.order.order === order.order);
  if (known !== undefined) return { runs: [...runs], run: known, status: 'already-released' };
  const run = releaseRun(order, workCenter, correlationId);
  return { runs: [...runs, run], run, status: 'released' };
}

/** Drops completed runs that hold nothing, beyond the last COMPLETED_RUNS_KEPT of them. */
export function pruneRuns(runs: readonly OrderRun[]): OrderRun[] {
  const idle = runs.filter((run) => run.status === 'completed' && run.held.length === 0);
  const drop = new Set(idle.slice(0, Math.max(0, idle.length - COMPLETED_RUNS_KEPT)));
  return runs.filter((run) => !drop.has(run));
}

/** The one run that holds a consumption of `bomItem` (of `order` when given), and its index. */
export function heldRun(
  runs: readonly OrderRun[],
  bomItem: string,
  order?: string,
): { run: OrderRun; index: number } {
  const matches = runs
    .map((run, index) => ({ run, index }))
    .filter(
      ({ run }) =>
        (order === undefined || run.order.order === order) &&
        run.held.some((h) => h.bomItem === bomItem),
    );
  const [first, second] = matches;
  if (first === undefined) {
    throw new MillwrightError(
      'MW_WORKCENTER_NOTHING_HELD',
      `no consumption of BOM item ${bomItem} is held${order === undefined ? '' : ` for order ${order}`}`,
      {
        bomItem,
        order: order ?? null,
        held: runs.flatMap((r) => r.held.map((h) => `${r.order.order}/${h.bomItem}`)),
      },
    );
  }
  if (second !== undefined) {
    throw new MillwrightError(
      'MW_WORKCENTER_APPROVAL_AMBIGUOUS',
      `consumptions of BOM item ${bomItem} are held for several orders; name the order`,
      { bomItem, orders: matches.map(({ run }) => run.order.order) },
    );
  }
  return first;
}
