// The frame source of the cluster end-to-end test as its own process: a broker on the test's
// NATS (same configuration module and broker options as a node) that runs the plant demo:
// master data, 3 released orders on each of 3 work centers, telemetry frames until every order
// reaches its target. Prints "oracle <json>" (the demo's own counts per order), then idles
// until SIGTERM. Env: TRANSPORTER, MILLWRIGHT_NODE_ID.
import { ServiceBroker } from 'moleculer';
import { createBrokerOptions, loadConfig } from '../../../services/platform/index.ts';
import { runPlantDemo } from '../../../services/runtime/plant-demo.ts';

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
const oracle = await runPlantDemo(broker, {
  target: Number(process.env['DEMO_TARGET'] ?? 20),
  ordersPerWorkCenter: Number(process.env['DEMO_ORDERS'] ?? 3),
  firstOrder: Number(process.env['DEMO_FIRST_ORDER'] ?? 4_000_001),
});
process.stdout.write(`oracle ${JSON.stringify(oracle)}\n`);

const keepAlive = setInterval(() => undefined, 1 << 30);
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void broker.stop().then(() => process.exit(0));
});
