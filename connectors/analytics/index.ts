// Public surface of the analytics calculations (ISO 22400 OEE, shift calendar, state timeline).
export { computeOee, mergeWindows } from './oee.ts';
export type { OeeInput, OeeResult, TimeWindow } from './oee.ts';
export { ShiftCalendar, ShiftCalendarDefinition } from './shift-calendar.ts';
export type { ShiftWindow } from './shift-calendar.ts';
export { StateTimeline } from './state-timeline.ts';
export type { MachineState, StateChange, StateInterval } from './state-timeline.ts';
