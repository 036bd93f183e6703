// Public surface of the plant demo: `millwright start`'s companion (preparePlantDemo), the demo
// plant (simulator, trust, template) and the run with its oracle, which the end-to-end tests use.
export { DEMO_LINES, DEMO_MASTER_DATA, demoOrder, demoOrderBase } from './demo-lines.ts';
export type { DemoLine, OrderOracle } from './demo-lines.ts';
export { startDemoPlant } from './demo-plant.ts';
export type { DemoPlant, DemoPlantOptions } from './demo-plant.ts';
export { runPlantDemo, tallyLines } from './plant-demo.ts';
export type { DemoOptions, DemoReport, DrivenPlant, WorkCenterTally } from './plant-demo.ts';
export type { Parts } from './actor-probe.ts';
export { preparePlantDemo } from './start-demo.ts';
export type { DemoCompanion, PreparedDemo } from './start-demo.ts';
export { DemoStopped } from './until.ts';
