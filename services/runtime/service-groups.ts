// The service groups a node can run (`millwright node --services edge,actors,...`). Each group
// lists the Moleculer services it brings; later issues add their groups here.
import type { ServiceSchema } from 'moleculer';
import type { MillwrightConfig } from '../platform/index.ts';
import { erpConnectorService } from '../erp.connector.service.ts';
import { erpSimulatorService } from '../erp.simulator.service.ts';
import { platformNodeService } from '../platform.node.service.ts';

export type ServiceGroup = 'platform' | 'connectors';

/** Groups every node runs whatever it was asked for. */
const ALWAYS: readonly ServiceGroup[] = ['platform'];

const groups: Record<ServiceGroup, (config: MillwrightConfig) => ServiceSchema[]> = {
  platform: (config) => [platformNodeService(config)],
  // Without a configured ERP, the node runs the ERP simulator and posts to it.
  connectors: (config) => [
    ...(config.erp.url === undefined ? [erpSimulatorService(config)] : []),
    erpConnectorService(config),
  ],
};

export const SERVICE_GROUPS = Object.keys(groups) as ServiceGroup[];

export function servicesFor(
  selected: readonly ServiceGroup[],
  config: MillwrightConfig,
): ServiceSchema[] {
  const wanted = new Set([...ALWAYS, ...selected]);
  return SERVICE_GROUPS.filter((group) => wanted.has(group)).flatMap((group) =>
    groups[group](config),
  );
}
