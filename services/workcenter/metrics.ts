// The runtime's metrics port on Moleculer's metric registry (exported by the Prometheus
// reporter with namespace and nodeID labels), plus plain counters the `stats` action and
// tests read whether or not metrics are enabled.
import type { ServiceBroker } from 'moleculer';
import type { ActorCounter, ActorMetrics } from '../../actors/index.ts';

/** The runtime's counters plus the host's own (messages refused for another plant). */
export type HostCounter = ActorCounter | 'otherPlantRefusals';

const COUNTERS: Record<HostCounter, string> = {
  activations: 'millwright.actors.activations.total',
  passivations: 'millwright.actors.passivations.total',
  moves: 'millwright.actors.moves.total',
  fencedCommits: 'millwright.actors.fenced.commits.total',
  duplicateInputs: 'millwright.actors.duplicate.inputs.total',
  busyRejections: 'millwright.actors.busy.rejections.total',
  behaviorFailures: 'millwright.actors.behavior.failures.total',
  otherPlantRefusals: 'millwright.actors.other.plant.refusals.total',
};
const ACTIVE = 'millwright.actors.active';
const MAILBOX = 'millwright.actors.mailbox.depth';
const SNAPSHOT = 'millwright.actors.snapshot.latency';

export interface HostMetrics extends ActorMetrics {
  readonly counts: Readonly<Record<HostCounter, number>>;
  count(name: HostCounter, by?: number): void;
}

export function hostMetrics(broker: ServiceBroker): HostMetrics {
  const enabled = broker.isMetricsEnabled();
  const counts = Object.fromEntries(Object.keys(COUNTERS).map((k) => [k, 0])) as Record<
    HostCounter,
    number
  >;
  if (enabled) {
    for (const name of Object.values(COUNTERS)) broker.metrics.register({ type: 'counter', name });
    broker.metrics.register({
      type: 'gauge',
      name: ACTIVE,
      description: 'Actors active on this node',
    });
    broker.metrics.register({
      type: 'gauge',
      name: MAILBOX,
      description: 'Messages queued in all mailboxes',
    });
    broker.metrics.register({
      type: 'histogram',
      name: SNAPSHOT,
      unit: 'millisecond',
      description: 'Duration of one durable commit (snapshot + outbox)',
      buckets: [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000],
    });
  }
  return {
    counts,
    count(name, by = 1) {
      counts[name] += by;
      if (enabled) broker.metrics.increment(COUNTERS[name], undefined, by);
    },
    gauges(active, depth) {
      if (!enabled) return;
      broker.metrics.set(ACTIVE, active);
      broker.metrics.set(MAILBOX, depth);
    },
    snapshotLatency(ms) {
      if (enabled) broker.metrics.observe(SNAPSHOT, ms);
    },
  };
}
