// The Sparkplug B host application adapter (Sparkplug 3.0 §7): announces itself as Primary Host
// with a retained STATE message and a matching last will (§7.5), subscribes its group, feeds
// decoded messages through HostSession into the frame builder, and sends NCMD rebirth requests.
import type { MqttClient } from 'mqtt';
import { EdgeMetrics, resolvePassword } from '../common/index.ts';
import { sourceFrameBuilder, type FrameBuilder } from '../framing/index.ts';
import type { AdapterOptions } from '../mqtt/index.ts';
import { openConnection } from '../mqtt/index.ts';
import { rejectContextOf, rejectInput, type RejectContext } from '../quarantine/index.ts';
import { logSecurityWarnings, sourceOfProtocol, type SourceOfProtocol } from '../template/index.ts';
import { HostSession } from './host-session.ts';
import { decodePayload, encodePayload } from './sparkplug-codec.ts';
import { edgeTopic, NAMESPACE, parseTopic, stateTopic } from './sparkplug-topic.ts';

const stateMessage = (online: boolean, timestamp: number) => JSON.stringify({ online, timestamp });

export class SparkplugHostAdapter {
  readonly metrics = new EdgeMetrics();
  readonly #options: AdapterOptions;
  readonly #definition: SourceOfProtocol<'sparkplug'>;
  readonly #session: HostSession;
  readonly #builder: FrameBuilder;
  readonly #reject: RejectContext;
  #client: MqttClient | undefined;
  /** Timestamp of this host's STATE birth and will (§7.5: they must be equal). */
  #stateTimestamp = 0;

  constructor(options: AdapterOptions) {
    this.#definition = sourceOfProtocol(options.model, options.source, 'sparkplug');
    this.#options = options;
    this.#session = new HostSession(options.model, options.source);
    this.#builder = sourceFrameBuilder(options);
    this.#reject = rejectContextOf(options, this.metrics);
  }

  get builder(): FrameBuilder {
    return this.#builder;
  }

  async start(): Promise<void> {
    const def = this.#definition;
    // §7.5: the birth and the will carry the same timestamp, so a late will of an older
    // connection cannot mark a newer session offline.
    const timestamp = Date.now();
    this.#stateTimestamp = timestamp;
    const state = stateTopic(def.hostId);
    const { source, secrets } = this.#options;
    logSecurityWarnings(this.#reject.logger, source, def);
    const password = resolvePassword(def, `sources.${source}`, secrets);
    const client = await openConnection(
      { ...def, password },
      {
        clean: true, // §7.1: a host connects with a clean session
        will: {
          topic: state,
          payload: Buffer.from(stateMessage(false, timestamp)),
          qos: 1,
          retain: true,
        },
        logger: this.#reject.logger,
        metrics: this.metrics,
        onMessage: (topic, payload) => {
          this.#onMessage(topic, payload, timestamp);
        },
        ...(this.#options.reconnectPeriodMs === undefined
          ? {}
          : { reconnectPeriodMs: this.#options.reconnectPeriodMs }),
      },
    );
    this.#client = client;
    const announce = async (): Promise<void> => {
      await client.subscribeAsync([state, `${NAMESPACE}/${def.groupId}/#`], { qos: 1 });
      await client.publishAsync(state, stateMessage(true, timestamp), { qos: 1, retain: true });
      this.metrics.increment('stateAnnounced');
    };
    client.on('connect', () => {
      announce().catch((error: unknown) => {
        this.#reject.logger.warn({ err: (error as Error).message }, 'STATE announce failed');
      });
    });
    await announce();
  }

  /** Maps one message; false when it was rejected (and quarantined). */
  ingest(topic: string, payload: Uint8Array, receivedAtMs: number): boolean {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== 'edge') return true;
    this.metrics.increment('messages');
    this.metrics.increment(`messages.${parsed.type}`);
    try {
      const outcome = this.#session.handle(
        parsed.type,
        parsed.edgeNode,
        parsed.device,
        decodePayload(payload),
        receivedAtMs,
      );
      for (const sample of outcome.samples) this.#builder.add(sample);
      this.metrics.increment('samples', outcome.samples.length);
      if (outcome.rebirth) this.#requestRebirth(parsed.group, parsed.edgeNode);
      if (outcome.gap !== undefined) {
        this.metrics.increment('sequenceGaps');
        const { type, message, data } = outcome.gap;
        this.#reject.logger.warn(
          { code: type, edgeNode: parsed.edgeNode, ...(data as object) },
          message,
        );
      }
      if (outcome.error !== undefined) throw outcome.error;
      return true;
    } catch (error) {
      rejectInput(this.#reject, topic, payload, error);
      return false;
    }
  }

  #onMessage(topic: string, payload: Buffer, timestamp: number): void {
    const parsed = parseTopic(topic);
    if (parsed?.kind === 'state') {
      // §7.5: a host that sees itself declared offline (an old will) declares itself online again.
      const message = JSON.parse(payload.toString()) as { online?: boolean; timestamp?: number };
      if (message.online === false && message.timestamp === timestamp) return;
      if (message.online === false)
        void this.#client?.publishAsync(topic, stateMessage(true, timestamp), {
          qos: 1,
          retain: true,
        });
      return;
    }
    this.ingest(topic, payload, Date.now());
  }

  #requestRebirth(group: string, edgeNode: string): void {
    this.metrics.increment('rebirthsRequested');
    this.#reject.logger.info({ group, edgeNode }, 'requesting rebirth (NCMD Node Control/Rebirth)');
    const payload = encodePayload({
      timestampMs: Date.now(),
      metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }],
    });
    void this.#client?.publishAsync(edgeTopic(group, 'NCMD', edgeNode), Buffer.from(payload), {
      qos: 0,
    });
  }

  /** Seals open frames, declares the host offline (retained) and disconnects. */
  async stop(): Promise<void> {
    this.#builder.flush();
    const client = this.#client;
    this.#client = undefined;
    const def = this.#definition;
    if (client === undefined) return;
    // Leaving: its own offline STATE must not come back (its PUBACK would follow the DISCONNECT).
    await client.unsubscribeAsync(stateTopic(def.hostId));
    await client.publishAsync(stateTopic(def.hostId), stateMessage(false, this.#stateTimestamp), {
      qos: 1,
      retain: true,
    });
    // A stop is not a lost connection: no MW_EDGE_CONNECTION_LOST when the socket closes.
    this.metrics.set('connection', 'offline');
    await client.endAsync();
  }

  /** kill -9 stand-in for tests: the socket drops, the broker publishes the will. */
  async abort(): Promise<void> {
    this.#builder.close();
    const client = this.#client;
    this.#client = undefined;
    client?.stream.destroy();
    await client?.endAsync(true);
  }
}
