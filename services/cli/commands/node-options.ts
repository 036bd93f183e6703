// Options shared by the commands that run a node; each maps onto one configuration variable,
// and the configuration module validates it (a flag wins over the environment).
import type { ConfigSchema } from '../../platform/index.ts';
import type { OptionSpec, ParsedOptions } from '../command.ts';

type ConfigKey = keyof typeof ConfigSchema.shape;

const flagToConfig = {
  transporter: 'TRANSPORTER',
  plant: 'MILLWRIGHT_PLANT',
  'node-id': 'MILLWRIGHT_NODE_ID',
  'data-dir': 'MILLWRIGHT_DATA_DIR',
  'log-level': 'LOG_LEVEL',
  'metrics-port': 'MILLWRIGHT_METRICS_PORT',
  config: 'MILLWRIGHT_PLANT_TEMPLATE',
  'probe-port': 'MILLWRIGHT_PROBE_PORT',
} as const satisfies Record<string, ConfigKey>;

export const nodeOptions: Record<keyof typeof flagToConfig, OptionSpec> = {
  transporter: {
    type: 'string',
    description: 'NATS URL, e.g. nats://127.0.0.1:4222 (env TRANSPORTER); none: embedded',
  },
  plant: {
    type: 'string',
    description: 'plant code this node serves (env MILLWRIGHT_PLANT)',
    default: 'P100',
  },
  'node-id': {
    type: 'string',
    description: 'Moleculer node id (env MILLWRIGHT_NODE_ID)',
    default: '<host>-<pid>',
  },
  'data-dir': {
    type: 'string',
    description: 'folder of the embedded stores (env MILLWRIGHT_DATA_DIR)',
    default: './data',
  },
  'log-level': {
    type: 'string',
    description: 'fatal|error|warn|info|debug|trace (env LOG_LEVEL)',
    default: 'info',
  },
  'metrics-port': {
    type: 'string',
    description: 'Prometheus port, 0 for off (env MILLWRIGHT_METRICS_PORT)',
    default: '3030',
  },
  config: {
    type: 'string',
    description:
      'plant template whose sources the edge group hosts (env MILLWRIGHT_PLANT_TEMPLATE); check it first with `millwright check --template <file>`',
  },
  'probe-port': {
    type: 'string',
    description: '/health and /ready for supervisors, 0 for off (env MILLWRIGHT_PROBE_PORT)',
    default: '3031',
  },
};

/** Defaults of the commands that run a node, below the environment (a flag wins over both). */
export const NODE_FALLBACKS: Partial<Record<ConfigKey, string>> = { MILLWRIGHT_PROBE_PORT: '3031' };

export function configOverrides(
  values: ParsedOptions['values'],
): Partial<Record<ConfigKey, string>> {
  const overrides: Partial<Record<ConfigKey, string>> = {};
  for (const [flag, key] of Object.entries(flagToConfig)) {
    const value = values[flag];
    if (typeof value === 'string') overrides[key] = value;
  }
  return overrides;
}
