// An edge node as its own process, for the outage fault test: a Moleculer broker on NATS running
// the `edge.mqtt` service over plant P100's UNS source (pointed at the test's Mosquitto), which
// delivers frames to `workcenter.host.ingestFrame`. It prints one `DELIVERED {json}` line per
// answered delivery, so the test sees arrival order and duplicates; it can be kill -9ed at any
// moment. Env: MQTT_URL, TRANSPORTER, DATA_DIR, NODE_ID, LOG_LEVEL.
import { ServiceBroker } from 'moleculer';
import { edgeMqttService } from '../../../services/edge.mqtt.service.ts';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { DELIVERED, type DeliveredLine } from './delivered-line.ts';
import { plant } from './plant-fixture.ts';

const env = process.env;
const config = loadConfig({
  MILLWRIGHT_NODE_ID: env['NODE_ID'] ?? 'edge-1',
  TRANSPORTER: env['TRANSPORTER'],
  MILLWRIGHT_DATA_DIR: env['DATA_DIR'],
  MILLWRIGHT_METRICS_PORT: '0',
  LOG_LEVEL: env['LOG_LEVEL'] ?? 'warn',
  MILLWRIGHT_REQUEST_TIMEOUT_MS: '2000',
});
const broker = new ServiceBroker({
  ...createBrokerOptions(config),
  heartbeatInterval: 1,
  heartbeatTimeout: 3,
});
broker.createService(
  edgeMqttService({
    model: plant({ mqtt: env['MQTT_URL'] ?? 'mqtt://127.0.0.1:0' }),
    dataDir: config.dataDir,
    // Throttled so that live frames overtake the backlog while it drains.
    backlogFramesPerSecond: 20,
    deliver: async (b, frame) => {
      const result = await b.call<{ accepted: boolean; good: number; scrap: number }, object>(
        'workcenter.host.ingestFrame',
        { header: frame.header, bytes: frame.bytes },
      );
      const { workCenter, source, frameSeq, sealedAt } = frame.header;
      const line: DeliveredLine = {
        workCenter,
        source,
        frameSeq,
        sealedAt,
        accepted: result.accepted,
        good: result.good,
        scrap: result.scrap,
      };
      process.stdout.write(`${DELIVERED}${JSON.stringify(line)}\n`);
    },
  }),
);
// Resolves only once NATS is reachable; the edge source runs (and buffers) before that.
await broker.start();
process.stdout.write('edge node connected\n');
