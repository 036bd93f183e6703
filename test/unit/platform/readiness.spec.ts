// Readiness is the conjunction of its checks; each failing check is named in the report, and a
// node that is stopping is not ready even while its broker still runs.
import { checkReadiness, type ReadinessPort } from '../../../services/platform/index.ts';

function port(over: Partial<ReadinessPort> = {}): ReadinessPort {
  return {
    brokerStarted: () => true,
    stopping: () => false,
    transporter: () => 'connected',
    availableServices: () => new Set(['orders', 'platform.node']),
    ...over,
  };
}

describe('readiness', () => {
  it('is ready when the broker runs, NATS is connected and the required services exist', () => {
    expect(checkReadiness(port(), ['orders'])).toEqual({
      ready: true,
      checks: { broker: 'started', transporter: 'connected', services: { orders: 'available' } },
    });
    expect(checkReadiness(port({ transporter: () => 'none' }), []).ready).toBe(true);
  });

  it.each([
    ['the broker is starting', { brokerStarted: () => false }],
    ['the node is stopping', { stopping: () => true }],
    ['the transporter is disconnected', { transporter: () => 'disconnected' as const }],
    ['a required service is missing', { availableServices: () => new Set<string>() }],
  ])('is not ready when %s', (_, over) => {
    expect(checkReadiness(port(over), ['orders']).ready).toBe(false);
  });

  it('names the stopping state, which wins over a broker that still runs', () => {
    expect(checkReadiness(port({ stopping: () => true }), []).checks.broker).toBe('stopping');
  });
});
