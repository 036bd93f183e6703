// `millwright start` (what `npm start` runs): one node with every service group, embedded by
// default, on NATS with --transporter or TRANSPORTER. Embedded with the built-in ERP simulator
// it also runs the plant demo (MILLWRIGHT_DEMO=0 turns it off, docs/pipeline.md) and prints a
// dashboard link carrying a fresh loopback-only operator key (decision 0606).
import { createApiKey } from '../../gateway/index.ts';
import { loadConfig } from '../../platform/index.ts';
import { preparePlantDemo } from '../../runtime/demo/index.ts';
import { defaultGroups } from '../../runtime/service-groups.ts';
import type { Command } from '../command.ts';
import { configOverrides, NODE_FALLBACKS, nodeOptions } from './node-options.ts';
import { runUntilStopped } from './run-until-stopped.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'Run a complete node in one process (embedded unless a transporter is given).',
  usage: 'millwright start [options]',
  options: nodeOptions,
  async run({ values }) {
    const config = loadConfig(undefined, configOverrides(values), NODE_FALLBACKS);
    // The demo's simulator and plant template come first: the node's edge group connects to them.
    const demo = await preparePlantDemo(config, console);
    // Random per start and kept only as its digest in this process; the link is printed once.
    const demoKey = demo.runs ? { id: 'demo', ...createApiKey() } : undefined;
    try {
      return await runUntilStopped(demo.config, defaultGroups(demo.config), {
        companion: (node) => demo.companion(node),
        ...(demoKey === undefined ? {} : { demoKey }),
      });
    } finally {
      await demo.close();
    }
  },
};
