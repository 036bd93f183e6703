// `analytics.connector`: hosts the analytics connector (connectors/analytics) on this node. It
// consumes confirmations and downtimes from the business lane, keeps OEE per work center and
// shift in `<data dir>/analytics.sqlite`, broadcasts `oee.updated` for the dashboard and
// answers `analytics.oee`. Ideal cycle times come from the order book (`orders.get`).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, ServiceBroker, ServiceSchema } from 'moleculer';
import {
  AnalyticsConnector,
  readShiftCalendars,
  SqliteOeeStore,
  type ConnectorLogger,
  type ShiftKey,
} from '../connectors/index.ts';
import type { ProductionOrder } from '../contracts/index.ts';
import type { MillwrightConfig } from './platform/index.ts';
import type { SharedLaneStores } from './runtime/business-lane.ts';
import { LaneConsumerSlot } from './runtime/lane-consumer.ts';

/** The notification (Moleculer event, may be lost) a dashboard listens to. */
export const OEE_UPDATED = 'oee.updated';

interface Self {
  broker: ServiceBroker;
  logger: ConnectorLogger;
}

const code = { type: 'string', min: 1, max: 64 } as const;

export function analyticsConnectorService(
  config: MillwrightConfig,
  lanes: SharedLaneStores,
): ServiceSchema {
  // Read at creation, so a bad calendar file stops the node at start with its message.
  const calendarFor = readShiftCalendars(config.analytics.shiftCalendarFile);
  const slot = new LaneConsumerSlot<AnalyticsConnector>('analytics.connector', lanes);
  const running = () => slot.running;
  let db: Database.Database | undefined;
  return {
    name: 'analytics.connector',
    // The query is `analytics.oee` (issue 6, part 7); decision 0802.
    settings: { $noServiceNamePrefix: true },
    actions: {
      'analytics.oee': {
        params: {
          plant: code,
          workCenter: code,
          date: { type: 'string', pattern: /^\d{4}-\d{2}-\d{2}$/ },
          shift: { type: 'string', min: 1, max: 32 },
        },
        handler: (ctx: Context<ShiftKey>) => running().oee(ctx.params),
      },
      'analytics.connector.stats': {
        handler: () => ({ updates: running().updates }),
      },
    },
    async started(this: Self) {
      mkdirSync(config.dataDir, { recursive: true });
      db = new Database(join(config.dataDir, 'analytics.sqlite'));
      const store = new SqliteOeeStore(db);
      const broker = this.broker;
      await slot.start(
        this.logger,
        (stores) =>
          new AnalyticsConnector({
            lane: stores.lane,
            store,
            calendarFor,
            idealCycleTime: async (plant, order, operation) => {
              const found = await broker.call<{ order: ProductionOrder } | null, object>(
                'orders.get',
                { plant, order },
              );
              return found?.order.routing.operations.find((o) => o.operation === operation)
                ?.idealCycleTimeMs;
            },
            onUpdated: (result) => {
              void broker.broadcast(OEE_UPDATED, result);
            },
            logger: this.logger,
          }),
      );
    },
    async stopped() {
      await slot.stop();
      db?.close();
      db = undefined;
    },
  };
}
