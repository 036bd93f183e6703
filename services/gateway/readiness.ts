// Liveness and readiness for process supervisors (systemd, Kubernetes probes). Liveness: the
// process answers. Readiness: the broker has started, the transporter (if any) is connected,
// and every required service is available somewhere in the cluster. Reads a port, not Moleculer.
export interface ReadinessPort {
  brokerStarted(): boolean;
  /** `none` in embedded mode. */
  transporter(): 'none' | 'connected' | 'disconnected';
  availableServices(): ReadonlySet<string>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: {
    readonly broker: 'started' | 'starting';
    readonly transporter: 'none' | 'connected' | 'disconnected';
    readonly services: Readonly<Record<string, 'available' | 'missing'>>;
  };
}

export function checkReadiness(port: ReadinessPort, required: readonly string[]): ReadinessReport {
  const available = port.availableServices();
  const services: Record<string, 'available' | 'missing'> = {};
  for (const name of required) services[name] = available.has(name) ? 'available' : 'missing';
  const broker = port.brokerStarted() ? 'started' : 'starting';
  const transporter = port.transporter();
  const ready =
    broker === 'started' &&
    transporter !== 'disconnected' &&
    Object.values(services).every((state) => state === 'available');
  return { ready, checks: { broker, transporter, services } };
}
