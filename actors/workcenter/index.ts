// Public surface of the work-center actor kind.
export { workCenterKind } from './workcenter.actor.ts';
export { workCenterBehavior, UNASSIGNED_MATERIAL, UNSPECIFIED_REASON } from './behavior.ts';
export {
  CompleteRequested,
  ConsumptionApproved,
  ConsumptionRecorded,
  CountsReported,
  CountsRequested,
  isRejection,
  MachineStateChanged,
  OrderReleasedMessage,
  QualityDecided,
  WorkCenterMessage,
} from './protocol.ts';
export type { CountsReply, Rejection } from './protocol.ts';
export type { CountsAccepted } from './steps/counts.ts';
export type { ReleaseReply } from './steps/orders.ts';
export { initialWorkCenterState, WorkCenterState, SourceCounts } from './state.ts';
export {
  LotStockStatus,
  MachineStateName,
  MachineStatus,
  OrderRun,
  ProducedLot,
} from './rules/index.ts';
export type { QualityDecidedReply } from './steps/quality.ts';
