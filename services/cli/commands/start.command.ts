// `millwright start` (what `npm start` runs): one node with every service group that exists,
// embedded by default, on NATS with --transporter or TRANSPORTER. Later issues add the plant
// simulator and the pipeline behind this same command.
import { loadConfig } from '../../platform/index.ts';
import { gatewayAddress } from '../../gateway.service.ts';
import { startNode, untilStopSignal } from '../../runtime/run-node.ts';
import { SERVICE_GROUPS } from '../../runtime/service-groups.ts';
import { millwrightVersion } from '../../runtime/version.ts';
import type { Command } from '../command.ts';
import { configOverrides, nodeOptions } from './node-options.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'Run a complete node in one process (embedded unless a transporter is given).',
  usage: 'millwright start [options]',
  options: nodeOptions,
  async run({ values }) {
    const config = loadConfig(undefined, configOverrides(values));
    const node = await startNode(config, SERVICE_GROUPS);
    const services = node.broker.services.map((s) => s.fullName).sort();
    const mode =
      config.transporter === undefined
        ? 'embedded (single process, no transporter)'
        : `cluster on ${config.transporter}`;
    const gateway = gatewayAddress(node.broker);
    console.log(
      [
        `millwright ${millwrightVersion()} node "${config.nodeId}" started`,
        `  mode:     ${mode}`,
        `  plant:    ${config.plant} (namespace ${config.namespace})`,
        `  services: ${services.join(', ')}`,
        `  data:     ${config.dataDir}`,
        `  metrics:  ${config.metricsPort > 0 ? `http://127.0.0.1:${config.metricsPort}/metrics` : 'off'}`,
        `  gateway:  ${gateway === undefined ? 'off' : `${gateway.url}/api/v1 (${gateway.url}/openapi.json)`}`,
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    const signal = await untilStopSignal(() => {
      console.error('second signal: exiting without a graceful stop');
      process.exit(1);
    });
    console.log(`${signal}: stopping node "${config.nodeId}" gracefully...`);
    await node.stop();
    console.log('stopped.');
    return 0;
  },
};
