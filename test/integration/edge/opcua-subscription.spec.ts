import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryOutlet, type EncodedFrame } from '../../../edge/framing/index.ts';
import { OpcuaAdapter } from '../../../edge/opcua/index.ts';
import { OpcuaPlantServer } from '../../../edge/simulator/opcua-plant-server.ts';
import { MACHINE_STATES } from '../../../edge/template/index.ts';
import { exampleTemplate, plant, samplesOf, tagOf, waitFor } from '../../support/edge/index.ts';
import { startTrusted } from '../../support/edge/opcua-trust.ts';
import { freePort } from '../../support/servers/index.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The template's default security: SignAndEncrypt / Basic256Sha256, both certificates trusted
// explicitly beforehand.
describe('OPC UA adapter against a real node-opcua server (SignAndEncrypt)', () => {
  let dir: string;
  let server: OpcuaPlantServer;
  let adapter: OpcuaAdapter;
  const frames: EncodedFrame[] = [];

  const goods = (wc: string) =>
    samplesOf(frames)
      .filter((s) => s.workCenter === wc && s.tag === tagOf('WC-PRESS-1', 'good'))
      .map((s) => s.value);

  /** Ticks the plant, waiting long enough for each change to be sampled and published. */
  async function run(ticks: number): Promise<void> {
    for (let i = 0; i < ticks; i += 1) {
      server.tick();
      await sleep(120);
    }
    const last = server.ticks;
    await waitFor(() => {
      adapter.builder.flush();
      return goods('WC-PRESS-1').includes(last);
    }, `good counter ${last} arrives`);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mw-opcua-sub-'));
    const port = await freePort();
    server = new OpcuaPlantServer({
      port,
      machines: ['Press1', 'Press2'],
      pkiFolder: join(dir, 'server'),
    });
    await startTrusted(server, join(dir, 'client'));
    // Counters sampled every 10 ms (the server's minimum): every 120 ms tick is seen, even on a
    // loaded machine, so the test can expect exact sequences.
    const text = exampleTemplate
      .replace('watchdogMs: 3000', 'watchdogMs: 2500')
      .replace(
        "nodeId: 'ns=1;s=${machine}.Good' }",
        "nodeId: 'ns=1;s=${machine}.Good', samplingIntervalMs: 10 }",
      );
    adapter = new OpcuaAdapter({
      model: plant({ opcua: server.endpointUrl }, text),
      source: 'presses',
      outlet: memoryOutlet((f) => frames.push(f)),
      framing: { maxAgeMs: 20 },
      pkiFolder: join(dir, 'client'),
    });
    await adapter.start();
  }, 60_000);
  afterAll(async () => {
    await adapter.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers subscription data as frames with mapped values and units', async () => {
    await run(10);
    expect(goods('WC-PRESS-1')).toEqual(Array.from({ length: 11 }, (_, i) => i));
    expect(goods('WC-PRESS-2')).toEqual(Array.from({ length: 11 }, (_, i) => i));
    const samples = samplesOf(frames).filter((s) => s.workCenter === 'WC-PRESS-1');
    const temperatures = samples
      .filter((s) => s.tag === tagOf('WC-PRESS-1', 'temperature'))
      .map((s) => s.value);
    // the server reports 150 + tick degF, sampled every 100 ms; each sample is one of them in degC
    const produced = Array.from({ length: 11 }, (_, t) => ((150 + t - 32) * 5) / 9);
    expect(temperatures.length).toBeGreaterThan(0);
    for (const value of temperatures) {
      expect(produced.some((degC) => Math.abs(degC - value) < 1e-9)).toBe(true);
    }
    expect(samples.find((s) => s.tag === tagOf('WC-PRESS-1', 'state'))?.value).toBe(
      MACHINE_STATES.indexOf('running') + 1,
    );
    expect(samples.find((s) => s.tag === tagOf('WC-PRESS-1', 'reason'))?.value).toBe(1); // JAM
    expect(samples.every((s) => s.quality === 0)).toBe(true);
  });

  it('reconnects after the server was down for 10 s, reports the gap, and data flows again', async () => {
    await server.stop();
    await sleep(10_000);
    const before = goods('WC-PRESS-1').length;
    await server.start();
    await waitFor(() => adapter.metrics.count('reconnects') >= 1, 'reconnected', 20_000);
    expect(Number(adapter.metrics.gauge('lastGapMs'))).toBeGreaterThanOrEqual(10_000);
    // The re-created monitored items report the current value first (OPC UA Part 4 §5.12.1.2)...
    await waitFor(() => {
      adapter.builder.flush();
      return goods('WC-PRESS-1').length > before;
    }, 'initial value after the reconnect');
    expect(goods('WC-PRESS-1').slice(before)).toEqual([10]);
    // ...and then every change: the subscription is live again.
    await run(5);
    expect(goods('WC-PRESS-1').slice(before)).toEqual([10, 11, 12, 13, 14, 15]);
  }, 60_000);

  it('detects a connected-but-silent subscription and re-creates it', async () => {
    const created = adapter.metrics.count('subscriptionsCreated');
    expect(server.stall()).toBeGreaterThanOrEqual(1);
    await waitFor(() => adapter.metrics.count('stallsDetected') === 1, 'stall detected', 10_000);
    await waitFor(
      () => adapter.metrics.count('subscriptionsCreated') === created + 1,
      'subscription re-created',
      10_000,
    );
    await run(3);
    expect(goods('WC-PRESS-1').slice(-3)).toEqual([16, 17, 18]);
    expect(adapter.metrics.count('stallsDetected')).toBe(1);
  }, 30_000);
});
