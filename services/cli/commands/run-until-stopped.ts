// Runs a node until SIGINT / SIGTERM and stops it gracefully, printing what it runs: shared by
// `millwright start` and `millwright node`. The demo's key appears once, in the dashboard line
// on stdout, and nowhere else (decision 0606).
import { gatewayAddress } from '../../gateway.service.ts';
import { clusterNamespace, type MillwrightConfig } from '../../platform/index.ts';
import { startNode, untilStopSignal, type RunningNode } from '../../runtime/run-node.ts';
import type { ServiceGroup } from '../../runtime/service-groups.ts';
import { millwrightVersion } from '../../runtime/version.ts';

/** Something started beside the node (the plant demo); stopped before the node stops. */
export interface Companion {
  stop(): Promise<void>;
}

export interface RunOptions {
  readonly companion?: (node: RunningNode) => Companion | undefined;
  /** A loopback-only key the gateway accepts (its digest) and the dashboard URL carries. */
  readonly demoKey?: { readonly id: string; readonly key: string; readonly sha256: string };
}

function dashboardLine(node: RunningNode, demoKey: RunOptions['demoKey']): string[] {
  const gateway = gatewayAddress(node.broker);
  if (gateway === undefined) return [];
  if (demoKey === undefined) return [`  dashboard: ${gateway.url}/dashboard (API key or JWT)`];
  // The key works from this host only, so the link names the loopback address.
  const scheme = gateway.url.startsWith('https:') ? 'https' : 'http';
  const link = `${scheme}://127.0.0.1:${gateway.port}/dashboard#key=${demoKey.key}`;
  return [
    `  dashboard: ${link}`,
    '             (demo key, operator, this host only, new each start)',
  ];
}

export async function runUntilStopped(
  config: MillwrightConfig,
  groups: readonly ServiceGroup[],
  options: RunOptions = {},
): Promise<number> {
  const { demoKey } = options;
  const node = await startNode(config, groups, {
    loopbackKeys:
      demoKey === undefined ? [] : [{ id: demoKey.id, role: 'operator', sha256: demoKey.sha256 }],
  });
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
      ...(groups.includes('edge')
        ? [
            `  edge:     ${config.edge.plantTemplate ?? ''} (buffers ${config.edge.dataDir}, OPC UA PKI ${config.edge.pkiFolder})`,
          ]
        : []),
      `  metrics:  ${config.metricsPort > 0 ? `http://127.0.0.1:${config.metricsPort}/metrics` : 'off'}`,
      `  probes:   ${node.probes === undefined ? 'off' : `${node.probes.url}/health and ${node.probes.url}/ready`}`,
      `  gateway:  ${gateway === undefined ? 'off' : `${gateway.url}/api/v1 (${gateway.url}/openapi.json)`}`,
      ...dashboardLine(node, demoKey),
      ...(qms === undefined
        ? []
        : [`  qms:      ${qms.url}/qms/v1 (built-in QMS simulator, docs/qms.md)`]),
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  const running = options.companion?.(node);
  const signal = await stopped;
  // Not ready from now on: supervisors and load balancers stop sending work while it drains.
  node.markStopping();
  console.log(`${signal}: stopping node "${config.nodeId}" gracefully...`);
  await running?.stop();
  await node.stop();
  console.log('stopped.');
  return 0;
}
