// Edge ingest: MQTT UNS messages/s into frames next to a raw mqtt.js subscriber (same embedded
// broker, same publisher, same run), and OPC UA notifications/s mapped into frames next to
// reading the same DataValues into plain objects (no network: the mapping and framing cost).
import { DataType, DataValue, StatusCodes } from 'node-opcua';
import { connectAsync, type MqttClient } from 'mqtt';
import { memoryOutlet } from '../../edge/framing/index.ts';
import { MqttJsonAdapter } from '../../edge/mqtt/index.ts';
import { monitoredSignals, OpcuaAdapter } from '../../edge/opcua/index.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../edge/simulator/index.ts';
import { parsePlantTemplate, type PlantModel } from '../../edge/template/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchComparison, BenchSuite, BenchVariant } from '../lib/suite.ts';

const TOPIC = 'acme/p100/assembly/WC-ASSY-1/good';

function model(urls: { mqtt?: string } = {}): PlantModel {
  let text = readFileSync(join(import.meta.dirname, '../../examples/plants/p100.yaml'), 'utf8');
  if (urls.mqtt !== undefined)
    text = text.replaceAll('url: mqtt://127.0.0.1:1883', `url: ${urls.mqtt}\n    mqttVersion: 4`);
  return parsePlantTemplate(text, 'p100.yaml');
}

/** Publishes `ops` messages and waits until `received()` has grown by as many. */
async function pump(
  publisher: MqttClient,
  topic: string,
  ops: number,
  received: () => number,
): Promise<void> {
  const target = received() + ops;
  for (let i = 0; i < ops; i += 1)
    publisher.publish(topic, `{"value":${i},"timestamp":${1_700_000_000_000 + i}}`, { qos: 0 });
  const deadline = Date.now() + 60_000;
  while (received() < target) {
    if (Date.now() > deadline) throw new Error(`only ${received()} of ${target} messages arrived`);
    await new Promise((r) => setImmediate(r));
  }
}

function mqttVariants(): BenchVariant[] {
  // One broker for both variants (the runner sets every variant up before it measures), and a
  // publisher per variant; the broker closes after the last teardown.
  let shared: Promise<EmbeddedBroker> | undefined;
  let users = 0;
  const acquire = () => {
    users += 1;
    shared ??= startEmbeddedBroker();
    return shared;
  };
  const release = async () => {
    users -= 1;
    if (users === 0 && shared !== undefined) await (await shared).close();
  };
  let rawPublisher: MqttClient;
  let raw: MqttClient;
  let rawCount = 0;
  let adapterPublisher: MqttClient;
  let adapter: MqttJsonAdapter;
  return [
    {
      name: 'raw mqtt.js subscriber (JSON.parse)',
      baseline: true,
      async setup() {
        const broker = await acquire();
        rawPublisher = await connectAsync(broker.url, { protocolVersion: 4 });
        raw = await connectAsync(broker.url, { protocolVersion: 4 });
        raw.on('message', (_t, payload) => {
          JSON.parse(payload.toString());
          rawCount += 1;
        });
        await raw.subscribeAsync(`${TOPIC}/raw`, { qos: 0 });
      },
      run: (ops) => pump(rawPublisher, `${TOPIC}/raw`, ops, () => rawCount),
      async teardown() {
        await raw.endAsync();
        await rawPublisher.endAsync();
        await release();
      },
    },
    {
      name: 'MqttJsonAdapter into frames',
      async setup() {
        const broker = await acquire();
        adapterPublisher = await connectAsync(broker.url, { protocolVersion: 4 });
        adapter = new MqttJsonAdapter({
          model: model({ mqtt: broker.url }),
          source: 'uns',
          outlet: memoryOutlet(() => undefined),
          framing: { maxSamples: 1_000 },
        });
        await adapter.start();
      },
      run: (ops) => pump(adapterPublisher, TOPIC, ops, () => adapter.metrics.count('samples')),
      async teardown() {
        await adapter.stop();
        await adapterPublisher.endAsync();
        await release();
      },
    },
  ];
}

function opcuaVariants(): BenchVariant[] {
  const plant = model();
  const item = monitoredSignals(plant, 'presses').find((i) => i.nodeId.endsWith('Press1.Good'));
  if (item === undefined) throw new Error('example plant lacks Press1.Good');
  const values = Array.from(
    { length: 1_000 },
    (_, i) =>
      new DataValue({
        value: { dataType: DataType.UInt32, value: i },
        statusCode: StatusCodes.Good,
        sourceTimestamp: new Date(1_700_000_000_000 + i),
      }),
  );
  const adapter = new OpcuaAdapter({
    model: plant,
    source: 'presses',
    outlet: memoryOutlet(() => undefined),
    framing: { maxSamples: 1_000 },
  });
  let sink: unknown[] = [];
  return [
    {
      name: 'DataValue to plain object',
      baseline: true,
      run(ops) {
        sink = [];
        for (let i = 0; i < ops; i += 1) {
          const dv = values[i % values.length] ?? values[0];
          if (dv === undefined) return;
          sink.push({
            value: dv.value.value as unknown,
            ts: dv.sourceTimestamp?.getTime(),
            status: dv.statusCode.value,
          });
        }
      },
    },
    {
      name: 'OpcuaAdapter.ingest: mapped, converted, framed',
      run(ops) {
        for (let i = 0; i < ops; i += 1) {
          const dv = values[i % values.length];
          if (dv !== undefined) adapter.ingest(item, dv);
        }
        adapter.builder.flush();
      },
    },
  ];
}

export const suite: BenchSuite = {
  name: 'edge',
  summary: 'Edge ingest: MQTT messages and OPC UA notifications into telemetry frames',
  comparisons(ctx): readonly BenchComparison[] {
    return [
      {
        name: 'MQTT UNS messages into frames',
        unit: 'message',
        opsPerRound: ctx.quick ? 500 : 20_000,
        variants: mqttVariants(),
      },
      {
        name: 'OPC UA notifications into frames',
        unit: 'notification',
        opsPerRound: ctx.quick ? 1_000 : 100_000,
        variants: opcuaVariants(),
      },
    ];
  },
};
