// Runs the demo's machines through their orders and keeps the oracle by the simulator's own
// counts. Machines tick freely while an order is short of its target; once the simulator says
// an order's good parts reached it, that machine waits until its actor counted every part made
// so far, so no later part can travel in the frame that completes the order: each order's yield
// and scrap are then exactly the parts the simulator made for it. After its last order a machine
// stands still, so nothing it makes goes unbooked.
import type { ServiceBroker } from 'moleculer';
import type { PlantSimulator } from '../../../edge/simulator/index.ts';
import { actorView, minus, sameParts, type Parts } from './actor-probe.ts';
import type { DemoLine, OrderOracle } from './demo-lines.ts';
import { DemoStopped, sleep } from './until.ts';

export interface LineRun {
  readonly line: DemoLine;
  readonly orders: OrderOracle[];
  /** Parts the actor had counted from the line's source before this run's first tick. */
  readonly baseline: Parts;
  /** Index of the order being made. */
  current: number;
  /** The current order reached its target by the simulator's count; the actor has yet to. */
  awaitingActor: boolean;
}

export interface DriveContext {
  readonly broker: ServiceBroker;
  readonly plant: string;
  readonly simulator: PlantSimulator;
  readonly log: (message: string) => void;
  readonly stopped: () => boolean;
  readonly deadline: number;
  /** Pause between machine cycles. */
  readonly tickMs: number;
}

const made = (simulator: PlantSimulator, machine: string): Parts => {
  const snapshot = simulator.oracle()[machine];
  return { good: snapshot?.good ?? 0, scrap: snapshot?.scrap ?? 0 };
};

/** Books one cycle's parts to the line's current order, by the simulator's count. */
function book(run: LineRun, before: Parts, after: Parts): void {
  const order = run.orders[run.current];
  if (order === undefined) return;
  order.good += after.good - before.good;
  order.scrap += after.scrap - before.scrap;
  order.consumed = run.line.perPart * (order.good + order.scrap);
  if (order.good >= order.target) run.awaitingActor = true;
}

/** True once the actor counted every part the machine made; then the next order runs. */
async function settle(context: DriveContext, run: LineRun): Promise<string> {
  const { line } = run;
  const view = await actorView(context.broker, context.plant, line.workCenter, line.source);
  const counted = minus(view.counted, run.baseline);
  const making = made(context.simulator, line.machine);
  if (counted.good > making.good || counted.scrap > making.scrap)
    throw new Error(
      `plant demo: ${line.workCenter} counted ${JSON.stringify(counted)} but ${line.machine} made only ${JSON.stringify(making)}`,
    );
  if (sameParts(counted, making)) {
    const order = run.orders[run.current];
    if (order !== undefined)
      context.log(
        `demo: order ${order.order} complete on ${line.workCenter}: ${order.good} good, ${order.scrap} scrap`,
      );
    run.current += 1;
    run.awaitingActor = false;
  }
  return `${line.workCenter}: ${line.machine} made ${JSON.stringify(making)}, the actor counted ${JSON.stringify(counted)}`;
}

export async function driveLines(context: DriveContext, runs: readonly LineRun[]): Promise<void> {
  const { simulator } = context;
  for (;;) {
    if (context.stopped()) throw new DemoStopped();
    const open = runs.filter((run) => run.current < run.orders.length);
    if (open.length === 0) return;
    const ticking = open.filter((run) => !run.awaitingActor);
    if (ticking.length > 0) {
      const before = ticking.map((run) => made(simulator, run.line.machine));
      await simulator.tick(ticking.map((run) => run.line.machine));
      ticking.forEach((run, i) => {
        book(run, before[i] ?? { good: 0, scrap: 0 }, made(simulator, run.line.machine));
      });
    }
    const waiting: string[] = [];
    for (const run of open.filter((r) => r.awaitingActor)) waiting.push(await settle(context, run));
    if (Date.now() > context.deadline)
      throw new Error(`plant demo: timed out; still waiting for ${waiting.join('; ')}`);
    await sleep(context.tickMs);
  }
}
