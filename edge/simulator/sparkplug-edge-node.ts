// A simulated Sparkplug B edge node (Sparkplug 3.0 §7.2): NDEATH as last will with its bdSeq,
// NBIRTH / DBIRTH with alias tables, DDATA by alias with seq 0-255, and a rebirth on
// NCMD Node Control/Rebirth. Fault injection: skip a seq, publish garbage. It counts what it
// published so tests compare against its own oracle.
import { connectAsync, type MqttClient } from 'mqtt';
import {
  decodePayload,
  edgeTopic,
  encodePayload,
  type OutgoingMetric,
} from '../sparkplug/index.ts';
import { linkOptions, type PublisherLink } from './publisher-link.ts';

export interface SimulatedDevice {
  readonly id: string;
  /** Metric name to its Sparkplug type; aliases are assigned in this order. */
  readonly metrics: Readonly<Record<string, OutgoingMetric['type']>>;
  /** Values in the first birth; numbers default to 0, strings to "1". */
  readonly initial?: Readonly<Record<string, number | boolean | string>>;
}

export class SparkplugEdgeNode {
  readonly group: string;
  readonly edgeNode: string;
  readonly devices: readonly SimulatedDevice[];
  /** How many NBIRTH, DBIRTH, DDATA, ... it published, and rebirth commands it obeyed. */
  readonly published = new Map<string, number>();
  rebirthsObeyed = 0;
  #client: MqttClient | undefined;
  #bdSeq = 0;
  #seq = 0;
  readonly #aliases = new Map<string, number>();
  readonly #values = new Map<string, number | boolean | string>();
  /** Births and data go out one group at a time: a rebirth is never interleaved with data. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(group: string, edgeNode: string, devices: readonly SimulatedDevice[]) {
    this.group = group;
    this.edgeNode = edgeNode;
    this.devices = devices;
    let alias = 1;
    for (const device of devices) {
      for (const name of Object.keys(device.metrics))
        this.#aliases.set(`${device.id}/${name}`, alias++);
    }
  }

  async connect(url: string, link: 4 | 5 | PublisherLink = 4): Promise<void> {
    const will = encodePayload({
      timestampMs: Date.now(),
      metrics: [{ name: 'bdSeq', type: 'UInt64', value: this.#bdSeq }],
    });
    this.#client = await connectAsync(url, {
      ...linkOptions(link),
      clean: true,
      reconnectPeriod: 0,
      will: {
        topic: edgeTopic(this.group, 'NDEATH', this.edgeNode),
        payload: Buffer.from(will),
        qos: 1,
        retain: false,
      },
    });
    this.#client.on('message', (_topic, payload) => {
      const command = decodePayload(payload);
      if (command.metrics.some((m) => m.name === 'Node Control/Rebirth' && m.value === true)) {
        this.rebirthsObeyed += 1;
        this.birth().catch(() => undefined);
      }
    });
    await this.#client.subscribeAsync(edgeTopic(this.group, 'NCMD', this.edgeNode), { qos: 1 });
    await this.birth();
  }

  /** NBIRTH (seq 0, bdSeq) then a DBIRTH per device carrying names, aliases and values. */
  birth(): Promise<void> {
    return this.#serial(() => this.#birth());
  }

  async #birth(): Promise<void> {
    this.#seq = 0;
    await this.#publish(
      'NBIRTH',
      undefined,
      [
        { name: 'bdSeq', type: 'UInt64', value: this.#bdSeq },
        { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
      ],
      0,
    );
    for (const device of this.devices) {
      const metrics = Object.entries(device.metrics).map(([name, type]) => ({
        name,
        alias: this.#aliases.get(`${device.id}/${name}`) ?? 0,
        type,
        value:
          this.#values.get(`${device.id}/${name}`) ??
          device.initial?.[name] ??
          (type === 'String' ? '1' : type === 'Boolean' ? false : 0),
      }));
      await this.#publish('DBIRTH', device.id, metrics);
    }
  }

  /** DDATA of one device, metrics by alias only (§6.4.8). */
  data(
    device: string,
    values: Readonly<Record<string, number | boolean | string>>,
    timestampMs = Date.now(),
  ): Promise<void> {
    const spec = this.devices.find((d) => d.id === device);
    if (spec === undefined) throw new Error(`unknown device ${device}`);
    const metrics = Object.entries(values).map(([name, value]) => {
      this.#values.set(`${device}/${name}`, value);
      return {
        alias: this.#aliases.get(`${device}/${name}`) ?? 0,
        type: spec.metrics[name] ?? 'Double',
        value,
        timestampMs,
      };
    });
    return this.#serial(() => this.#publish('DDATA', device, metrics));
  }

  /** Fault: the next message skips `count` seq numbers, as if messages were lost. */
  skipSeq(count = 1): void {
    this.#seq = (this.#seq + count) % 256;
  }

  deviceDeath(device: string): Promise<void> {
    return this.#serial(() => this.#publish('DDEATH', device, []));
  }

  /** A clean goodbye: NDEATH with the current bdSeq; the next connect uses bdSeq + 1. */
  async disconnect(): Promise<void> {
    await this.#publish(
      'NDEATH',
      undefined,
      [{ name: 'bdSeq', type: 'UInt64', value: this.#bdSeq }],
      null,
    );
    this.#bdSeq = (this.#bdSeq + 1) % 256;
    await this.#client?.endAsync();
    this.#client = undefined;
  }

  /** Fault: bytes that are not a Sparkplug protobuf on a data topic. */
  async publishGarbage(device: string): Promise<void> {
    await this.#client?.publishAsync(
      edgeTopic(this.group, 'DDATA', this.edgeNode, device),
      Buffer.from([0xff, 0xff, 0xff, 0x01]),
      { qos: 1 },
    );
  }

  async #publish(
    type: string,
    device: string | undefined,
    metrics: OutgoingMetric[],
    seq: number | null = this.#nextSeq(),
  ): Promise<void> {
    const client = this.#client;
    if (client === undefined) throw new Error('edge node is not connected');
    const payload = encodePayload({
      timestampMs: Date.now(),
      ...(seq === null ? {} : { seq }),
      metrics,
    });
    await client.publishAsync(
      edgeTopic(this.group, type as 'NBIRTH', this.edgeNode, device),
      Buffer.from(payload),
      { qos: 1 },
    );
    this.published.set(type, (this.published.get(type) ?? 0) + 1);
  }

  #serial(step: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(step);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #nextSeq(): number {
    this.#seq = (this.#seq + 1) % 256;
    return this.#seq;
  }
}
