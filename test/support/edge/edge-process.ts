// An edge node as its own process, for the outage test: the MQTT UNS adapter of plant P100
// into a FrameStore, drained by a Forwarder whose deliver port is a NATS request to the test's
// stand-in actor. Prints its metrics as JSON lines so the test can follow it, and can be
// kill -9ed at any moment. Usage: edge-process.ts <mqtt url> <nats url> <buffer file>
import { connect } from 'nats';
import { Forwarder, FrameStore } from '../../../edge/buffer/index.ts';
import { msgpackStandInEncoder } from '../../../edge/framing/index.ts';
import { MqttJsonAdapter } from '../../../edge/mqtt/index.ts';
import { plant } from './plant-fixture.ts';

const [mqttUrl, natsUrl, file] = process.argv.slice(2);
if (mqttUrl === undefined || natsUrl === undefined || file === undefined) {
  throw new Error('usage: edge-process.ts <mqtt url> <nats url> <buffer file>');
}
// Not awaited: the edge collects to disk even when it starts during an outage.
const nc = connect({
  servers: natsUrl,
  maxReconnectAttempts: -1,
  reconnectTimeWait: 100,
  waitOnFirstConnect: true,
});
nc.catch(() => undefined);
const unreachable = () =>
  new Promise<never>((_, reject) =>
    setTimeout(() => {
      reject(new Error('cluster unreachable'));
    }, 1_000),
  );
const store = new FrameStore({ file });
const adapter = new MqttJsonAdapter({
  model: plant({ mqtt: mqttUrl }),
  source: 'uns',
  outlet: store,
  encoder: msgpackStandInEncoder,
  framing: { maxSamples: 25, maxAgeMs: 50 },
  reconnectPeriodMs: 100,
});
// Samples of frames that were open when the last process died go back into the builder.
for (const sample of store.journaled()) adapter.builder.add(sample, true);
const forwarder = new Forwarder({
  store,
  retryMs: 100,
  deliver: async (frame) => {
    const connection = await Promise.race([nc, unreachable()]);
    await connection.request('mw.test.frames', frame.bytes, { timeout: 1_000 });
  },
});
forwarder.start();
await adapter.start();
setInterval(() => {
  process.stdout.write(
    `${JSON.stringify({ ...adapter.metrics.snapshot(), ...store.metrics.snapshot(), stored: store.count() })}\n`,
  );
}, 50);
