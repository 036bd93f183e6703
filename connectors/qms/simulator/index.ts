// Public surface of the QMS simulator (embedded mode, tests).
export { QmsSimulator } from './qms-simulator.ts';
export type { AutoDecide, QmsSimCounts, QmsSimulatorOptions } from './qms-simulator.ts';
