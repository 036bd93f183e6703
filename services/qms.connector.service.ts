// `qms.connector`: hosts the QMS connector (connectors/qms) on this node: quality holds become
// inspection lots in the QMS, its usage decisions come back as quality.released.v1 /
// quality.rejected.v1 in the business lane (audited), and the owning work-center actor is told
// the lot's status through `workcenter.host.recordQualityDecision`. Handlers only delegate.
import type { ServiceBroker, ServiceSchema } from 'moleculer';
import {
  QmsClient,
  QmsConnector,
  type AuditTrail,
  type ConnectorLogger,
  type QualityDecisionEvent,
} from '../connectors/index.ts';
import { MillwrightError } from '../contracts/index.ts';
import { hasAction } from './dashboard/collect.ts';
import type { MillwrightConfig } from './platform/index.ts';
import type { SharedLaneStores } from './runtime/business-lane.ts';
import { LaneConsumerSlot } from './runtime/lane-consumer.ts';
import type { SimulatorAddress } from './qms.simulator.service.ts';

/** The work-center host action that takes a QMS decision for a lot (lot status in the actor). */
export const LOT_STATUS_ACTION = 'workcenter.host.recordQualityDecision';

export interface QmsConnectorServiceOptions {
  readonly audit: AuditTrail;
  readonly lanes: SharedLaneStores;
  /** The node's QMS simulator, when no QMS URL is configured. */
  readonly simulator?: SimulatorAddress;
}

interface Self {
  broker: ServiceBroker;
  logger: ConnectorLogger;
}

/** The message the work-center host gets for one decision (see docs/qms.md). */
export function lotStatusParams(event: QualityDecisionEvent) {
  const p = event.payload;
  return {
    plant: event.plant,
    workCenter: event.workCenter,
    lot: p.lot,
    material: p.material,
    status: event.type === 'quality.released.v1' ? 'released' : 'rejected',
    ...(event.type === 'quality.rejected.v1' ? { disposition: event.payload.disposition } : {}),
    inspectionLot: p.inspectionLot,
    eventId: event.eventId,
    occurredAt: event.occurredAt,
  };
}

export function qmsConnectorService(
  config: MillwrightConfig,
  options: QmsConnectorServiceOptions,
): ServiceSchema {
  const slot = new LaneConsumerSlot<QmsConnector>('qms.connector', options.lanes);
  const running = () => slot.running;
  return {
    name: 'qms.connector',
    actions: {
      stats: { handler: () => running().stats() },
      /** Reads the QMS decision feed now instead of at the next poll. */
      poll: {
        handler: async () => {
          await running().pollOnce();
          return running().stats();
        },
      },
    },
    async started(this: Self) {
      const qms = config.qms;
      const baseUrl = qms.url ?? (await options.simulator?.url);
      if (baseUrl === undefined)
        throw new Error('qms.connector: no MILLWRIGHT_QMS_URL and no simulator on this node');
      const broker = this.broker;
      await slot.start(
        this.logger,
        async (stores) =>
          new QmsConnector({
            lane: stores.lane,
            // A node's own simulator has its own lots: scope them by node, a real QMS by its URL.
            store: await stores.inspections(qms.url ?? `simulator-${config.nodeId}`),
            client: new QmsClient({
              baseUrl,
              timeoutMs: qms.timeoutMs,
              ...(qms.token === undefined ? {} : { token: qms.token }),
            }),
            audit: options.audit,
            pollIntervalMs: qms.pollMs,
            lotStatus: async (event) => {
              // No host takes decisions (yet): wait quietly instead of a broker warning per retry.
              if (!hasAction(broker, LOT_STATUS_ACTION))
                throw new MillwrightError(
                  'MW_QMS_LOT_STATUS_WAITING',
                  `no node offers ${LOT_STATUS_ACTION}; the decision waits for it`,
                  { action: LOT_STATUS_ACTION },
                );
              await broker.call(LOT_STATUS_ACTION, lotStatusParams(event), {
                meta: { correlationId: event.correlationId, actor: 'qms.connector' },
              });
            },
            logger: this.logger,
          }),
      );
    },
    stopped: () => slot.stop(),
  };
}
