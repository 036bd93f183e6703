import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryOutlet, type EncodedFrame } from '../../../edge/framing/index.ts';
import { MqttJsonAdapter } from '../../../edge/mqtt/index.ts';
import { OpcuaAdapter } from '../../../edge/opcua/index.ts';
import { MachineModel, PlantSimulator } from '../../../edge/simulator/index.ts';
import { SparkplugHostAdapter } from '../../../edge/sparkplug/index.ts';
import { plant, samplesOf, tagOf, waitFor } from '../../support/edge/index.ts';
import { startTrusted } from '../../support/edge/opcua-trust.ts';
import { freePort } from '../../support/servers/index.ts';

const WORK_CENTERS: Record<string, string> = {
  Press1: 'WC-PRESS-1',
  Press2: 'WC-PRESS-2',
  'WC-ASSY-1': 'WC-ASSY-1',
  'WC-ASSY-2': 'WC-ASSY-2',
  'WC-PACK-1': 'WC-PACK-1',
  'WC-PACK-2': 'WC-PACK-2',
};

describe('plant simulator driving the edge (embedded aedes + node-opcua)', () => {
  it('is deterministic from its seed', () => {
    const a = new MachineModel(7);
    const b = new MachineModel(7);
    for (let i = 0; i < 500; i += 1) expect(a.step()).toEqual(b.step());
    expect(a.snapshot.good + a.snapshot.scrap).toBeGreaterThan(400);
  });

  it('every work center ends with the counts the simulator produced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-sim-'));
    const sim = new PlantSimulator({
      seed: 3,
      opcuaPort: await freePort(),
      opcuaPkiFolder: join(dir, 'server'),
    });
    await startTrusted(sim.opcua, join(dir, 'client'), () => sim.start());
    const frames: EncodedFrame[] = [];
    const model = plant({ mqtt: sim.urls.mqtt, mqttVersion: 4, opcua: sim.urls.opcua });
    const common = {
      model,
      outlet: memoryOutlet((f) => frames.push(f)),
      framing: { maxAgeMs: 20 },
      pkiFolder: join(dir, 'client'),
    };
    const uns = new MqttJsonAdapter({ ...common, source: 'uns' });
    const spb = new SparkplugHostAdapter({ ...common, source: 'spb' });
    const opcua = new OpcuaAdapter({ ...common, source: 'presses' });
    await Promise.all([uns.start(), spb.start(), opcua.start()]);
    try {
      for (let i = 0; i < 60; i += 1) {
        await sim.tick();
        await new Promise((r) => setTimeout(r, 15));
      }
      const oracle = sim.oracle();
      const last = (wc: string, signal: string) => {
        for (const a of [uns, spb, opcua]) a.builder.flush();
        return samplesOf(frames)
          .filter((s) => s.workCenter === wc && s.tag === tagOf(wc, signal))
          .at(-1)?.value;
      };
      await waitFor(
        () => uns.metrics.count('samples') === sim.uns.published,
        'every UNS message mapped',
      );
      for (const [machine, wc] of Object.entries(WORK_CENTERS)) {
        await waitFor(
          () =>
            last(wc, 'good') === oracle[machine]?.good &&
            last(wc, 'scrap') === oracle[machine]?.scrap,
          `${wc} counts`,
        );
      }
      expect(uns.metrics.count('rejected')).toBe(0);
      expect(opcua.metrics.count('rejected')).toBe(0);
      expect(Object.values(oracle).every((s) => s.good > 30)).toBe(true);
    } finally {
      await Promise.all([uns.stop(), spb.stop(), opcua.stop()]);
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
