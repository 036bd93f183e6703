import { connectAsync } from 'mqtt';
import { memoryOutlet, Quality, type EncodedFrame } from '../../../edge/framing/index.ts';
import { QuarantineStore } from '../../../edge/quarantine/index.ts';
import { startEmbeddedBroker } from '../../../edge/simulator/embedded-broker.ts';
import { SparkplugEdgeNode } from '../../../edge/simulator/sparkplug-edge-node.ts';
import { SparkplugHostAdapter } from '../../../edge/sparkplug/index.ts';
import { plant, samplesOf, tagOf, waitFor } from '../../support/edge/index.ts';
import { describeWithServers, startMosquitto } from '../../support/servers/index.ts';

const metrics = {
  'Counters/Good': 'Int64',
  'Counters/Scrap': 'Int64',
  State: 'Int32',
  Pressure: 'Double',
} as const;
const devices = [
  { id: 'WC-PACK-1', metrics, initial: { State: 1 } },
  { id: 'WC-PACK-2', metrics, initial: { State: 1 } },
];

interface Broker {
  readonly url: string;
  close(): Promise<void>;
}

const brokers: [string, () => Promise<Broker & { version: 4 | 5 }>][] = [
  [
    'mosquitto',
    async () => {
      const m = await startMosquitto();
      return { url: m.url, version: 5, close: () => m.dispose() };
    },
  ],
  ['aedes', async () => ({ ...(await startEmbeddedBroker()), version: 4 })],
];

describeWithServers(['mosquitto'], 'Sparkplug B host application', () => {
  describe.each(brokers)('on %s', (_name, startBroker) => {
    let broker: Broker & { version: 4 | 5 };
    let frames: EncodedFrame[];
    let quarantine: QuarantineStore;
    let host: SparkplugHostAdapter;
    let node: SparkplugEdgeNode;

    beforeEach(async () => {
      broker = await startBroker();
      frames = [];
      quarantine = new QuarantineStore(':memory:');
      host = new SparkplugHostAdapter({
        model: plant({ mqtt: broker.url, mqttVersion: broker.version }),
        source: 'spb',
        outlet: memoryOutlet((f) => frames.push(f)),
        quarantine,
        framing: { maxAgeMs: 10 },
        reconnectPeriodMs: 100,
      });
      await host.start();
      node = new SparkplugEdgeNode('P100', 'line-3', devices);
    });
    afterEach(async () => {
      await node.disconnect().catch(() => undefined);
      await host.stop().catch(() => undefined);
      quarantine.close();
      await broker.close();
    });

    it('maps births and alias-only data into samples, with units converted', async () => {
      await node.connect(broker.url, broker.version);
      await waitFor(() => host.metrics.count('messages.DBIRTH') === 2, 'births seen');
      for (let i = 1; i <= 20; i += 1) {
        await node.data('WC-PACK-1', { 'Counters/Good': i, Pressure: 2.5 }, 1_700_000_000_000 + i);
      }
      await waitFor(() => host.metrics.count('messages.DDATA') === 20, 'data seen');
      host.builder.flush();
      const samples = samplesOf(frames);
      expect(samples).toHaveLength(2 * 4 + 20 * 2); // 4 mapped metrics per DBIRTH, 2 per DDATA
      const good = samples.filter(
        (s) => s.workCenter === 'WC-PACK-1' && s.tag === tagOf('WC-PACK-1', 'good'),
      );
      expect(good.map((s) => s.value)).toEqual([0, ...Array.from({ length: 20 }, (_, i) => i + 1)]);
      expect(good.slice(1).map((s) => s.timestampMs)).toEqual(
        Array.from({ length: 20 }, (_, i) => 1_700_000_000_001 + i),
      );
      const pressure = samples.filter(
        (s) => s.tag === tagOf('WC-PACK-1', 'pressure') && s.value !== 0,
      );
      expect(new Set(pressure.map((s) => s.value))).toEqual(new Set([250])); // 2.5 bar = 250 kPa
      expect(host.metrics.count('rebirthsRequested')).toBe(0);
      expect(host.metrics.count('rejected')).toBe(0);
    });

    it('publishes a retained Primary Host STATE, and its will marks it offline', async () => {
      const watcher = await connectAsync(broker.url, { protocolVersion: broker.version });
      const states: { online: boolean; timestamp: number }[] = [];
      watcher.on('message', (_t, p) =>
        states.push(JSON.parse(p.toString()) as { online: boolean; timestamp: number }),
      );
      await watcher.subscribeAsync('spBv1.0/STATE/millwright', { qos: 1 });
      await waitFor(() => states.length === 1, 'retained STATE');
      expect(states[0]?.online).toBe(true);
      await host.abort(); // the connection drops without DISCONNECT: the broker sends the will
      await waitFor(() => states.length === 2, 'will published');
      expect(states[1]).toEqual({ online: false, timestamp: states[0]?.timestamp });
      await watcher.endAsync();
    });

    it('requests exactly one rebirth for a seq gap and resynchronises', async () => {
      await node.connect(broker.url, broker.version);
      await waitFor(() => host.metrics.count('messages.DBIRTH') === 2, 'births seen');
      node.skipSeq();
      for (let i = 1; i <= 5; i += 1) await node.data('WC-PACK-2', { 'Counters/Scrap': i });
      await waitFor(() => host.metrics.count('messages.DBIRTH') === 4, 'rebirth seen');
      for (let i = 6; i <= 10; i += 1) await node.data('WC-PACK-2', { 'Counters/Scrap': i });
      await waitFor(() => host.metrics.count('messages.DDATA') === 10, 'data after rebirth');
      expect(host.metrics.count('sequenceGaps')).toBe(1);
      expect(host.metrics.count('rebirthsRequested')).toBe(1);
      expect(node.rebirthsObeyed).toBe(1);
      host.builder.flush();
      const scrap = samplesOf(frames).filter(
        (s) => s.workCenter === 'WC-PACK-2' && s.tag === tagOf('WC-PACK-1', 'scrap'),
      );
      // The rebirth's DBIRTH repeats the current value once; every data value arrives in order.
      const values = scrap.map((s) => s.value).filter((v, i, all) => v > 0 && v !== all[i - 1]);
      expect(values).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    });

    it('marks a dead device stale, and a dead node only when its bdSeq matches', async () => {
      await node.connect(broker.url, broker.version);
      await node.data('WC-PACK-1', { 'Counters/Good': 5 });
      await node.deviceDeath('WC-PACK-1');
      await waitFor(() => host.metrics.count('messages.DDEATH') === 1, 'DDEATH seen');
      host.builder.flush();
      const stale = samplesOf(frames).filter((s) => s.quality === Quality.stale);
      expect(stale).toHaveLength(4);
      expect(stale.every((s) => s.workCenter === 'WC-PACK-1')).toBe(true);
      expect(stale.find((s) => s.tag === tagOf('WC-PACK-1', 'good'))?.value).toBe(5);

      frames.length = 0;
      await node.disconnect(); // NDEATH bdSeq 0: matches the birth
      await waitFor(() => host.metrics.count('messages.NDEATH') === 1, 'NDEATH seen');
      host.builder.flush();
      expect(samplesOf(frames).filter((s) => s.quality === Quality.stale)).toHaveLength(8);

      // A late NDEATH of the older session (bdSeq 0) after the rebirth with bdSeq 1 is ignored.
      await node.connect(broker.url, broker.version);
      await waitFor(() => host.metrics.count('messages.NBIRTH') === 2, 'second birth');
      frames.length = 0;
      const { encodePayload } = await import('../../../edge/sparkplug/index.ts');
      const late = await connectAsync(broker.url, { protocolVersion: broker.version });
      const death = encodePayload({
        timestampMs: Date.now(),
        metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }],
      });
      await late.publishAsync('spBv1.0/P100/NDEATH/line-3', Buffer.from(death), { qos: 1 });
      await late.endAsync();
      await node.data('WC-PACK-1', { 'Counters/Good': 6 });
      await waitFor(() => host.metrics.count('messages.DDATA') === 2, 'data after late death');
      host.builder.flush();
      expect(host.metrics.count('messages.NDEATH')).toBe(2);
      expect(host.metrics.count('rejected')).toBe(0);
      expect(samplesOf(frames).filter((s) => s.quality === Quality.stale)).toHaveLength(0);
    });

    it('quarantines bad payloads and asks a node that was never born to rebirth', async () => {
      await node.connect(broker.url, broker.version);
      await node.publishGarbage('WC-PACK-1');
      const stranger = await connectAsync(broker.url, { protocolVersion: broker.version });
      const { encodePayload } = await import('../../../edge/sparkplug/index.ts');
      const ncmd: string[] = [];
      stranger.on('message', (t) => ncmd.push(t));
      await stranger.subscribeAsync('spBv1.0/P100/NCMD/line-9', { qos: 1 });
      const data = Buffer.from(
        encodePayload({
          timestampMs: Date.now(),
          seq: 4,
          metrics: [{ alias: 1, type: 'Int64', value: 1 }],
        }),
      );
      await stranger.publishAsync('spBv1.0/P100/NDATA/line-9', data, { qos: 1 });
      await stranger.publishAsync('spBv1.0/P100/NDATA/line-9', data, { qos: 1 });
      await waitFor(() => host.metrics.count('rejected') === 3 && ncmd.length === 1, 'rejections');
      expect(quarantine.countByCode()).toEqual({
        MW_EDGE_PAYLOAD_MALFORMED: 1,
        MW_EDGE_SPARKPLUG_NOT_BORN: 2,
      });
      expect(host.metrics.count('rebirthsRequested')).toBe(1);
      await stranger.endAsync();
    });
  });
});
