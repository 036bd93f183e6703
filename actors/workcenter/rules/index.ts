// Public surface of the work-center business rules (pure; the behaviour calls them).
export { approveConsumption } from './approve-consumption.ts';
export type { Approval } from './approve-consumption.ts';
export {
  completeOperation,
  deviationPercent,
  expectedConsumption,
  producedLotOf,
} from './complete-operation.ts';
export type { Completion } from './complete-operation.ts';
export { envelopeAll, envelopeFor } from './event-draft.ts';
export type { EnvelopeContext, EventDraft } from './event-draft.ts';
export {
  addConsumption,
  addCounts,
  HeldConsumption,
  OrderRun,
  releaseRun,
  targetReached,
} from './order-run.ts';
export type { ConsumptionInput } from './order-run.ts';
export {
  decideLot,
  LotDecision,
  LotStockStatus,
  ProducedLot,
  pruneLots,
  receiveLot,
  SETTLED_LOTS_KEPT,
} from './lot-status.ts';
export type { LotDecided, QualityDecisionInput } from './lot-status.ts';
export { changeMachineState, MachineStateName, MachineStatus } from './machine-state.ts';
export type { MachineChange, RunPlace } from './machine-state.ts';
export {
  activeRunIndex,
  COMPLETED_RUNS_KEPT,
  heldRun,
  pruneRuns,
  releaseInto,
} from './run-queue.ts';
export type { Release } from './run-queue.ts';
