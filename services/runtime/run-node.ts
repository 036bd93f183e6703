// Starts a broker with the chosen service groups and keeps it until SIGINT / SIGTERM, then
// stops it gracefully (services' `stopped` hooks drain what they hold). A second signal
// during the stop exits at once.
import { ServiceBroker } from 'moleculer';
import { createBrokerOptions, type MillwrightConfig } from '../platform/index.ts';
import { openNodeResources, partsFor, type ServiceGroup } from './service-groups.ts';

export interface RunningNode {
  readonly broker: ServiceBroker;
  stop(): Promise<void>;
}

export async function startNode(
  config: MillwrightConfig,
  groups: readonly ServiceGroup[],
): Promise<RunningNode> {
  const broker = new ServiceBroker(createBrokerOptions(config));
  const resources = openNodeResources(config);
  const parts = partsFor(groups, resources);
  for (const part of parts) for (const schema of part.services) broker.createService(schema);
  await broker.start();
  return {
    broker,
    async stop() {
      await broker.stop();
      for (const part of parts) part.dispose();
      resources.close();
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
