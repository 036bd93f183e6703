// The service groups a node can run (`millwright node --services edge,actors,...`). Each group
// brings its Moleculer services and the resources they share (stores), which the node
// releases after the broker has stopped. Later issues add their groups here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSchema } from 'moleculer';
import { masterdataService } from '../masterdata.service.ts';
import { ordersService } from '../orders.service.ts';
import { AuditLog, type MillwrightConfig } from '../platform/index.ts';
import { gatewayService } from '../gateway.service.ts';
import type { ApiKeyEntry } from '../gateway/index.ts';
import { DashboardHub } from '../dashboard/index.ts';
import { dashboardService } from '../dashboard.service.ts';
import { erpConnectorService } from '../erp.connector.service.ts';
import { erpSimulatorService } from '../erp.simulator.service.ts';
import { analyticsConnectorService } from '../analytics.connector.service.ts';
import { platformService } from '../platform.service.ts';
import { qmsConnectorService } from '../qms.connector.service.ts';
import { qmsSimulatorService, simulatorAddress } from '../qms.simulator.service.ts';
import { sharedLaneStores } from './business-lane.ts';
import { platformNodeService } from '../platform.node.service.ts';
import { openProductionStores } from '../production-stores.ts';
import { workcenterHostService } from '../workcenter.host.service.ts';
import { edgeGroupServices } from '../edge/edge-group.ts';

export type ServiceGroup = 'platform' | 'production' | 'actors' | 'edge' | 'gateway' | 'connectors';

export interface GroupParts {
  readonly services: ServiceSchema[];
  /** Releases shared resources; called once the broker has stopped. */
  dispose(): void;
}

/** Groups every node runs whatever it was asked for. */
const ALWAYS: readonly ServiceGroup[] = ['platform'];

const nothingToDispose = () => undefined;

/** What a command adds to a node beyond its configuration. */
export interface NodeExtras {
  /** API keys the gateway accepts from loopback only (the demo's printed key, decision 0606). */
  readonly loopbackKeys?: readonly ApiKeyEntry[];
}

/** What every group of one node shares: opened once by the node, closed after it stops. */
export interface NodeResources {
  readonly config: MillwrightConfig;
  readonly audit: AuditLog;
  readonly extras: NodeExtras;
}

const groups: Record<ServiceGroup, (resources: NodeResources) => GroupParts> = {
  platform: ({ config }) => ({
    services: [platformNodeService(config)],
    dispose: nothingToDispose,
  }),
  production: ({ config, audit }) => {
    const stores = openProductionStores(config.dataDir);
    return {
      services: [masterdataService(stores, audit), ordersService(stores)],
      dispose: () => {
        stores.close();
      },
    };
  },
  // Work-center actors; the host closes its own store (SQLite or NATS) when it stops.
  actors: ({ config, audit }) => ({
    services: [workcenterHostService(config, { audit })],
    dispose: nothingToDispose,
  }),
  // The sources of the node's plant template (MILLWRIGHT_PLANT_TEMPLATE / --config): edge.opcua,
  // edge.mqtt, edge.sparkplug as the template needs; each source closes its stores when stopped.
  edge: ({ config }) => ({
    services: edgeGroupServices(config),
    dispose: nothingToDispose,
  }),
  // REST gateway, /health, /ready and /openapi.json (MILLWRIGHT_GATEWAY_*), and the dashboard
  // page with its live stream (the `dashboard` service collects, the gateway streams). Its
  // audit records go to the node's hash-chained log.
  gateway: ({ config, audit, extras }) => {
    const dashboard = new DashboardHub();
    const loopbackKeys = extras.loopbackKeys ?? [];
    return {
      services: [
        gatewayService(config, { dashboard, audit, loopbackKeys }),
        dashboardService(dashboard),
      ],
      dispose: nothingToDispose,
    };
  },
  // ERP, QMS and analytics connectors over one set of lane stores, and `platform.trace`.
  // Without a configured ERP / QMS the node runs their simulators and talks to them.
  connectors: ({ config, audit }) => {
    const lanes = sharedLaneStores(config);
    const qmsSimulator = config.qms.url === undefined ? simulatorAddress() : undefined;
    return {
      services: [
        ...(config.erp.url === undefined ? [erpSimulatorService(config)] : []),
        ...(qmsSimulator === undefined ? [] : [qmsSimulatorService(config, qmsSimulator)]),
        erpConnectorService(config, { audit, lanes }),
        qmsConnectorService(config, {
          audit,
          lanes,
          ...(qmsSimulator === undefined ? {} : { simulator: qmsSimulator }),
        }),
        analyticsConnectorService(config, lanes),
        platformService({ audit, lanes }),
      ],
      dispose: nothingToDispose,
    };
  },
};

export const SERVICE_GROUPS = Object.keys(groups) as ServiceGroup[];

/**
 * What `millwright start` and `node --services all` run: every group, `edge` only when the
 * configuration names a plant template (asking for `edge` by name without one is an error).
 */
export function defaultGroups(config: MillwrightConfig): ServiceGroup[] {
  return SERVICE_GROUPS.filter(
    (group) => group !== 'edge' || config.edge.plantTemplate !== undefined,
  );
}

export function openNodeResources(
  config: MillwrightConfig,
  extras: NodeExtras = {},
): NodeResources & { close(): void } {
  mkdirSync(config.dataDir, { recursive: true });
  const audit = new AuditLog(join(config.dataDir, 'audit.sqlite'));
  return {
    config,
    audit,
    extras,
    close: () => {
      audit.close();
    },
  };
}

export function partsFor(
  selected: readonly ServiceGroup[],
  resources: NodeResources,
): GroupParts[] {
  const wanted = new Set([...ALWAYS, ...selected]);
  return SERVICE_GROUPS.filter((group) => wanted.has(group)).map((group) =>
    groups[group](resources),
  );
}
