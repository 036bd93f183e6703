// `platform.node`: what this node is and runs. Every node has it, so ops tools (REPL, CLI,
// dashboard) can ask any node to describe itself.
import type { Context, MetricListOptions, ServiceBroker, ServiceSchema } from 'moleculer';
import { clusterNamespace, type MillwrightConfig } from './platform/index.ts';
import { millwrightVersion } from './runtime/version.ts';

export interface NodeDescription {
  readonly nodeId: string;
  readonly version: string;
  readonly plant: string;
  /** The plant's Moleculer namespace (`<MILLWRIGHT_NAMESPACE>-<plant>`). */
  readonly namespace: string;
  readonly mode: 'embedded' | 'cluster';
  readonly serializer: string;
  readonly services: string[];
  readonly uptimeSeconds: number;
}

export function describeNode(broker: ServiceBroker, config: MillwrightConfig): NodeDescription {
  return {
    nodeId: broker.nodeID,
    version: millwrightVersion(),
    plant: config.plant,
    namespace: clusterNamespace(config),
    mode: config.transporter === undefined ? 'embedded' : 'cluster',
    serializer: broker.serializer?.constructor.name ?? 'unknown',
    services: broker.services.map((s) => s.fullName).sort(),
    uptimeSeconds: Math.round(process.uptime()),
  };
}

export function platformNodeService(config: MillwrightConfig): ServiceSchema {
  return {
    name: 'platform.node',
    actions: {
      describe: {
        handler(this: { broker: ServiceBroker }, _ctx: Context): NodeDescription {
          return describeNode(this.broker, config);
        },
      },
      // Millwright's counters and gauges on this node, for the dashboard (every node answers,
      // so a gateway sees metrics of nodes it does not host). Empty when metrics are off.
      metrics: {
        handler(this: { broker: ServiceBroker }, _ctx: Context): unknown[] {
          if (!this.broker.isMetricsEnabled()) return [];
          // The option is `types` at run time (moleculer 0.14's typings say `type`).
          const options = { types: ['counter', 'gauge'], includes: ['mw.**', 'millwright.**'] };
          return this.broker.metrics.list(options as unknown as MetricListOptions);
        },
      },
    },
  };
}
