// orders.release: validate a production order against master data, record it, and hand it to
// the work-center actors of its operations. Answers with a clear accept or one MW_ORDER_REJECTED
// listing every problem. A repeated release of the same order is idempotent.
import { MillwrightError, parseWith, ProductionOrder } from '../../contracts/index.ts';
import type { MasterDataStore } from '../masterdata/master-data-store.ts';
import type { OrderBook } from './order-book.ts';
import { validateOrder } from './validate-order.ts';

/** Hands an accepted order to the actor of each work center it runs on. */
export type OrderDispatcher = (
  order: ProductionOrder,
  workCenters: readonly string[],
  correlationId: string,
) => Promise<void>;

export interface ReleaseDependencies {
  readonly masterData: MasterDataStore;
  readonly book: OrderBook;
  readonly dispatch: OrderDispatcher;
  readonly now?: () => Date;
}

export interface ReleaseResult {
  readonly accepted: true;
  readonly plant: string;
  readonly order: string;
  readonly status: 'released' | 'already-released';
  readonly workCenters: readonly string[];
  readonly masterDataVersion: number;
  readonly correlationId: string;
}

export async function releaseOrder(
  raw: unknown,
  correlationId: string,
  deps: ReleaseDependencies,
): Promise<ReleaseResult> {
  const now = deps.now ?? (() => new Date());
  const order = parseWith(ProductionOrder, raw, 'orders.release');
  const data = deps.masterData.get(order.plant);
  const problems = validateOrder(order, data);
  if (problems.length > 0) {
    throw new MillwrightError(
      'MW_ORDER_REJECTED',
      `order ${order.order} rejected: ${problems.length} problem(s): ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`,
      { order: order.order, plant: order.plant, masterDataVersion: data.version, problems },
    );
  }
  const workCenters = [...new Set(order.routing.operations.map((op) => op.workCenter))];
  const entry = deps.book.accept(order, data.version, correlationId, now());
  if (entry.kind === 'conflict') {
    throw new MillwrightError(
      'MW_ORDER_CONFLICT',
      `order ${order.order} was already released with different content`,
      { order: order.order, plant: order.plant },
    );
  }
  const result = {
    accepted: true as const,
    plant: order.plant,
    order: order.order,
    workCenters,
    masterDataVersion: data.version,
    correlationId,
  };
  if (entry.kind === 'same' && entry.dispatched) return { ...result, status: 'already-released' };
  try {
    await deps.dispatch(order, workCenters, correlationId);
  } catch (cause) {
    throw new MillwrightError(
      'MW_ORDER_DISPATCH_FAILED',
      `order ${order.order} is valid but could not be dispatched; release it again`,
      { order: order.order, workCenters },
      { cause },
    );
  }
  deps.book.markDispatched(order.plant, order.order, now());
  return { ...result, status: 'released' };
}
