// The readiness port of a Moleculer broker: started and stopping flags, transporter connection
// and the services available anywhere in the cluster (see readiness.ts for what they mean
// together). `stopping` lets the node say so before Moleculer's own flag (set after its delay).
import type { ServiceBroker } from 'moleculer';
import type { ReadinessPort } from './readiness.ts';

export function readinessOf(broker: ServiceBroker, stopping = () => false): ReadinessPort {
  return {
    brokerStarted: () => broker.started,
    // Moleculer sets `stopping` (untyped in 0.14) once its stop delay has passed.
    stopping: () => stopping() || (broker as { stopping?: boolean }).stopping === true,
    transporter: () => {
      if (broker.transit === undefined) return 'none';
      return broker.transit.connected ? 'connected' : 'disconnected';
    },
    availableServices: () =>
      new Set(
        broker.registry
          .getServiceList({ onlyAvailable: true, skipInternal: true })
          .map((service) => (service as { fullName?: string }).fullName ?? service.name),
      ),
  };
}

/** The node's own services (what it was started to run), by full name. */
export function localServiceNames(broker: ServiceBroker): string[] {
  return broker.services
    .map((service) => service.fullName)
    .filter((name) => !name.startsWith('$'))
    .sort();
}
