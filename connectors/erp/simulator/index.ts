// Public surface of the ERP simulator (`millwright erp-sim`, tests, embedded mode).
export { ErpSimulator } from './erp-simulator.ts';
export type { ErpSimCounts, ErpSimulatorOptions } from './erp-simulator.ts';
export { FAULT_KINDS } from './fault-script.ts';
export type { FaultKind, FaultSpec } from './fault-script.ts';
export { DEMO_MATERIALS } from './demo-materials.ts';
/** Bounded JSON bodies and answers; the QMS simulator uses them too. */
export { BadBody, readJson, sendJson } from './http-io.ts';
export { SimulatorServer } from './simulator-server.ts';
