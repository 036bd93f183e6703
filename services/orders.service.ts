// `orders`: synchronous release of ERP production orders. Validation and idempotency live in
// production/; this service wires the dispatch to the work-center actors (workcenter.host).
import type { Context, ServiceSchema } from 'moleculer';
import { releaseOrder, type OrderDispatcher } from '../production/index.ts';
import { ensureCorrelationId, type CorrelationMeta } from './platform/index.ts';
import type { ProductionStores } from './production-stores.ts';

/** The action of the actor host that takes an accepted order for one work center. */
export const DISPATCH_ACTION = 'workcenter.host.releaseOrder';

export function ordersService(stores: ProductionStores): ServiceSchema {
  return {
    name: 'orders',
    actions: {
      release: {
        handler(ctx: Context<unknown, CorrelationMeta>) {
          const dispatch: OrderDispatcher = async (order, workCenters, correlationId) => {
            for (const workCenter of workCenters) {
              await ctx.call(
                DISPATCH_ACTION,
                { plant: order.plant, workCenter, order },
                { meta: { correlationId } },
              );
            }
          };
          return releaseOrder(ctx.params, ensureCorrelationId(ctx), {
            masterData: stores.masterData,
            book: stores.orders,
            dispatch,
          });
        },
      },
      get: (ctx: Context<{ plant: string; order: string }>) =>
        stores.orders.get(ctx.params.plant, ctx.params.order) ?? null,
    },
  };
}
