// `millwright node --services edge --config <plant template>` as a child process against the
// plant simulator (OPC UA with SignAndEncrypt and explicit trust, UNS JSON and Sparkplug B on
// its embedded broker), read through the node's Prometheus endpoint as an operator would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlantSimulator } from '../../../edge/simulator/index.ts';
import { spawnNode, type ChildNode } from '../../support/child-node.ts';
import { plantText } from '../../support/edge/index.ts';
import { startTrusted } from '../../support/edge/opcua-trust.ts';
import { scrape, valueOf, type PromSeries } from '../../support/prometheus.ts';
import { freePort } from '../../support/servers/index.ts';
import { sleep, waitFor } from '../../support/wait-for.ts';

const SOURCES = { presses: 'opcua', uns: 'mqtt', spb: 'sparkplug' } as const;
type Source = keyof typeof SOURCES;

describe('the edge service group of a node', () => {
  let dir: string;
  let dataDir: string;
  let template: string;
  let sim: PlantSimulator;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-edge-group-'));
    dataDir = join(dir, 'data');
    sim = new PlantSimulator({
      seed: 5,
      opcuaPort: await freePort(),
      mqttPort: await freePort(),
      opcuaPkiFolder: join(dir, 'simulator-pki'),
    });
    // The node's OPC UA PKI is <data dir>/pki: its certificate made and trusted beforehand.
    await startTrusted(sim.opcua, join(dataDir, 'pki'), () => sim.start());
    template = join(dir, 'p100.yaml');
    writeFileSync(
      template,
      plantText({ mqtt: sim.urls.mqtt, mqttVersion: 4, opcua: sim.urls.opcua }),
    );
  }, 60_000);
  afterAll(async () => {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start the edge group without a plant template, naming the option', async () => {
    const node = spawnNode(
      ['bin/millwright.js', 'node', '--services', 'edge', '--data-dir', join(dir, 'empty')],
      {},
      false,
    );
    expect(await node.exited()).toBe(2);
    expect(node.output()).toContain(
      'millwright: MW_CONFIG_INVALID: invalid configuration: MILLWRIGHT_PLANT_TEMPLATE: the edge service group needs a plant template; give --config <plant template file>',
    );
  }, 60_000);

  function startEdgeNode(services: string, port: number, env: Record<string, string> = {}) {
    return spawnNode(
      [
        'bin/millwright.js',
        'node',
        '--services',
        services,
        '--config',
        template,
        '--data-dir',
        dataDir,
        '--metrics-port',
        String(port),
      ],
      { LOG_LEVEL: 'warn', ...env },
      false,
    );
  }

  /** Scrapes until `ready` holds for the series; returns them. */
  async function scrapeUntil(
    port: number,
    what: string,
    ready: (series: PromSeries[]) => boolean,
    timeoutMs = 30_000,
  ): Promise<PromSeries[]> {
    let last: PromSeries[] = [];
    await waitFor(
      what,
      async () => {
        last = await scrape(`http://127.0.0.1:${port}/metrics`);
        return ready(last);
      },
      timeoutMs,
      250,
    );
    return last;
  }

  const of = (source: Source, extra: Record<string, string> = {}) => ({
    source,
    protocol: SOURCES[source],
    ...extra,
  });

  async function ticks(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await sim.tick();
      await sleep(120);
    }
  }

  it('hosts the template sources and exposes their metrics to Prometheus, with exact counts', async () => {
    const port = await freePort();
    const node: ChildNode = startEdgeNode('edge,actors', port);
    try {
      await node.waitFor('Press Ctrl-C to stop.', 90_000);
      expect(node.output()).toContain('services: $node, edge.mqtt, edge.opcua, edge.sparkplug');
      expect(node.output()).toContain(`edge:     ${template}`);
      const connected = (series: PromSeries[]) =>
        (Object.keys(SOURCES) as Source[]).every(
          (source) =>
            valueOf(series, 'mw_edge_connection_state', of(source, { state: 'connected' })) === 1,
        );
      await scrapeUntil(port, 'every source connected', connected);

      // Warm-up: the Sparkplug node was born before the host came, so its first data asks for a
      // rebirth; after that, each seq gap asks for exactly one more.
      await ticks(5);
      const warm = await scrapeUntil(
        port,
        'the first rebirth',
        (s) => (valueOf(s, 'mw_edge_rebirths_requested_total', of('spb')) ?? 0) >= 1,
      );
      const rebirths = valueOf(warm, 'mw_edge_rebirths_requested_total', of('spb')) ?? 0;

      sim.sparkplug.skipSeq();
      await sim.injectFault('bad-values');
      await sim.restartOpcua(1_000);
      await ticks(10);
      expect(sim.opcua.stall()).toBeGreaterThanOrEqual(1);
      const published = sim.uns.published;
      const series = await scrapeUntil(
        port,
        'every UNS message counted, the stall detected, the rebirth requested',
        (s) =>
          (valueOf(s, 'mw_edge_samples_total', of('uns')) ?? 0) +
            (valueOf(
              s,
              'mw_edge_rejected_total',
              of('uns', { code: 'MW_EDGE_PAYLOAD_MALFORMED' }),
            ) ?? 0) +
            (valueOf(s, 'mw_edge_rejected_total', of('uns', { code: 'MW_EDGE_VALUE_TYPE' })) ??
              0) ===
            published &&
          valueOf(s, 'mw_edge_stalls_detected_total', of('presses')) === 1 &&
          valueOf(s, 'mw_edge_rebirths_requested_total', of('spb')) === rebirths + 1 &&
          connected(s),
        45_000,
      );
      // Exact where the simulator knows the truth.
      expect(valueOf(series, 'mw_edge_samples_total', of('uns'))).toBe(published - 2);
      expect(
        valueOf(series, 'mw_edge_rejected_total', of('uns', { code: 'MW_EDGE_PAYLOAD_MALFORMED' })),
      ).toBe(1);
      expect(
        valueOf(series, 'mw_edge_rejected_total', of('uns', { code: 'MW_EDGE_VALUE_TYPE' })),
      ).toBe(1);
      expect(valueOf(series, 'mw_edge_reconnects_total', of('presses'))).toBe(1);
      expect(valueOf(series, 'mw_edge_reconnects_total', of('uns'))).toBe(0);
      expect(valueOf(series, 'mw_edge_stalls_detected_total', of('presses'))).toBe(1);
      expect(valueOf(series, 'mw_edge_stalls_detected_total', of('uns'))).toBeUndefined();
      expect(valueOf(series, 'mw_edge_rebirths_requested_total', of('presses'))).toBeUndefined();
      expect(
        valueOf(series, 'mw_edge_connection_state', of('presses', { state: 'reconnecting' })),
      ).toBe(0);
      expect(valueOf(series, 'mw_edge_samples_total', of('presses'))).toBeGreaterThan(0);
      expect(valueOf(series, 'mw_edge_buffer_max_bytes', of('uns'))).toBe(512 * 1024 * 1024);
      expect(valueOf(series, 'mw_edge_buffer_near_full', of('uns'))).toBe(0);
      expect(valueOf(series, 'mw_edge_frames_dropped_total', of('uns'))).toBe(0);
      // The actors acknowledge every frame: the buffers drain.
      const drained = await scrapeUntil(port, 'buffers drained', (s) =>
        (Object.keys(SOURCES) as Source[]).every(
          (source) => valueOf(s, 'mw_edge_frames_buffered', of(source)) === 0,
        ),
      );
      expect(valueOf(drained, 'mw_edge_frames_delivered_total', of('uns'))).toBeGreaterThan(0);
      expect(valueOf(drained, 'mw_edge_buffer_bytes', of('presses'))).toBe(0);
    } finally {
      expect(await node.stop()).toBe(0);
    }
  }, 240_000);

  it('logs the bound nearing, raises the alarm metric and counts dropped frames when nothing acknowledges', async () => {
    const port = await freePort();
    // No actors: every delivery fails, frames stay in a 4 KiB buffer until the bound.
    const node = startEdgeNode('edge', port, { MILLWRIGHT_EDGE_BUFFER_MAX_BYTES: '4096' });
    try {
      await node.waitFor('Press Ctrl-C to stop.', 90_000);
      await scrapeUntil(
        port,
        'uns connected',
        (s) => valueOf(s, 'mw_edge_connection_state', of('uns', { state: 'connected' })) === 1,
      );
      let series: PromSeries[] = [];
      for (let round = 0; round < 40; round += 1) {
        await ticks(5);
        series = await scrape(`http://127.0.0.1:${port}/metrics`);
        if ((valueOf(series, 'mw_edge_frames_dropped_total', of('uns')) ?? 0) > 0) break;
      }
      expect(valueOf(series, 'mw_edge_frames_dropped_total', of('uns'))).toBeGreaterThan(0);
      expect(valueOf(series, 'mw_edge_buffer_near_full', of('uns'))).toBe(1);
      expect(valueOf(series, 'mw_edge_buffer_near_full_alarms_total', of('uns'))).toBe(1);
      expect(valueOf(series, 'mw_edge_buffer_max_bytes', of('uns'))).toBe(4096);
      expect(valueOf(series, 'mw_edge_buffer_bytes', of('uns'))).toBeLessThanOrEqual(4096);
      expect(valueOf(series, 'mw_edge_buffer_bytes', of('uns'))).toBeGreaterThanOrEqual(0.8 * 4096);
      expect(valueOf(series, 'mw_edge_frames_buffered', of('uns'))).toBeGreaterThan(0);
      expect(valueOf(series, 'mw_edge_delivery_failures_total', of('uns'))).toBeGreaterThan(0);
      await node.waitFor('MW_EDGE_BUFFER_FULL');
      const output = node.output();
      expect(output).toMatch(
        /"code":"MW_EDGE_BUFFER_NEAR_FULL".*store-and-forward buffer is near its bound/,
      );
      expect(output.indexOf('MW_EDGE_BUFFER_NEAR_FULL')).toBeLessThan(
        output.indexOf('MW_EDGE_BUFFER_FULL'),
      );
    } finally {
      expect(await node.stop()).toBe(0);
    }
  }, 240_000);
});
