// Who may own work-center actors right now: the nodes whose `workcenter.host` service is
// available in this broker's registry. Every node computes placement from this list, so no
// lookup service is needed; views differ only briefly while a node joins or leaves.
import type { ServiceBroker } from 'moleculer';

export const HOST_SERVICE = 'workcenter.host';

export function hostNodes(broker: ServiceBroker): string[] {
  const nodes = new Set<string>();
  for (const service of broker.registry.getServiceList({ onlyAvailable: true })) {
    const entry = service as unknown as { name: string; nodeID?: string };
    if (entry.name === HOST_SERVICE && entry.nodeID !== undefined) nodes.add(entry.nodeID);
  }
  return [...nodes].sort();
}
