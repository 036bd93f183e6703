// The built-in plant demo of `npm start` and the end-to-end test: loads the example master data,
// releases production orders through `orders.release` (an "ERP release" simulation) and drives
// each work center with real telemetry frames (native codec) into `workcenter.host.ingestFrame`,
// numbered and carrying their base readings as the edge's are (decision 0404). A stand-in for
// the edge plant simulator; it keeps its own oracle.
import { readFileSync } from 'node:fs';
import type { ServiceBroker } from 'moleculer';
import { parse } from 'yaml';
import { isMillwrightError } from '../../contracts/index.ts';
import { encodeFrame, QUALITY_CARRIED_BASE } from '../../native/index.ts';

export const DEMO_MASTER_DATA = 'examples/masterdata/P100.yaml';

export interface DemoLine {
  readonly workCenter: string;
  readonly routing: string;
  readonly material: string;
  readonly component: string;
  readonly componentUnit: string;
  /** Component quantity per finished part. */
  readonly perPart: number;
}

/** One work center per protocol of the simulated plant P100 (examples/plants/p100.yaml). */
export const DEMO_LINES: readonly DemoLine[] = [
  {
    workCenter: 'WC-PRESS-1',
    routing: 'R-BRACKET',
    material: 'FG-BRACKET',
    component: 'RM-STEEL',
    componentUnit: 'kg',
    perPart: 0.5,
  },
  {
    workCenter: 'WC-ASSY-1',
    routing: 'R-HOUSING',
    material: 'FG-HOUSING',
    component: 'RM-SCREW',
    componentUnit: 'ea',
    perPart: 4,
  },
  {
    workCenter: 'WC-PACK-1',
    routing: 'R-PANEL',
    material: 'FG-PANEL',
    component: 'RM-GASKET',
    componentUnit: 'ea',
    perPart: 1,
  },
];

/** What the demo produced per order: the oracle of the ERP postings. */
export interface OrderOracle {
  readonly order: string;
  readonly workCenter: string;
  readonly material: string;
  readonly component: string;
  readonly target: number;
  good: number;
  scrap: number;
  /** Back-flushed component quantity: per-part quantity times parts made. */
  consumed: number;
}

export interface DemoOptions {
  readonly plant?: string;
  readonly ordersPerWorkCenter?: number;
  readonly target?: number;
  /** Pause between frame rounds (ms); 0 in tests. */
  readonly frameIntervalMs?: number;
  readonly firstOrder?: number;
  readonly masterDataFile?: string;
  readonly log?: (message: string) => void;
  /** Polled between rounds: true stops the demo. */
  readonly stopped?: () => boolean;
}

export function demoOrder(plant: string, line: DemoLine, order: string, target: number) {
  return {
    order,
    plant,
    material: line.material,
    targetQuantity: { value: target, unit: 'ea' },
    routing: {
      id: line.routing,
      revision: 'A',
      operations: [{ operation: '0010', workCenter: line.workCenter, idealCycleTimeMs: 1_000 }],
    },
    components: [
      {
        item: '0010',
        material: line.component,
        quantity: { value: line.perPart * target, unit: line.componentUnit },
        tolerance: { underPercent: 100, overPercent: 100 },
        operation: '0010',
        backflush: true,
      },
    ],
    scheduledStart: new Date().toISOString(),
    scheduledEnd: new Date(Date.now() + 8 * 3_600_000).toISOString(),
  };
}

interface SeenView {
  readonly state: { readonly sources?: Record<string, { highWater: number; above: number[][] }> };
}

/** Counter readings of one machine sent as frames: good 0, scrap 1, state 2 (template order). */
class FrameFeeder {
  #seq = 0;
  /** The last frame's readings: the next frame's carried base. */
  #base: { t: number; good: number; scrap: number; state: number } | undefined;
  good = 0;
  scrap = 0;

  constructor(
    readonly broker: ServiceBroker,
    readonly plant: string,
    readonly workCenter: string,
  ) {}

  get source(): string {
    return `sim-${this.workCenter}`;
  }

  /** Frame numbers go on from the highest the actor applied (it keeps them across runs). */
  async resume(): Promise<void> {
    const view = await this.broker.call<SeenView, object>('workcenter.host.inspect', {
      key: `${this.plant}/${this.workCenter}`,
    });
    const seen = view.state.sources?.[this.source];
    if (seen !== undefined) {
      this.#seq = Math.max(seen.highWater, ...seen.above.map((range) => range[1] ?? 0));
    }
  }

  async send(state = 1): Promise<void> {
    this.#seq += 1;
    const t = Date.now();
    const base = this.#base;
    const readings = [this.good, this.scrap, state];
    const carried = base === undefined ? [] : [base.good, base.scrap, base.state];
    const times = [...carried.map(() => base?.t ?? t), t, t, t];
    const bytes = encodeFrame(
      {
        plant: this.plant,
        workCenter: this.workCenter,
        source: this.source,
        frameSeq: this.#seq,
        sealedAt: new Date(t).toISOString(),
      },
      {
        timestampsMs: Float64Array.from(times),
        tags: Uint32Array.from([...carried.map((_, i) => i), 0, 1, 2]),
        values: Float64Array.from([...carried, ...readings]),
        quality: Uint8Array.from([...carried.map(() => QUALITY_CARRIED_BASE), 0, 0, 0]),
      },
    );
    await this.broker.call('workcenter.host.ingestFrame', { bytes });
    this.#base = { t, good: this.good, scrap: this.scrap, state };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Order numbers of a demo run started now: distinct from earlier runs on the same data. */
export const demoOrderBase = (): number => (Math.floor(Date.now() / 1_000) % 100_000_000) * 10;

/** Loads master data, releases the orders, runs every order to its target; returns the oracle. */
export async function runPlantDemo(
  broker: ServiceBroker,
  options: DemoOptions = {},
): Promise<OrderOracle[]> {
  const plant = options.plant ?? 'P100';
  const perWorkCenter = options.ordersPerWorkCenter ?? 3;
  const target = options.target ?? 20;
  const log = options.log ?? (() => undefined);
  const stopped = options.stopped ?? (() => false);
  const file = options.masterDataFile ?? DEMO_MASTER_DATA;
  try {
    await broker.call('masterdata.load', parse(readFileSync(file, 'utf8')) as object);
    log(`demo: master data ${file} loaded`);
  } catch (error) {
    if (!isMillwrightError(error, 'MW_MASTERDATA_STALE_VERSION')) throw error;
    log(`demo: master data ${file} was loaded before`);
  }
  const oracle: OrderOracle[][] = [];
  let number = options.firstOrder ?? 4_000_001;
  for (const line of DEMO_LINES) {
    const orders: OrderOracle[] = [];
    for (let i = 0; i < perWorkCenter && !stopped(); i++) {
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
    oracle.push(orders);
  }
  const feeders = DEMO_LINES.map((line) => new FrameFeeder(broker, plant, line.workCenter));
  // Baseline frames: the first counter reading of a stream is its zero point.
  for (const feeder of feeders) {
    await feeder.resume();
    await feeder.send();
  }
  for (let round = 0; !stopped(); round++) {
    let open = 0;
    for (const [w, feeder] of feeders.entries()) {
      const current = oracle[w]?.find((o) => o.good < o.target);
      if (current === undefined) continue;
      open += 1;
      const good = 2 + ((round + w) % 3);
      const scrap = (round + w) % 5 === 4 ? 1 : 0;
      feeder.good += good;
      feeder.scrap += scrap;
      await feeder.send();
      // The frame that reaches the target completes the order, its whole delta included.
      current.good += good;
      current.scrap += scrap;
      if (current.good >= current.target) {
        const line = DEMO_LINES[w];
        current.consumed = (line?.perPart ?? 0) * (current.good + current.scrap);
        log(
          `demo: order ${current.order} complete on ${current.workCenter}: ${current.good} good, ${current.scrap} scrap`,
        );
      }
    }
    if (open === 0) break;
    if ((options.frameIntervalMs ?? 0) > 0) await sleep(options.frameIntervalMs ?? 0);
  }
  return oracle.flat();
}
