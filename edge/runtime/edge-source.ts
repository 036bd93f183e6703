// Composes one template source into a running edge: its adapter, durable frame store, quarantine
// and forwarder, restoring frames, frame numbers, carried bases and open-frame samples left by
// the last process. What the hosting service injects: the deliver port and the logger. No
// Moleculer here.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Forwarder, FrameStore, type DeliverFrame } from '../buffer/index.ts';
import { silentLogger, type EdgeLogger } from '../common/index.ts';
import { MqttJsonAdapter } from '../mqtt/index.ts';
import { OpcuaAdapter } from '../opcua/index.ts';
import { QuarantineStore, type QuarantinedInput } from '../quarantine/index.ts';
import { SparkplugHostAdapter } from '../sparkplug/index.ts';
import type { PlantModel } from '../template/index.ts';

export interface EdgeSourceOptions {
  readonly model: PlantModel;
  readonly source: string;
  /** Folder of the buffer and quarantine files (one pair per source). */
  readonly dataDir: string;
  readonly deliver: DeliverFrame;
  readonly logger?: EdgeLogger;
  readonly maxBufferBytes?: number;
  readonly backlogFramesPerSecond?: number;
}

export interface EdgeSource {
  readonly protocol: 'opcua' | 'mqtt' | 'sparkplug';
  metrics(): Record<string, number | string>;
  quarantined(): Omit<QuarantinedInput, 'payload'>[];
  /** Replays quarantined input through the adapter (after the template or publisher was fixed). */
  replay(): number;
  stop(): Promise<void>;
}

export async function startEdgeSource(options: EdgeSourceOptions): Promise<EdgeSource> {
  const { model, source, dataDir, deliver } = options;
  const definition = model.sources.get(source);
  if (definition === undefined) throw new Error(`source ${source} is not in plant ${model.plant}`);
  const logger = options.logger ?? silentLogger;
  mkdirSync(dataDir, { recursive: true });
  const store = new FrameStore({
    file: join(dataDir, `${source}.frames.db`),
    logger,
    ...(options.maxBufferBytes === undefined ? {} : { maxBytes: options.maxBufferBytes }),
  });
  const quarantine = new QuarantineStore(join(dataDir, `${source}.quarantine.db`));
  const common = { model, source, outlet: store, quarantine, logger };
  const adapter =
    definition.protocol === 'opcua'
      ? new OpcuaAdapter(common)
      : definition.protocol === 'mqtt'
        ? new MqttJsonAdapter(common)
        : new SparkplugHostAdapter(common);
  for (const sample of store.journaled()) adapter.builder.add(sample, true);
  const forwarder = new Forwarder({
    store,
    deliver,
    logger,
    ...(options.backlogFramesPerSecond === undefined
      ? {}
      : { backlogFramesPerSecond: options.backlogFramesPerSecond }),
  });
  forwarder.start();
  await adapter.start();
  logger.info({ plant: model.plant, source, protocol: definition.protocol }, 'edge source started');
  let last = { at: Date.now(), samples: 0 };
  return {
    protocol: definition.protocol,
    metrics: () => {
      // samples/s over the interval since the previous call (the scrape interval)
      const now = Date.now();
      const samples = adapter.metrics.count('samples');
      const seconds = (now - last.at) / 1_000;
      const samplesPerSecond = seconds > 0 ? (samples - last.samples) / seconds : 0;
      last = { at: now, samples };
      return {
        ...adapter.metrics.snapshot(),
        ...store.metrics.snapshot(),
        framesBuffered: store.count(),
        samplesPerSecond: Math.round(samplesPerSecond * 10) / 10,
      };
    },
    quarantined: () => quarantine.list().map(({ payload: _payload, ...rest }) => rest),
    // Only UNS JSON replays: a Sparkplug message depends on the session state (seq, aliases)
    // of its time, and an OPC UA notification is not re-sent; both stay for inspection.
    replay: () =>
      adapter instanceof MqttJsonAdapter
        ? quarantine.replay((input) =>
            adapter.ingest(input.address, input.payload, input.receivedAtMs),
          )
        : 0,
    async stop() {
      await adapter.stop();
      await forwarder.stop();
      store.close();
      quarantine.close();
    },
  };
}
