// `platform`: cross-cutting queries of this node. `platform.trace` answers the chain of one
// correlation id or ERP document number (connectors/trace): the order release and source
// inputs, the actor's events from the business lane, the ERP postings with their document
// numbers, and this node's audit entries. Runs with the connectors, which own those stores.
import type { Context, ServiceBroker, ServiceSchema } from 'moleculer';
import {
  traceChain,
  type ConnectorLogger,
  type PostingLedger,
  type TraceSources,
} from '../connectors/index.ts';
import type { ProductionOrder } from '../contracts/index.ts';
import type { AuditLog } from './platform/index.ts';
import type { SharedLaneStores } from './runtime/business-lane.ts';

interface Self {
  broker: ServiceBroker;
  logger: ConnectorLogger;
}

interface BookedOrder {
  readonly order: ProductionOrder;
  readonly correlationId: string;
  readonly dispatched: boolean;
}

export function platformService(options: {
  readonly audit: AuditLog;
  readonly lanes: SharedLaneStores;
}): ServiceSchema {
  let sources: TraceSources | undefined;
  let acquired = false;
  return {
    name: 'platform',
    actions: {
      trace: {
        params: { id: { type: 'string', min: 1, max: 128, trim: true } },
        handler(ctx: Context<{ id: string }>) {
          if (sources === undefined) throw new Error('platform is not started');
          return traceChain(ctx.params.id, sources);
        },
      },
    },
    async started(this: Self) {
      const stores = await options.lanes.acquire(this.logger);
      acquired = true;
      const ledger: PostingLedger = await stores.ledger('erp');
      const broker = this.broker;
      sources = {
        lane: stores.lane,
        ledger,
        order: async (plant, order) => {
          const booked = await broker.call<BookedOrder | null, object>('orders.get', {
            plant,
            order,
          });
          return booked === null
            ? undefined
            : { plant, order, correlationId: booked.correlationId, dispatched: booked.dispatched };
        },
        audit: (correlationId) => options.audit.forCorrelation(correlationId),
      };
    },
    async stopped() {
      sources = undefined;
      if (acquired) await options.lanes.release();
      acquired = false;
    },
  };
}
