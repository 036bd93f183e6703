// Liveness and readiness for process supervisors (systemd, Kubernetes probes). Liveness: the
// process answers. Readiness: the broker has started and is not stopping, the transporter (if
// any) is connected, and every required service is available (the node's own ones and those
// named by MILLWRIGHT_READY_SERVICES anywhere in the cluster). Reads a port, not Moleculer.
export interface ReadinessPort {
  brokerStarted(): boolean;
  /** True from the moment the node is asked to stop: supervisors stop sending it work. */
  stopping(): boolean;
  /** `none` in embedded mode. */
  transporter(): 'none' | 'connected' | 'disconnected';
  availableServices(): ReadonlySet<string>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: {
    readonly broker: 'started' | 'starting' | 'stopping';
    readonly transporter: 'none' | 'connected' | 'disconnected';
    readonly services: Readonly<Record<string, 'available' | 'missing'>>;
  };
}

export function checkReadiness(port: ReadinessPort, required: readonly string[]): ReadinessReport {
  const available = port.availableServices();
  const services: Record<string, 'available' | 'missing'> = {};
  for (const name of required) services[name] = available.has(name) ? 'available' : 'missing';
  const broker = port.stopping() ? 'stopping' : port.brokerStarted() ? 'started' : 'starting';
  const transporter = port.transporter();
  const ready =
    broker === 'started' &&
    transporter !== 'disconnected' &&
    Object.values(services).every((state) => state === 'available');
  return { ready, checks: { broker, transporter, services } };
}
