// `millwright start` (what `npm start` runs): one node with every service group, embedded by
// default, on NATS with --transporter or TRANSPORTER. Later issues add the plant simulator and
// the pipeline behind this same command.
import { loadConfig } from '../../platform/index.ts';
import { SERVICE_GROUPS } from '../../runtime/service-groups.ts';
import type { Command } from '../command.ts';
import { configOverrides, nodeOptions } from './node-options.ts';
import { runUntilStopped } from './run-until-stopped.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'Run a complete node in one process (embedded unless a transporter is given).',
  usage: 'millwright start [options]',
  options: nodeOptions,
  run({ values }) {
    return runUntilStopped(loadConfig(undefined, configOverrides(values)), SERVICE_GROUPS);
  },
};
