import { connectAsync, type MqttClient } from 'mqtt';
import { EdgeMetrics } from '../../../edge/common/index.ts';
import { memoryOutlet, type EncodedFrame } from '../../../edge/framing/index.ts';
import { clientOptions, MqttJsonAdapter } from '../../../edge/mqtt/index.ts';
import { QuarantineStore } from '../../../edge/quarantine/index.ts';
import { MACHINE_STATES } from '../../../edge/template/index.ts';
import { exampleTemplate, plant, samplesOf, tagOf, waitFor } from '../../support/edge/index.ts';
import {
  describeWithServers,
  startMosquitto,
  type TestMosquitto,
} from '../../support/servers/index.ts';

const topic = (signal: string, cell = 'WC-ASSY-1') => `acme/p100/assembly/${cell}/${signal}`;

describeWithServers(['mosquitto'], 'MQTT JSON (UNS) adapter against mosquitto', () => {
  let broker: TestMosquitto;
  let publisher: MqttClient;

  beforeAll(async () => {
    // mosquitto drops root to its own user and then cannot save sessions in a root temp dir
    broker = await startMosquitto();
    publisher = await connectAsync(broker.url, { protocolVersion: 5, reconnectPeriod: 100 });
  });
  afterAll(async () => {
    await publisher.endAsync();
    await broker.dispose();
  });

  function adapterFor(frames: EncodedFrame[], quarantine?: QuarantineStore, text?: string) {
    return new MqttJsonAdapter({
      model: plant({ mqtt: broker.url }, text),
      source: 'uns',
      outlet: memoryOutlet((f) => frames.push(f)),
      framing: { maxAgeMs: 20 },
      reconnectPeriodMs: 100,
      ...(quarantine === undefined ? {} : { quarantine }),
    });
  }

  it('turns every QoS 1 message into exactly one sample with mapped values and units', async () => {
    const frames: EncodedFrame[] = [];
    const adapter = adapterFor(frames);
    await adapter.start();
    const N = 200;
    for (let i = 1; i <= N; i += 1) {
      await publisher.publishAsync(
        topic('good', i % 2 ? 'WC-ASSY-1' : 'WC-ASSY-2'),
        JSON.stringify({ value: i, timestamp: 1_700_000_000_000 + i }),
        { qos: 1 },
      );
    }
    await publisher.publishAsync(topic('temperature'), '21.5', { qos: 1 });
    await publisher.publishAsync(
      topic('state'),
      JSON.stringify({ value: 4, ts: '2024-01-01T00:00:00.000Z' }),
      { qos: 1 },
    );
    await waitFor(() => adapter.metrics.count('samples') === N + 2, 'all samples mapped');
    await adapter.stop();

    const samples = samplesOf(frames);
    expect(samples).toHaveLength(N + 2);
    const goods = samples.filter((s) => s.tag === tagOf('WC-ASSY-1', 'good'));
    expect(goods.map((s) => s.value).sort((a, b) => a - b)).toEqual(
      Array.from({ length: N }, (_, i) => i + 1),
    );
    expect(goods.every((s) => s.timestampMs === 1_700_000_000_000 + s.value)).toBe(true);
    expect(goods.filter((s) => s.workCenter === 'WC-ASSY-1')).toHaveLength(N / 2);
    expect(samples.find((s) => s.tag === tagOf('WC-ASSY-1', 'temperature'))?.value).toBe(21.5);
    expect(samples.find((s) => s.tag === tagOf('WC-ASSY-1', 'state'))).toMatchObject({
      value: MACHINE_STATES.indexOf('unplanned-down') + 1,
      timestampMs: Date.parse('2024-01-01T00:00:00.000Z'),
    });
    // frames are numbered per stream (work center, source): 1, 2, 3, ... with no gaps
    for (const cell of ['WC-ASSY-1', 'WC-ASSY-2']) {
      const seqs = frames.filter((f) => f.header.workCenter === cell).map((f) => f.header.frameSeq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
  });

  it('rejects bad input with its MW_* code, counts it, quarantines it and keeps running', async () => {
    const frames: EncodedFrame[] = [];
    const quarantine = new QuarantineStore(':memory:');
    const adapter = adapterFor(frames, quarantine);
    await adapter.start();
    const bad: [string, string][] = [
      [topic('good'), '{"value": 12'], // malformed JSON
      [topic('good'), '{"value": "twelve"}'], // wrong type
      [topic('temperature'), '{"value": 950}'], // out of range (max 400 degC)
      [topic('state'), '{"value": 77}'], // no crosswalk entry
      ['acme/p100/assembly/WC-ASSY-9/good', '5'], // unknown topic
      [topic('good'), '{"value": 3, "timestamp": "yesterday"}'], // bad timestamp
    ];
    for (const [t, p] of bad) await publisher.publishAsync(t, p, { qos: 1 });
    await publisher.publishAsync(topic('good'), '7', { qos: 1 });
    await waitFor(() => adapter.metrics.count('messages') === bad.length + 1, 'all messages seen');
    await adapter.stop();

    expect(adapter.metrics.count('rejected')).toBe(bad.length);
    expect(quarantine.countByCode()).toEqual({
      MW_EDGE_PAYLOAD_MALFORMED: 1,
      MW_EDGE_VALUE_TYPE: 2,
      MW_EDGE_VALUE_OUT_OF_RANGE: 1,
      MW_XWALK_UNMAPPED: 1,
      MW_EDGE_UNKNOWN_TOPIC: 1,
    });
    expect(samplesOf(frames).map((s) => s.value)).toEqual([7]);

    // After the fix (state 77 mapped in the template) the kept message replays into a frame.
    const fixedFrames: EncodedFrame[] = [];
    const fixed = adapterFor(
      fixedFrames,
      undefined,
      exampleTemplate.replace("'4': unplanned-down }", "'4': unplanned-down, '77': blocked }"),
    );
    const replayed = quarantine.replay((input) =>
      fixed.ingest(input.address, input.payload, input.receivedAtMs),
    );
    fixed.builder.flush();
    expect(replayed).toBe(1);
    expect(samplesOf(fixedFrames).map((s) => s.value)).toEqual([
      MACHINE_STATES.indexOf('blocked') + 1,
    ]);
    expect(quarantine.list()).toHaveLength(bad.length - 1);
    quarantine.close();
  });

  it('keeps QoS 1 messages published while it was stopped (persistent session)', async () => {
    const frames: EncodedFrame[] = [];
    const first = adapterFor(frames);
    await first.start();
    await first.stop();
    for (let i = 1; i <= 50; i += 1)
      await publisher.publishAsync(topic('scrap'), String(i), { qos: 1 });
    const second = adapterFor(frames);
    await second.start();
    await waitFor(() => second.metrics.count('samples') === 50, 'queued messages delivered');
    await second.stop();
    expect(samplesOf(frames).map((s) => s.value)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('reconnects after mosquitto restarts and loses or doubles nothing', async () => {
    const frames: EncodedFrame[] = [];
    const logs: string[] = [];
    const log = (o: object, m?: string) => logs.push(`${m} ${JSON.stringify(o)}`);
    const adapter = new MqttJsonAdapter({
      model: plant({ mqtt: broker.url }),
      source: 'uns',
      outlet: memoryOutlet((f) => frames.push(f)),
      framing: { maxAgeMs: 20 },
      reconnectPeriodMs: 100,
      logger: { debug: log, info: log, warn: log, error: log },
    });
    await adapter.start();
    for (let i = 1; i <= 30; i += 1)
      await publisher.publishAsync(topic('good', 'WC-ASSY-2'), String(i), { qos: 1 });
    await waitFor(() => adapter.metrics.count('samples') === 30, 'before the restart');
    await broker.process.stop(); // mosquitto saves its sessions on a clean stop
    await broker.process.start();
    const again = await connectAsync(broker.url, { protocolVersion: 5 });
    // published before the adapter is back: the broker keeps them in the adapter's session
    for (let i = 31; i <= 60; i += 1)
      await again.publishAsync(topic('good', 'WC-ASSY-2'), String(i), { qos: 1 });
    await waitFor(
      () => adapter.metrics.count('samples') === 60,
      `after the restart ${JSON.stringify(adapter.metrics.snapshot())} ${logs.join('\n')}`,
      8_000,
    );
    await again.endAsync();
    await adapter.stop();
    expect(adapter.metrics.count('reconnects')).toBeGreaterThanOrEqual(1);
    expect(samplesOf(frames).map((s) => s.value)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
  });

  it('builds TLS and username/password client options from the source', () => {
    const options = clientOptions(
      {
        url: 'mqtts://broker:8883',
        username: 'edge',
        password: { reveal: () => 'secret' },
        tls: { insecureSkipVerify: false, serverName: 'broker.p100' },
      },
      { clean: false },
    );
    expect(options).toMatchObject({
      username: 'edge',
      password: 'secret',
      rejectUnauthorized: true,
      servername: 'broker.p100',
      clean: false,
      protocolVersion: 5,
    });
    expect(options.properties?.sessionExpiryInterval).toBeGreaterThan(0);
    // Verification is off only by the template's explicit opt-in.
    const skipping = clientOptions(
      { url: 'mqtts://broker:8883', tls: { insecureSkipVerify: true } },
      { clean: true },
    );
    expect(skipping.rejectUnauthorized).toBe(false);
    expect(new EdgeMetrics().snapshot()).toEqual({});
  });
});
