// `erp.connector`: hosts the ERP connector (connectors/erp) on this node. It consumes the
// business lane as the durable consumer "erp" and posts to ERP through the SAP S/4HANA
// profile. Actions manage its dead letters; every handler only delegates.
import { join } from 'node:path';
import type { Context, ServiceBroker, ServiceSchema } from 'moleculer';
import {
  ERP_METRICS,
  ErpConnector,
  FileAuditLog,
  sapProfile,
  type ConnectorLogger,
  type MetricsSink,
} from '../connectors/index.ts';
import type { MillwrightConfig } from './platform/index.ts';
import { openLaneStores, type LaneStores } from './runtime/business-lane.ts';

const CONSUMER = 'erp';

interface Self {
  broker: ServiceBroker;
  logger: ConnectorLogger;
}

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

export function erpConnectorService(config: MillwrightConfig): ServiceSchema {
  let stores: LaneStores | undefined;
  let connector: ErpConnector | undefined;
  const running = (): ErpConnector => {
    if (connector === undefined) throw new Error('erp.connector is not started');
    return connector;
  };
  const actor = (ctx: Context<unknown, { user?: string }>, given?: string) =>
    given ?? ctx.meta.user ?? `node:${ctx.nodeID ?? 'local'}`;
  const id = { type: 'number', integer: true, positive: true, convert: true } as const;
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
        params: { id, actor: { type: 'string', optional: true, max: 128 } },
        handler: (ctx: Context<{ id: number; actor?: string }, { user?: string }>) =>
          running().replay(ctx.params.id, actor(ctx, ctx.params.actor)),
      },
      discard: {
        params: { id, actor: { type: 'string', optional: true, max: 128 } },
        handler: (ctx: Context<{ id: number; actor?: string }, { user?: string }>) =>
          running().discard(ctx.params.id, actor(ctx, ctx.params.actor)),
      },
      stats: { handler: () => running().stats() },
    },
    async started(this: Self) {
      stores = await openLaneStores(config, this.logger);
      const erp = config.erp;
      connector = new ErpConnector({
        lane: stores.lane,
        ledger: await stores.ledger(CONSUMER),
        profile: sapProfile({ timeZone: erp.timeZone }),
        endpoint: {
          baseUrl: erp.url ?? `http://127.0.0.1:${erp.simulatorPort}`,
          timeoutMs: erp.timeoutMs,
          ...(erp.username === undefined ? {} : { username: erp.username }),
          ...(erp.password === undefined ? {} : { password: erp.password }),
        },
        audit: new FileAuditLog(join(config.dataDir, `${CONSUMER}-audit.jsonl`)),
        consumerName: CONSUMER,
        retry: { baseMs: erp.retryBaseMs, maxMs: erp.retryMaxMs, maxAttempts: erp.maxAttempts },
        breaker: { failureThreshold: erp.breakerThreshold, openMs: erp.breakerOpenMs },
        metricsSink: metricsSink(this.broker),
        logger: this.logger,
      });
      await connector.start();
    },
    async stopped() {
      await connector?.stop();
      await stores?.close();
      connector = undefined;
      stores = undefined;
    },
  };
}
