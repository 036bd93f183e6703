// The service groups a node can run (`millwright node --services edge,actors,...`). Each group
// lists the Moleculer services it brings; later issues add their groups here.
import type { ServiceSchema } from 'moleculer';
import { gatewayService } from '../gateway.service.ts';
import type { MillwrightConfig } from '../platform/index.ts';
import { platformNodeService } from '../platform.node.service.ts';

export type ServiceGroup = 'platform' | 'gateway';

/** Groups every node runs whatever it was asked for. */
const ALWAYS: readonly ServiceGroup[] = ['platform'];

const groups: Record<ServiceGroup, (config: MillwrightConfig) => ServiceSchema[]> = {
  platform: (config) => [platformNodeService(config)],
  // REST gateway, /health, /ready and /openapi.json (MILLWRIGHT_GATEWAY_*).
  gateway: (config) => [gatewayService(config)],
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
