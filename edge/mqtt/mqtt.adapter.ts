// The MQTT JSON (Unified Namespace) adapter: subscribes the topics of one template source with
// QoS 1 on a persistent session, maps each message through UnsMapping into the frame builder,
// and quarantines what it cannot map. start / stop; frames leave through the outlet.
import type { MqttClient } from 'mqtt';
import {
  EdgeMetrics,
  resolvePassword,
  type EdgeLogger,
  type SecretReader,
} from '../common/index.ts';
import { sourceFrameBuilder, type FrameBuilder, type FrameOutlet } from '../framing/index.ts';
import {
  rejectContextOf,
  rejectInput,
  type Quarantine,
  type RejectContext,
} from '../quarantine/index.ts';
import {
  logSecurityWarnings,
  sourceOfProtocol,
  type PlantModel,
  type SourceOfProtocol,
} from '../template/index.ts';
import { openConnection } from './mqtt-connection.ts';
import { UnsMapping } from './uns-mapping.ts';

export interface AdapterOptions {
  readonly model: PlantModel;
  /** Name of the source in the plant template. */
  readonly source: string;
  readonly outlet: FrameOutlet;
  readonly quarantine?: Quarantine;
  readonly logger?: EdgeLogger;
  readonly framing?: { readonly maxSamples?: number; readonly maxAgeMs?: number };
  readonly reconnectPeriodMs?: number;
  /** Reads the passwords the template references; the hosting node injects it. */
  readonly secrets?: SecretReader;
  /** PKI folder of OPC UA sources whose template names none (the node's `<data dir>/pki`). */
  readonly pkiFolder?: string;
}

export class MqttJsonAdapter {
  readonly metrics = new EdgeMetrics();
  readonly #options: AdapterOptions;
  readonly #definition: SourceOfProtocol<'mqtt'>;
  readonly #mapping: UnsMapping;
  readonly #builder: FrameBuilder;
  readonly #reject: RejectContext;
  #client: MqttClient | undefined;

  constructor(options: AdapterOptions) {
    this.#definition = sourceOfProtocol(options.model, options.source, 'mqtt');
    this.#options = options;
    this.#mapping = new UnsMapping(options.model, options.source);
    this.#builder = sourceFrameBuilder(options);
    this.#reject = rejectContextOf(options, this.metrics);
  }

  async start(): Promise<void> {
    const definition = this.#definition;
    const { source, secrets } = this.#options;
    logSecurityWarnings(this.#reject.logger, source, definition);
    const password = resolvePassword(definition, `sources.${source}`, secrets);
    const client = await openConnection(
      { ...definition, password },
      {
        clean: false,
        logger: this.#reject.logger,
        metrics: this.metrics,
        // Synchronous handler: mqtt.js sends the PUBACK after it returns, by which time every
        // sample is in the builder and journaled by the outlet (MQTT 5 §4.3.2 QoS 1 delivery).
        onMessage: (topic, payload) => {
          this.ingest(topic, payload, Date.now());
        },
        ...(this.#options.reconnectPeriodMs === undefined
          ? {}
          : { reconnectPeriodMs: this.#options.reconnectPeriodMs }),
      },
    );
    this.#client = client;
    const filters = definition.subscribe ?? this.#mapping.topics();
    await client.subscribeAsync(filters, { qos: 1 });
  }

  /** Maps one message; false when it was rejected (and quarantined). Replay calls this too. */
  ingest(topic: string, payload: Uint8Array, receivedAtMs: number): boolean {
    this.metrics.increment('messages');
    try {
      const samples = this.#mapping.map(topic, payload, receivedAtMs, this.#options.model.units);
      for (const sample of samples) this.#builder.add(sample);
      this.metrics.increment('samples', samples.length);
      return true;
    } catch (error) {
      rejectInput(this.#reject, topic, payload, error);
      return false;
    }
  }

  /** Seals open frames, then disconnects; the broker keeps the session for the next start. */
  async stop(): Promise<void> {
    this.#builder.flush();
    const client = this.#client;
    this.#client = undefined;
    // A stop is not a lost connection: no MW_EDGE_CONNECTION_LOST when the socket closes.
    this.metrics.set('connection', 'offline');
    if (client !== undefined) await client.endAsync();
  }

  /** Crash-like stop for tests: no flush, the journal keeps the open frames. */
  async abort(): Promise<void> {
    this.#builder.close();
    await this.#client?.endAsync(true);
    this.#client = undefined;
  }

  get builder(): FrameBuilder {
    return this.#builder;
  }
}
