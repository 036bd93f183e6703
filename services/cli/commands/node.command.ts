// `millwright node`: run one node of a plant with the service groups it is told to run
// (`--services actors,connectors`), the way ops teams scale a plant out node by node.
import { MillwrightError } from '../../../contracts/index.ts';
import { loadConfig } from '../../platform/index.ts';
import { defaultGroups, SERVICE_GROUPS, type ServiceGroup } from '../../runtime/service-groups.ts';
import type { Command } from '../command.ts';
import { configOverrides, NODE_FALLBACKS, nodeOptions } from './node-options.ts';
import { runUntilStopped } from './run-until-stopped.ts';

export function parseServiceGroups(value: string): ServiceGroup[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(SERVICE_GROUPS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new MillwrightError(
      'MW_PLATFORM_COMMAND_INVALID',
      `--services: ${unknown.length > 0 ? `unknown group(s) ${unknown.join(', ')}` : 'no group given'}; groups: ${SERVICE_GROUPS.join(', ')}`,
      { unknown, groups: SERVICE_GROUPS },
    );
  }
  return names as ServiceGroup[];
}

export const nodeCommand: Command = {
  name: 'node',
  summary: 'Run one node of a plant with the chosen service groups (cluster mode).',
  usage: 'millwright node --services <group,group,...> [--config <plant template>] [options]',
  options: {
    services: {
      type: 'string',
      description: `service groups to run, comma-separated: ${SERVICE_GROUPS.join(', ')} (edge needs --config; all: edge only with it)`,
      default: 'all',
    },
    ...nodeOptions,
  },
  async run({ values }) {
    const services = values['services'];
    const config = loadConfig(undefined, configOverrides(values), NODE_FALLBACKS);
    const groups =
      typeof services === 'string' && services !== 'all'
        ? parseServiceGroups(services)
        : defaultGroups(config);
    return runUntilStopped(config, groups);
  },
};
