// The three lines of the plant demo, one per protocol of the simulated plant P100
// (examples/plants/p100.yaml): which simulated machine feeds which work center through which
// template source, and the production order ERP releases to it. Data and order shapes only.
import { join } from 'node:path';

/** Master data of the simulated plant: materials, routings and work centers of the lines. */
export const DEMO_MASTER_DATA = join(import.meta.dirname, '../../../examples/masterdata/P100.yaml');

export interface DemoLine {
  readonly workCenter: string;
  /** The simulator's machine behind the work center. */
  readonly machine: string;
  /** The template source that carries its signals, and that source's protocol. */
  readonly source: string;
  readonly protocol: 'opcua' | 'mqtt' | 'sparkplug';
  readonly routing: string;
  readonly material: string;
  readonly component: string;
  readonly componentUnit: string;
  /** Component quantity per part made (good or scrap). */
  readonly perPart: number;
}

export const DEMO_LINES: readonly DemoLine[] = [
  {
    workCenter: 'WC-PRESS-1',
    machine: 'Press1',
    source: 'presses',
    protocol: 'opcua',
    routing: 'R-BRACKET',
    material: 'FG-BRACKET',
    component: 'RM-STEEL',
    componentUnit: 'kg',
    perPart: 0.5,
  },
  {
    workCenter: 'WC-ASSY-1',
    machine: 'WC-ASSY-1',
    source: 'uns',
    protocol: 'mqtt',
    routing: 'R-HOUSING',
    material: 'FG-HOUSING',
    component: 'RM-SCREW',
    componentUnit: 'ea',
    perPart: 4,
  },
  {
    workCenter: 'WC-PACK-1',
    machine: 'WC-PACK-1',
    source: 'spb',
    protocol: 'sparkplug',
    routing: 'R-PANEL',
    material: 'FG-PANEL',
    component: 'RM-GASKET',
    componentUnit: 'ea',
    perPart: 1,
  },
];

/** What one order must have produced, by the simulator's counts: the oracle of its postings. */
export interface OrderOracle {
  readonly order: string;
  readonly workCenter: string;
  readonly material: string;
  readonly component: string;
  readonly target: number;
  good: number;
  scrap: number;
  /** Back-flushed component quantity: per-part quantity times parts made (good + scrap). */
  consumed: number;
}

/** The production order ERP releases to a line: one operation, one back-flushed component. */
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

/** Order numbers of a demo run started now: distinct from earlier runs on the same data. */
export const demoOrderBase = (): number => (Math.floor(Date.now() / 1_000) % 100_000_000) * 10;
