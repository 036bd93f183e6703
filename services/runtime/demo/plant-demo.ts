// The plant demo of `npm start` and the end-to-end tests: master data, ERP's release of 3 orders
// on each of WC-PRESS-1 (OPC UA), WC-ASSY-1 (UNS MQTT) and WC-PACK-1 (Sparkplug B), and the plant
// simulator's machines running them through the real edge (template sources, frames, store and
// forward) into the work-center actors. Returns the oracle: per order the parts the simulator
// made for it, and per work center what the simulator made against what the actor counted.
import type { ServiceBroker } from 'moleculer';
import type { PlantSimulator } from '../../../edge/simulator/index.ts';
import { actorView, minus, type Parts } from './actor-probe.ts';
import { driveLines, type LineRun } from './demo-driver.ts';
import { DEMO_LINES, DEMO_MASTER_DATA, type DemoLine, type OrderOracle } from './demo-lines.ts';
import {
  awaitFirstReadings,
  closeLeftovers,
  loadMasterData,
  releaseOrders,
  type SetupContext,
} from './demo-setup.ts';

export interface DemoOptions {
  readonly plant?: string;
  readonly ordersPerWorkCenter?: number;
  readonly target?: number;
  /** Pause between machine cycles (ms). */
  readonly tickMs?: number;
  readonly firstOrder?: number;
  readonly masterDataFile?: string;
  readonly lines?: readonly DemoLine[];
  readonly log?: (message: string) => void;
  /** Polled while it runs: true stops the demo (it then rejects with DemoStopped). */
  readonly stopped?: () => boolean;
  /** The whole run, setup included. */
  readonly timeoutMs?: number;
}

/** One work center's parts in this run: made by the simulator, counted by the actor. */
export interface WorkCenterTally {
  readonly workCenter: string;
  readonly machine: string;
  readonly made: Parts;
  readonly counted: Parts;
  /** The sum over this run's orders (the oracle). */
  readonly booked: Parts;
  /** Counted but booked to no order of this run: `counted - booked`. */
  readonly unbooked: Parts;
}

export interface DemoReport {
  readonly orders: readonly OrderOracle[];
  readonly workCenters: readonly WorkCenterTally[];
  /** Orders an interrupted earlier run left open, completed before this run released its own. */
  readonly leftoversClosed: number;
}

/** The simulator the demo drives, and when it started (the edge's first readings are newer). */
export interface DrivenPlant {
  readonly simulator: PlantSimulator;
  readonly startedAt: number;
}

const sum = (orders: readonly OrderOracle[]): Parts => ({
  good: orders.reduce((n, o) => n + o.good, 0),
  scrap: orders.reduce((n, o) => n + o.scrap, 0),
});

export async function runPlantDemo(
  broker: ServiceBroker,
  plant: DrivenPlant,
  options: DemoOptions = {},
): Promise<DemoReport> {
  const context: SetupContext = {
    broker,
    plant: options.plant ?? 'P100',
    lines: options.lines ?? DEMO_LINES,
    log: options.log ?? (() => undefined),
    stopped: options.stopped ?? (() => false),
    deadline: Date.now() + (options.timeoutMs ?? 600_000),
  };
  await loadMasterData(context, options.masterDataFile ?? DEMO_MASTER_DATA);
  await awaitFirstReadings(context, plant.simulator, plant.startedAt);
  const leftoversClosed = await closeLeftovers(context);
  const released = await releaseOrders(
    context,
    options.ordersPerWorkCenter ?? 3,
    options.target ?? 20,
    options.firstOrder ?? 4_000_001,
  );
  const view = (line: DemoLine) => actorView(broker, context.plant, line.workCenter, line.source);
  const runs: LineRun[] = [];
  for (const [i, line] of context.lines.entries()) {
    const { counted } = await view(line);
    runs.push({
      line,
      orders: released[i] ?? [],
      baseline: counted,
      current: 0,
      awaitingActor: false,
    });
  }
  await driveLines({ ...context, simulator: plant.simulator, tickMs: options.tickMs ?? 250 }, runs);
  const workCenters: WorkCenterTally[] = [];
  for (const run of runs) {
    const { line } = run;
    const snapshot = plant.simulator.oracle()[line.machine];
    const counted = minus((await view(line)).counted, run.baseline);
    const booked = sum(run.orders);
    workCenters.push({
      workCenter: line.workCenter,
      machine: line.machine,
      made: { good: snapshot?.good ?? 0, scrap: snapshot?.scrap ?? 0 },
      counted,
      booked,
      unbooked: minus(counted, booked),
    });
  }
  return { orders: runs.flatMap((run) => run.orders), workCenters, leftoversClosed };
}

/** One line per work center: what the simulator made, the actor counted and the orders booked. */
export function tallyLines(report: DemoReport): string[] {
  const parts = (p: Parts) => `${p.good} good + ${p.scrap} scrap`;
  return report.workCenters.map(
    (t) =>
      `demo: ${t.workCenter} (${t.machine}): the simulator made ${parts(t.made)}; the actor counted ${parts(t.counted)}; booked to this run's orders ${parts(t.booked)}, to none ${parts(t.unbooked)}`,
  );
}
