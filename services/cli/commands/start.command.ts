// `millwright start` (what `npm start` runs): one node with every service group, embedded by
// default, on NATS with --transporter or TRANSPORTER. Embedded with the built-in ERP simulator
// it also runs the plant demo (MILLWRIGHT_DEMO=0 turns it off): see docs/pipeline.md.
import { loadConfig } from '../../platform/index.ts';
import { preparePlantDemo } from '../../runtime/demo/index.ts';
import { defaultGroups } from '../../runtime/service-groups.ts';
import type { Command } from '../command.ts';
import { configOverrides, nodeOptions } from './node-options.ts';
import { runUntilStopped } from './run-until-stopped.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'Run a complete node in one process (embedded unless a transporter is given).',
  usage: 'millwright start [options]',
  options: nodeOptions,
  async run({ values }) {
    // The demo's simulator and plant template come first: the node's edge group connects to them.
    const demo = await preparePlantDemo(loadConfig(undefined, configOverrides(values)), console);
    try {
      return await runUntilStopped(demo.config, defaultGroups(demo.config), (node) =>
        demo.companion(node),
      );
    } finally {
      await demo.close();
    }
  },
};
