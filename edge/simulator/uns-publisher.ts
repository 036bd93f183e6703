// A simulated MQTT device publishing Unified Namespace JSON (acme/p100/<area>/<cell>/<signal>)
// with QoS 1. Counts every message it published: the oracle of the UNS adapter's sample count.
import { connectAsync, type MqttClient } from 'mqtt';
import type { MachineSnapshot } from './machine-model.ts';
import { linkOptions, type PublisherLink } from './publisher-link.ts';

export class UnsPublisher {
  readonly root: string;
  published = 0;
  #client: MqttClient | undefined;

  constructor(root = 'acme/p100') {
    this.root = root;
  }

  async connect(url: string, link: 4 | 5 | PublisherLink = 4): Promise<void> {
    this.#client = await connectAsync(url, { ...linkOptions(link), reconnectPeriod: 500 });
  }

  /** Publishes what changed between two snapshots of one cell (all of it when `before` is undefined). */
  async publish(
    area: string,
    cell: string,
    now: MachineSnapshot,
    before: MachineSnapshot | undefined,
    timestampMs = Date.now(),
  ): Promise<void> {
    const changes: [string, number][] = [];
    if (before?.good !== now.good) changes.push(['good', now.good]);
    if (before?.scrap !== now.scrap) changes.push(['scrap', now.scrap]);
    if (before?.state !== now.state) changes.push(['state', now.state]);
    // the cell reports in degC already; the template maps it without conversion
    if (before?.temperatureF !== now.temperatureF)
      changes.push(['temperature', Math.round((((now.temperatureF - 32) * 5) / 9) * 100) / 100]);
    for (const [signal, value] of changes)
      await this.send(
        `${this.root}/${area}/${cell}/${signal}`,
        JSON.stringify({ value, timestamp: timestampMs }),
      );
  }

  /** Publishes raw text (fault injection: malformed JSON, wrong types). */
  async send(topic: string, payload: string): Promise<void> {
    if (this.#client === undefined) throw new Error('publisher is not connected');
    await this.#client.publishAsync(topic, payload, { qos: 1 });
    this.published += 1;
  }

  async disconnect(): Promise<void> {
    await this.#client?.endAsync();
    this.#client = undefined;
  }
}
