import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBroker, type Context } from 'moleculer';
import { connectAsync } from 'mqtt';
import { TelemetryFrameHeader } from '../../../contracts/index.ts';
import type { EncodedFrame } from '../../../edge/framing/index.ts';
import { decodeFrameHeader } from '../../../native/index.ts';
import { edgeMqttService } from '../../../services/edge.mqtt.service.ts';
import { plant, samplesOf, waitFor } from '../../support/edge/index.ts';
import {
  describeWithServers,
  startMosquitto,
  type TestMosquitto,
} from '../../support/servers/index.ts';

describeWithServers(['mosquitto'], 'edge.mqtt service on a Moleculer broker', () => {
  let mosquitto: TestMosquitto;
  let dir: string;
  beforeAll(async () => {
    mosquitto = await startMosquitto();
    dir = mkdtempSync(join(tmpdir(), 'mw-edge-svc-'));
  });
  afterAll(async () => {
    await mosquitto.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers frames to workcenter.host.ingestFrame and exposes metrics and quarantine', async () => {
    const broker = new ServiceBroker({ logger: false });
    const frames: EncodedFrame[] = [];
    broker.createService({
      name: 'workcenter.host', // stand-in for the actor host of a later issue
      actions: {
        ingestFrame(ctx: Context<{ bytes: Uint8Array }>) {
          const header = TelemetryFrameHeader.parse(decodeFrameHeader(ctx.params.bytes));
          frames.push({ header, bytes: ctx.params.bytes });
        },
      },
    });
    broker.createService(
      edgeMqttService({
        model: plant({ mqtt: mosquitto.url }),
        dataDir: dir,
      }),
    );
    await broker.start();
    try {
      const publisher = await connectAsync(mosquitto.url, { protocolVersion: 5 });
      for (let i = 1; i <= 20; i += 1)
        await publisher.publishAsync('acme/p100/assembly/WC-ASSY-2/good', String(i), { qos: 1 });
      await publisher.publishAsync('acme/p100/assembly/WC-ASSY-2/good', 'NaN', { qos: 1 });
      await publisher.endAsync();
      await waitFor(() => samplesOf(frames).length === 20, 'frames delivered through the broker');
      const metrics = await broker.call<Record<string, Record<string, number>>, object>(
        'edge.mqtt.metrics',
        {},
      );
      expect(metrics['uns']).toMatchObject({ samples: 20, rejected: 1, framesBuffered: 0 });
      const quarantine = await broker.call<Record<string, { code: string }[]>, object>(
        'edge.mqtt.quarantine',
        {},
      );
      expect(quarantine['uns']?.map((q) => q.code)).toEqual(['MW_EDGE_PAYLOAD_MALFORMED']);
    } finally {
      await broker.stop();
    }
  });
});
