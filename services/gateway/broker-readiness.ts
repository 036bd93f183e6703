// The readiness port of a Moleculer broker: started flag, transporter connection and the
// services available anywhere in the cluster (see readiness.ts for what they mean together).
import type { ServiceBroker } from 'moleculer';
import type { ReadinessPort } from './readiness.ts';

export function readinessOf(broker: ServiceBroker): ReadinessPort {
  return {
    brokerStarted: () => broker.started,
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
