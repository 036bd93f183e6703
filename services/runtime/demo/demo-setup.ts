// Before the demo's machines make a part: master data loaded, the edge's first reading of each
// line applied (a stream's first reading is its zero point) and its buffers drained, orders an
// interrupted earlier run left open completed, and ERP's release of this run's orders simulated
// through `orders.release`. What makes the oracle exact: from here on, every part the actor
// counts from a line was made in this run and belongs to one of this run's orders.
import { readFileSync } from 'node:fs';
import type { ServiceBroker } from 'moleculer';
import { parse } from 'yaml';
import { isMillwrightError } from '../../../contracts/index.ts';
import type { PlantSimulator } from '../../../edge/simulator/index.ts';
import { actorView } from './actor-probe.ts';
import { demoOrder, type DemoLine, type OrderOracle } from './demo-lines.ts';
import { until } from './until.ts';

export interface SetupContext {
  readonly broker: ServiceBroker;
  readonly plant: string;
  readonly lines: readonly DemoLine[];
  readonly log: (message: string) => void;
  readonly stopped: () => boolean;
  readonly deadline: number;
}

export async function loadMasterData(context: SetupContext, file: string): Promise<void> {
  try {
    await context.broker.call('masterdata.load', parse(readFileSync(file, 'utf8')) as object);
    context.log(`demo: master data ${file} loaded`);
  } catch (error) {
    if (!isMillwrightError(error, 'MW_MASTERDATA_STALE_VERSION')) throw error;
    context.log(`demo: master data ${file} was loaded before`);
  }
}

type EdgeMetrics = Record<string, { framesBuffered?: number }>;

/**
 * Waits for the edge services of the lines' protocols, has the simulator announce its machines
 * at rest (the edge subscribed after the simulator started), and waits until every line's actor
 * applied a reading of this run and no edge buffer holds a frame (an earlier run's included).
 */
export async function awaitFirstReadings(
  context: SetupContext,
  simulator: PlantSimulator | undefined,
  sinceMs: number,
): Promise<void> {
  const { broker, plant, lines } = context;
  const services = [...new Set(lines.map((line) => `edge.${line.protocol}`))];
  const available = () =>
    new Set(broker.registry.getServiceList({ onlyAvailable: true }).map((s) => s.name));
  await until(
    `the edge services ${services.join(', ')}`,
    () => services.every((name) => available().has(name)),
    { ...context, intervalMs: 200 },
  );
  await simulator?.announce();
  let seen = '';
  await until(
    "each line's first reading applied and the edge buffers empty",
    async () => {
      const views = await Promise.all(
        lines.map((l) => actorView(broker, plant, l.workCenter, l.source)),
      );
      const buffered = await Promise.all(
        services.map(async (name) => {
          const metrics = await broker.call<EdgeMetrics>(`${name}.metrics`);
          return Object.values(metrics).reduce((sum, m) => sum + (m.framesBuffered ?? 0), 0);
        }),
      );
      const waiting = lines.filter((_, i) => (views[i]?.lastInputMs ?? 0) < sinceMs);
      const frames = buffered.reduce((a, b) => a + b, 0);
      seen = `no reading yet: ${waiting.map((l) => l.workCenter).join(', ') || 'none'}; frames buffered: ${frames}`;
      return waiting.length === 0 && frames === 0;
    },
    { ...context, intervalMs: 200, seen: () => seen },
  );
}

/** Completes what an interrupted earlier run left open, so this run's parts go to its own orders. */
export async function closeLeftovers(context: SetupContext): Promise<number> {
  const { broker, plant, lines, log } = context;
  let closed = 0;
  for (const line of lines) {
    const { openOrders } = await actorView(broker, plant, line.workCenter, line.source);
    for (const order of openOrders) {
      await broker.call('workcenter.host.completeOperation', {
        plant,
        workCenter: line.workCenter,
        order,
      });
      closed += 1;
      log(`demo: order ${order} on ${line.workCenter}, left open by an earlier run, completed`);
    }
  }
  return closed;
}

/** Simulates ERP releasing `perLine` orders of `target` parts to each line; their oracles. */
export async function releaseOrders(
  context: SetupContext,
  perLine: number,
  target: number,
  firstOrder: number,
): Promise<OrderOracle[][]> {
  const { broker, plant, lines, log } = context;
  let number = firstOrder;
  const released: OrderOracle[][] = [];
  for (const line of lines) {
    const orders: OrderOracle[] = [];
    for (let i = 0; i < perLine; i++) {
      const order = String(number++);
      await broker.call('orders.release', demoOrder(plant, line, order, target), {
        meta: { correlationId: `erp-release-${order}` },
      });
      log(`demo: ERP release simulated: order ${order} (${line.material}) to ${line.workCenter}`);
      orders.push({
        order,
        workCenter: line.workCenter,
        material: line.material,
        component: line.component,
        target,
        good: 0,
        scrap: 0,
        consumed: 0,
      });
    }
    released.push(orders);
  }
  return released;
}
