// Public surface of the work-center actor kind.
export { workCenterKind } from './workcenter.actor.ts';
export { workCenterBehavior, UNASSIGNED_MATERIAL, UNSPECIFIED_REASON } from './behavior.ts';
export { CountsReported, CountsRequested, WorkCenterMessage } from './protocol.ts';
export type { CountsReply } from './protocol.ts';
export { initialWorkCenterState, WorkCenterState, SourceCounts } from './state.ts';
