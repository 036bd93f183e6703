// Starts a broker with the chosen service groups and keeps it until SIGINT / SIGTERM, then
// stops it gracefully (services' `stopped` hooks drain what they hold). A second signal
// during the stop exits at once. Every node offers /health and /ready for supervisors on its
// probe port (decision 0605): live from before the broker starts until after it stopped.
import { ServiceBroker } from 'moleculer';
import {
  checkReadiness,
  createBrokerOptions,
  localServiceNames,
  readinessOf,
  type MillwrightConfig,
} from '../platform/index.ts';
import { startProbeServer, type ProbeServer } from './probe-server.ts';
import {
  openNodeResources,
  partsFor,
  type NodeExtras,
  type ServiceGroup,
} from './service-groups.ts';

export interface RunningNode {
  readonly broker: ServiceBroker;
  /** The probe server, when MILLWRIGHT_PROBE_PORT is not 0. */
  readonly probes: ProbeServer | undefined;
  /** Readiness turns false at once (supervisors stop routing work here); stop() follows. */
  markStopping(): void;
  stop(): Promise<void>;
}

export async function startNode(
  config: MillwrightConfig,
  groups: readonly ServiceGroup[],
  extras: NodeExtras = {},
): Promise<RunningNode> {
  const broker = new ServiceBroker(createBrokerOptions(config));
  let stopping = false;
  const port = readinessOf(broker, () => stopping);
  // Ready once the broker has started every service of its groups and the ones required cluster-wide.
  const required = () => [...localServiceNames(broker), ...config.gateway.readyServices];
  const probes =
    config.probes.port === 0
      ? undefined
      : await startProbeServer({
          ...config.probes,
          nodeId: config.nodeId,
          readiness: () => checkReadiness(port, required()),
        });
  const resources = openNodeResources(config, extras);
  const parts = partsFor(groups, resources);
  const dispose = async () => {
    for (const part of parts) part.dispose();
    resources.close();
    await probes?.close();
  };
  try {
    for (const part of parts) for (const schema of part.services) broker.createService(schema);
    await broker.start();
  } catch (error) {
    await broker.stop().catch(() => undefined);
    await dispose();
    throw error;
  }
  return {
    broker,
    probes,
    markStopping() {
      stopping = true;
    },
    async stop() {
      stopping = true;
      await broker.stop();
      await dispose();
    },
  };
}

/** Resolves when the process is asked to stop; the caller then stops the node. */
export function untilStopSignal(onSecondSignal: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    // An embedded broker may hold no handle of its own: keep the process alive until told.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) {
        onSecondSignal();
        return;
      }
      received = true;
      clearInterval(keepAlive);
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
