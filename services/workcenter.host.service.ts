// `workcenter.host`: hosts work-center actors on this node. Thin: every handler delegates to
// WorkCenterHost (services/workcenter/host.ts) or to the business actions
// (services/workcenter/business-actions.ts, quality-decision.ts); membership changes trigger
// a rebalance.
import type { Context, ServiceBroker, ServiceSchema } from 'moleculer';
import {
  ensureCorrelationId,
  type CallerMeta,
  type CorrelationMeta,
  type MillwrightConfig,
} from './platform/index.ts';
import * as business from './workcenter/business-actions.ts';
import {
  WorkCenterHost,
  type IngestFrameParams,
  type TellParams,
  type WorkCenterHostOptions,
} from './workcenter/host.ts';
import { HOST_SERVICE } from './workcenter/membership.ts';
import { recordQualityDecision } from './workcenter/quality-decision.ts';

type BusinessContext = Context<unknown, CorrelationMeta & CallerMeta>;

const callerOf = (ctx: BusinessContext): business.Caller => ({
  actor: ctx.meta.actor ?? 'system',
  correlationId: ensureCorrelationId(ctx),
});

const tellParams = {
  key: { type: 'string', min: 3, max: 129 },
  message: { type: 'object' },
  hops: { type: 'number', integer: true, min: 0, optional: true },
};

export function workcenterHostService(
  config: MillwrightConfig,
  options: WorkCenterHostOptions = {},
): ServiceSchema {
  let host: WorkCenterHost | undefined;
  const ready = (): WorkCenterHost => {
    if (host === undefined) throw new Error(`${HOST_SERVICE} is not started`);
    return host;
  };
  const rebalance = () => {
    host
      ?.rebalance()
      .catch((error: unknown) => host?.broker.logger.warn({ err: error }, 'rebalance failed'));
  };
  return {
    name: HOST_SERVICE,
    actions: {
      tell: { params: tellParams, handler: (ctx: Context<TellParams>) => ready().tell(ctx.params) },
      inspect: {
        params: { key: tellParams.key, hops: tellParams.hops },
        handler: (ctx: Context<TellParams>) => ready().inspect(ctx.params),
      },
      list: { handler: () => ready().list() },
      plan: {
        params: {
          join: { type: 'array', items: 'string', optional: true },
          leave: { type: 'array', items: 'string', optional: true },
        },
        handler: (ctx: Context<{ join?: string[]; leave?: string[] }>) => ready().plan(ctx.params),
      },
      stats: { handler: () => ready().stats() },
      // Telemetry frames from the edge (edge/runtime delivers `{ header, bytes }` here).
      ingestFrame: {
        params: {
          bytes: { type: 'any' },
          header: { type: 'object', optional: true },
          hops: tellParams.hops,
        },
        handler: (ctx: Context<IngestFrameParams>) => ready().ingestFrame(ctx.params),
      },
      rebalance: { handler: () => ready().rebalance() },
      // Business actions: params are validated with zod inside (MW_CONTRACT_INVALID).
      releaseOrder: (ctx: BusinessContext) =>
        business.releaseOrder(ready().broker, ctx.params, callerOf(ctx)),
      recordConsumption: (ctx: BusinessContext) =>
        business.recordConsumption(ready().broker, ctx.params, callerOf(ctx)),
      completeOperation: (ctx: BusinessContext) =>
        business.completeOperation(ready().broker, ctx.params, callerOf(ctx)),
      approveConsumption: (ctx: BusinessContext) =>
        business.approveConsumption(ready().broker, options.audit, ctx.params, callerOf(ctx)),
      reportMachineState: (ctx: BusinessContext) =>
        business.reportMachineState(ready().broker, ctx.params, callerOf(ctx)),
      // QMS usage decisions (the QMS connector's lot-status consumer calls it; audited).
      recordQualityDecision: (ctx: BusinessContext) =>
        recordQualityDecision(ready().broker, options.audit, ctx.params, callerOf(ctx)),
    },
    events: {
      '$services.changed': rebalance,
      '$node.disconnected': rebalance,
    },
    async started(this: { broker: ServiceBroker }) {
      host = await WorkCenterHost.start(this.broker, config, options);
      options.onStarted?.(host);
    },
    async stopped() {
      await host?.stop();
    },
  };
}
