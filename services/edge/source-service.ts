// The shape shared by the thin edge.* services: each hosts the template sources of one protocol
// The shape shared by the thin edge.* services: each hosts the template sources of one protocol
// (edge/runtime composes them), delegates its actions and exports the sources' metrics to
// Prometheus. Frames go to the owning actor through the `deliver` port, by default the
// `workcenter.host.ingestFrame` action. Sources start when the service is created, before the
// transporter connects: an edge (re)started during an outage collects to disk at once instead
// of waiting for the cluster.
import type { Context, Service, ServiceBroker, ServiceSchema } from 'moleculer';
import type { SecretReader } from '../../edge/common/index.ts';
import type { EncodedFrame } from '../../edge/framing/index.ts';
import { startEdgeSource, type EdgeSource } from '../../edge/runtime/index.ts';
import type { PlantModel } from '../../edge/template/index.ts';
import { exportEdgeMetrics } from './edge-metrics.ts';

export interface EdgeServiceOptions {
  readonly model: PlantModel;
  /** Folder of this node's edge buffers and quarantines. */
  readonly dataDir: string;
  /** Defaults to calling `workcenter.host.ingestFrame`, which resolves once the actor committed. */
  readonly deliver?: (broker: ServiceBroker, frame: EncodedFrame) => Promise<void>;
  readonly backlogFramesPerSecond?: number;
  /** Bound of each source's buffer (MILLWRIGHT_EDGE_BUFFER_MAX_BYTES). */
  readonly maxBufferBytes?: number;
  /** Reads the passwords the template references; services/platform's templateSecretReader. */
  readonly secrets?: SecretReader;
  /** Client PKI of OPC UA sources whose template names none. */
  readonly pkiFolder?: string;
}

const defaultDeliver = async (broker: ServiceBroker, frame: EncodedFrame): Promise<void> => {
  await broker.call('workcenter.host.ingestFrame', { header: frame.header, bytes: frame.bytes });
};

export function edgeSourceService(
  name: string,
  protocol: EdgeSource['protocol'],
  options: EdgeServiceOptions,
): ServiceSchema {
  const deliver = options.deliver ?? defaultDeliver;
  // One schema per service instance: the running sources live in this closure.
  const sources = new Map<string, EdgeSource>();
  let starting: Promise<void> = Promise.resolve();
  let stopExport = (): void => undefined;
  const sourceOf = (ctx: Context<{ source?: string }>) => {
    const wanted = ctx.params.source;
    return [...sources].filter(([id]) => wanted === undefined || id === wanted);
  };
  return {
    name,
    created(this: Service) {
      // Not in `started`: Moleculer starts services only once the transporter is connected.
      const { deliver: _port, ...shared } = options;
      starting = (async () => {
        try {
          for (const [source, definition] of options.model.sources) {
            if (definition.protocol !== protocol) continue;
            const running = await startEdgeSource({
              ...shared,
              source,
              deliver: (frame) => deliver(this.broker, frame),
              logger: this.logger,
            });
            sources.set(source, running);
          }
        } catch (error) {
          // A source that cannot start stops the service; the ones already running stop with it.
          for (const running of sources.values()) await running.stop();
          sources.clear();
          throw error;
        }
      })();
      // Surfaced by `started`; kept from being an unhandled rejection until then.
      starting.catch(() => undefined);
    },
    async started(this: Service) {
      await starting;
      stopExport = exportEdgeMetrics(this.broker, sources);
    },
    async stopped() {
      stopExport();
      await starting.catch(() => undefined);
      for (const source of sources.values()) await source.stop();
      sources.clear();
    },
    actions: {
      metrics: {
        params: { source: { type: 'string', optional: true } },
        handler(ctx: Context<{ source?: string }>) {
          return Object.fromEntries(sourceOf(ctx).map(([id, s]) => [id, s.metrics()]));
        },
      },
      quarantine: {
        params: { source: { type: 'string', optional: true } },
        handler(ctx: Context<{ source?: string }>) {
          return Object.fromEntries(sourceOf(ctx).map(([id, s]) => [id, s.quarantined()]));
        },
      },
      replay: {
        params: { source: { type: 'string', optional: true } },
        handler(ctx: Context<{ source?: string }>) {
          return Object.fromEntries(sourceOf(ctx).map(([id, s]) => [id, s.replay()]));
        },
      },
    },
  };
}
