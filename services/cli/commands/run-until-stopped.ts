// Runs a node until SIGINT / SIGTERM and stops it gracefully, printing what it runs: shared by
// `millwright start` and `millwright node`.
import { gatewayAddress } from '../../gateway.service.ts';
import { clusterNamespace, type MillwrightConfig } from '../../platform/index.ts';
import { startNode, untilStopSignal, type RunningNode } from '../../runtime/run-node.ts';
import type { ServiceGroup } from '../../runtime/service-groups.ts';
import { millwrightVersion } from '../../runtime/version.ts';

/** Something started beside the node (the plant demo); stopped before the node stops. */
export interface Companion {
  stop(): Promise<void>;
}

export async function runUntilStopped(
  config: MillwrightConfig,
  groups: readonly ServiceGroup[],
  companion?: (node: RunningNode) => Companion | undefined,
): Promise<number> {
  const node = await startNode(config, groups);
  const services = node.broker.services.map((s) => s.fullName).sort();
  const mode =
    config.transporter === undefined
      ? 'embedded (single process, no transporter)'
      : `cluster on ${config.transporter}`;
  const gateway = gatewayAddress(node.broker);
  // Listen before saying so: a signal right after the prompt must find the handler.
  const stopped = untilStopSignal(() => {
    console.error('second signal: exiting without a graceful stop');
    process.exit(1);
  });
  const qms = !node.broker.services.some((s) => s.name === 'qms.simulator')
    ? undefined
    : await node.broker.call<{ url: string }>('qms.simulator.address');
  console.log(
    [
      `millwright ${millwrightVersion()} node "${config.nodeId}" started`,
      `  mode:     ${mode}`,
      `  plant:    ${config.plant} (namespace ${clusterNamespace(config)})`,
      `  groups:   ${groups.join(', ')}`,
      `  services: ${services.join(', ')}`,
      `  data:     ${config.dataDir}`,
      `  metrics:  ${config.metricsPort > 0 ? `http://127.0.0.1:${config.metricsPort}/metrics` : 'off'}`,
      `  gateway:  ${gateway === undefined ? 'off' : `${gateway.url}/api/v1 (${gateway.url}/openapi.json)`}`,
      ...(gateway === undefined ? [] : [`  dashboard: ${gateway.url}/dashboard (API key or JWT)`]),
      ...(qms === undefined
        ? []
        : [`  qms:      ${qms.url}/qms/v1 (built-in QMS simulator, docs/qms.md)`]),
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  const running = companion?.(node);
  const signal = await stopped;
  console.log(`${signal}: stopping node "${config.nodeId}" gracefully...`);
  await running?.stop();
  await node.stop();
  console.log('stopped.');
  return 0;
}
