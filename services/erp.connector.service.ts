// `erp.connector`: hosts the ERP connector (connectors/erp) on this node. It consumes the
// business lane as the durable consumer "erp" and posts to ERP through the SAP S/4HANA
// profile. Actions manage its dead letters (audited in the node's hash-chained audit log);
// every handler only delegates.
import type { Context, ServiceBroker, ServiceSchema } from 'moleculer';
import {
  ERP_METRICS,
  ErpConnector,
  sapProfile,
  type AuditTrail,
  type ConnectorLogger,
  type MetricsSink,
} from '../connectors/index.ts';
import { callerOf, type CallerMeta, type MillwrightConfig } from './platform/index.ts';
import type { SharedLaneStores } from './runtime/business-lane.ts';
import { LaneConsumerSlot } from './runtime/lane-consumer.ts';

const CONSUMER = 'erp';

export interface ErpConnectorServiceOptions {
  /** The node's audit log: replays and discards are appended to it. */
  readonly audit: AuditTrail;
  /** The node's lane stores, shared with the other connectors. */
  readonly lanes: SharedLaneStores;
}

interface Self {
  broker: ServiceBroker;
  logger: ConnectorLogger;
}

type ActorContext = Context<{ id: number; actor?: string }, CallerMeta & { user?: unknown }>;

function metricsSink(broker: ServiceBroker): MetricsSink {
  for (const metric of Object.values(ERP_METRICS)) {
    broker.metrics.register({
      type: 'counter',
      name: metric.name,
      description: metric.help,
      labelNames: ['type', 'code', 'result'],
    });
  }
  return {
    increment: (name, labels) => {
      broker.metrics.increment(name, labels);
    },
  };
}

export function erpConnectorService(
  config: MillwrightConfig,
  options: ErpConnectorServiceOptions,
): ServiceSchema {
  const slot = new LaneConsumerSlot<ErpConnector>('erp.connector', options.lanes);
  const running = () => slot.running;
  const id = { type: 'number', integer: true, positive: true, convert: true } as const;
  const actor = { type: 'string', optional: true, max: 128 } as const;
  return {
    name: 'erp.connector',
    actions: {
      list: {
        params: { limit: { ...id, optional: true, max: 1_000 } },
        handler: (ctx: Context<{ limit?: number }>) => running().listDeadLetters(ctx.params.limit),
      },
      show: {
        params: { id },
        handler: (ctx: Context<{ id: number }>) => running().showDeadLetter(ctx.params.id),
      },
      replay: {
        params: { id, actor },
        handler: (ctx: ActorContext) =>
          running().replay(ctx.params.id, callerOf(ctx, ctx.params.actor)),
      },
      discard: {
        params: { id, actor },
        handler: async (ctx: ActorContext) => {
          await running().discard(ctx.params.id, callerOf(ctx, ctx.params.actor));
          return { id: ctx.params.id, discarded: true };
        },
      },
      stats: { handler: () => running().stats() },
    },
    async started(this: Self) {
      const erp = config.erp;
      await slot.start(
        this.logger,
        async (stores) =>
          new ErpConnector({
            lane: stores.lane,
            ledger: await stores.ledger(CONSUMER),
            profile: sapProfile({ timeZone: erp.timeZone }),
            endpoint: {
              baseUrl: erp.url ?? `http://127.0.0.1:${erp.simulatorPort}`,
              timeoutMs: erp.timeoutMs,
              ...(erp.username === undefined ? {} : { username: erp.username }),
              ...(erp.password === undefined ? {} : { password: erp.password }),
            },
            audit: options.audit,
            consumerName: CONSUMER,
            retry: { baseMs: erp.retryBaseMs, maxMs: erp.retryMaxMs, maxAttempts: erp.maxAttempts },
            breaker: { failureThreshold: erp.breakerThreshold, openMs: erp.breakerOpenMs },
            metricsSink: metricsSink(this.broker),
            logger: this.logger,
          }),
      );
    },
    stopped: () => slot.stop(),
  };
}
