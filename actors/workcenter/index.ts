// Public surface of the work-center actor kind.
export { workCenterKind } from './workcenter.actor.ts';
export { workCenterBehavior, UNASSIGNED_MATERIAL, UNSPECIFIED_REASON } from './behavior.ts';
export {
  CompleteRequested,
  ConsumptionApproved,
  ConsumptionRecorded,
  CountsReported,
  CountsRequested,
  FrameApplied,
  isRejection,
  MachineStateChanged,
  OrderReleasedMessage,
  QualityDecided,
  WorkCenterMessage,
} from './protocol.ts';
export type { CountsReply, Rejection } from './protocol.ts';
export type { CountsAccepted } from './steps/counts.ts';
export type { FrameAccepted } from './steps/frame.ts';
export type { ReleaseReply } from './steps/orders.ts';
export { initialWorkCenterState, WorkCenterState, SourceCounts } from './state.ts';
export { hasSeen, markSeen, MAX_GAPS } from './seen-set.ts';
export type { SeenSet } from './seen-set.ts';
export {
  LotStockStatus,
  MachineStateName,
  MachineStatus,
  OrderRun,
  ProducedLot,
} from './rules/index.ts';
export type { QualityDecidedReply } from './steps/quality.ts';
