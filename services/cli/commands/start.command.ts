// `millwright start` (what `npm start` runs): one node with every service group, embedded by
// default, on NATS with --transporter or TRANSPORTER. Embedded with the built-in ERP simulator
// it also runs the plant demo (MILLWRIGHT_DEMO=0 turns it off, docs/pipeline.md) and prints a
// dashboard link carrying a fresh loopback-only operator key (decision 0606).
import { gatewayAddress } from '../../gateway.service.ts';
import { createApiKey } from '../../gateway/index.ts';
import { loadConfig, type MillwrightConfig } from '../../platform/index.ts';
import { demoOrderBase, runPlantDemo } from '../../runtime/plant-demo.ts';
import type { RunningNode } from '../../runtime/run-node.ts';
import { defaultGroups } from '../../runtime/service-groups.ts';
import type { Command } from '../command.ts';
import { configOverrides, NODE_FALLBACKS, nodeOptions } from './node-options.ts';
import { runUntilStopped, type Companion } from './run-until-stopped.ts';

interface ErpCounts {
  confirmations: number;
  materialDocuments: number;
}

/** The demo runs embedded against the built-in ERP simulator only. */
function demoRuns(config: MillwrightConfig): boolean {
  return config.demo && config.transporter === undefined && config.erp.url === undefined;
}

function plantDemo(config: MillwrightConfig, node: RunningNode): Companion | undefined {
  if (!demoRuns(config)) return undefined;
  const erp = `http://127.0.0.1:${config.erp.simulatorPort}`;
  const gateway = gatewayAddress(node.broker);
  console.log(
    [
      'Plant demo (MILLWRIGHT_DEMO=0 turns it off): simulated ERP releases 3 orders on each of',
      'WC-PRESS-1, WC-ASSY-1 and WC-PACK-1; frames drive them; postings go to the ERP simulator.',
      `  ERP simulator documents: ${erp}/sim/counts`,
      `  gateway:                 ${gateway === undefined ? 'off' : `${gateway.url}/api/v1`}`,
      '  REPL:                    nodes on NATS: npx millwright repl --transporter nats://... (docs/operations.md)',
    ].join('\n'),
  );
  let stopping = false;
  const isStopping = () => stopping;
  const run = runPlantDemo(node.broker, {
    firstOrder: demoOrderBase(),
    frameIntervalMs: 1_000,
    log: (message) => {
      console.log(message);
    },
    stopped: isStopping,
  })
    .then(async () => {
      if (isStopping()) return;
      // The connector posts within moments; report what ERP holds.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      if (isStopping()) return;
      const counts = await node.broker.call<ErpCounts>('erp.simulator.counts');
      console.log(
        `demo: done; ERP simulator holds ${counts.confirmations} confirmations and ${counts.materialDocuments} material documents (${erp}/sim/counts)`,
      );
    })
    .catch((error: unknown) => {
      if (!isStopping())
        console.error('demo stopped:', error instanceof Error ? error.message : error);
    });
  return {
    async stop() {
      stopping = true;
      await run;
    },
  };
}

export const startCommand: Command = {
  name: 'start',
  summary: 'Run a complete node in one process (embedded unless a transporter is given).',
  usage: 'millwright start [options]',
  options: nodeOptions,
  run({ values }) {
    const config = loadConfig(undefined, configOverrides(values), NODE_FALLBACKS);
    // Random per start and kept only as its digest in this process; the link is printed once.
    const demoKey = demoRuns(config) ? { id: 'demo', ...createApiKey() } : undefined;
    return runUntilStopped(config, defaultGroups(config), {
      companion: (node) => plantDemo(config, node),
      ...(demoKey === undefined ? {} : { demoKey }),
    });
  },
};
