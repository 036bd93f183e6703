// The plant side of the cluster end-to-end test as its own process: the demo plant (the plant
// simulator with its OPC UA server and aedes broker, trust and logins provisioned, the plant
// template written) and the plant demo on a broker on the test's NATS (same configuration module
// and broker options as a node). Prints "template <file>" for the edge node to start on, then
// runs the demo (master data, 3 released orders on each of 3 work centers, the machines ticked
// until every order completed) and prints "report <json>" (its oracle), then idles until
// SIGTERM. Env: TRANSPORTER, MILLWRIGHT_NODE_ID, DEMO_DIR.
import { ServiceBroker } from 'moleculer';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { runPlantDemo, startDemoPlant } from '../../../services/runtime/demo/index.ts';

const dir = process.env['DEMO_DIR'];
if (dir === undefined) throw new Error('DEMO_DIR is not set');
const plant = await startDemoPlant({ dir, seed: Number(process.env['DEMO_SEED'] ?? 3) });
process.stdout.write(`template ${plant.templateFile}\n`);

const config = loadConfig(undefined, { MILLWRIGHT_METRICS_PORT: '0' });
const broker = new ServiceBroker(createBrokerOptions(config));
await broker.start();
await broker.waitForServices(['masterdata', 'orders', 'workcenter.host'], 60_000);
// orders.release dispatches from the node that runs `orders`: it must see the actors too.
for (const deadline = Date.now() + 60_000; ;) {
  const nodes = broker.registry.getServiceList({ onlyAvailable: true }) as {
    name: string;
    nodeID: string;
  }[];
  const ordersNodes = nodes.filter((s) => s.name === 'orders').map((s) => s.nodeID);
  const seen = await Promise.all(
    ordersNodes.map(async (nodeID) => {
      const services = await broker.call<{ name: string }[], object>(
        '$node.services',
        { onlyAvailable: true },
        { nodeID },
      );
      return services.some((s) => s.name === 'workcenter.host');
    }),
  );
  if (ordersNodes.length > 0 && seen.every(Boolean)) break;
  if (Date.now() > deadline) throw new Error('the orders node never saw workcenter.host');
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const report = await runPlantDemo(broker, plant, {
  target: 20,
  tickMs: Number(process.env['DEMO_TICK_MS'] ?? 40),
  firstOrder: 4_000_001,
  timeoutMs: 240_000,
  log: (message) => {
    process.stdout.write(`${message}\n`);
  },
});
process.stdout.write(`report ${JSON.stringify(report)}\n`);

const keepAlive = setInterval(() => undefined, 1 << 30);
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void broker
    .stop()
    .then(() => plant.stop())
    .then(() => process.exit(0));
});
