// Public surface for suites: the contract, the latency histogram, open-loop load, helper
// processes and the real servers. The runner's internals (measure, report, charts) are not
// here: suites describe what to measure, the runner measures it.
export type {
  BenchComparison,
  BenchContext,
  BenchCustomRow,
  BenchProcess,
  BenchSuite,
  BenchVariant,
} from './suite.ts';
export { LatencyHistogram } from './histogram.ts';
export type { LatencySummary } from './histogram.ts';
export { openLoop, openLoopMetrics } from './open-loop.ts';
export type { OpenLoopOptions, OpenLoopResult } from './open-loop.ts';
export { readyForParent, startBenchChild } from './child-process.ts';
export type { BenchChild, BenchChildOptions } from './child-process.ts';
export { processCpuMicros, totalCpuMicros } from './process-cpu.ts';
export { freePort, startMosquitto, startNatsServer } from './servers.ts';
export { closedLoop, NATS_PEER_SCRIPT, startNatsRig } from './nats-rig.ts';
export type { NatsRig } from './nats-rig.ts';
export { processRssBytes, startMillwrightNode } from './millwright-node.ts';
export type { MillwrightNode, MillwrightNodeOptions } from './millwright-node.ts';
export type { TestMosquitto, TestNatsServer } from './servers.ts';
