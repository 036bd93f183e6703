// Composes one template source into a running edge: its adapter, durable frame store, quarantine
// and forwarder, restoring frames, frame numbers, carried bases and open-frame samples left by
// the last process. What the hosting service injects: the deliver port, the logger and the
// secret reader. No Moleculer here; metrics are a plain snapshot the host exports.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Forwarder, FrameStore, type DeliverFrame } from '../buffer/index.ts';
import { silentLogger, type EdgeLogger, type SecretReader } from '../common/index.ts';
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
  /** Resolves the passwords the template references (passwordFile / passwordEnv). */
  readonly secrets?: SecretReader;
  /** Client PKI of OPC UA sources whose template names none; default `<dataDir>/pki`. */
  readonly pkiFolder?: string;
}

/** The store's default bound, and the fill at which it raises MW_EDGE_BUFFER_NEAR_FULL. */
export const DEFAULT_BUFFER_MAX_BYTES = 512 * 1024 * 1024;
export const NEAR_FULL_RATIO = 0.8;
/** samples/s is the count of the last full window of this length. */
const RATE_WINDOW_MS = 1_000;

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
  const maxBytes = options.maxBufferBytes ?? DEFAULT_BUFFER_MAX_BYTES;
  const store = new FrameStore({
    file: join(dataDir, `${source}.frames.db`),
    logger,
    maxBytes,
    nearFullRatio: NEAR_FULL_RATIO,
  });
  const quarantine = new QuarantineStore(join(dataDir, `${source}.quarantine.db`));
  const common = {
    model,
    source,
    outlet: store,
    quarantine,
    logger,
    pkiFolder: options.pkiFolder ?? join(dataDir, 'pki'),
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
  };
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
  try {
    await adapter.start();
  } catch (error) {
    await forwarder.stop();
    store.close();
    quarantine.close();
    throw error;
  }
  logger.info({ plant: model.plant, source, protocol: definition.protocol }, 'edge source started');
  // samples/s over the last full window, whoever reads it and however often.
  let samplesPerSecond = 0;
  let windowStart = adapter.metrics.count('samples');
  const rate = setInterval(() => {
    const samples = adapter.metrics.count('samples');
    samplesPerSecond = ((samples - windowStart) * 1_000) / RATE_WINDOW_MS;
    windowStart = samples;
  }, RATE_WINDOW_MS);
  rate.unref();
  return {
    protocol: definition.protocol,
    metrics: () => {
      const bytes = store.bytes;
      return {
        ...adapter.metrics.snapshot(),
        ...store.metrics.snapshot(),
        framesBuffered: store.count(),
        bufferMaxBytes: maxBytes,
        bufferNearFull: bytes >= maxBytes * NEAR_FULL_RATIO ? 1 : 0,
        samplesPerSecond,
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
      clearInterval(rate);
      await adapter.stop();
      await forwarder.stop();
      store.close();
      quarantine.close();
    },
  };
}
