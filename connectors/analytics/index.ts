// Public surface of analytics: the ISO 22400 OEE calculation, shift calendar and state
// timeline, and the analytics connector that applies them to the business lane.
export { computeOee, mergeWindows } from './oee.ts';
export type { OeeInput, OeeResult, TimeWindow } from './oee.ts';
export { ShiftCalendar, ShiftCalendarDefinition } from './shift-calendar.ts';
export type { ShiftWindow } from './shift-calendar.ts';
export { StateTimeline } from './state-timeline.ts';
export type { MachineState, StateChange, StateInterval } from './state-timeline.ts';
export { shiftOee, shareOf } from './shift-oee.ts';
export type { DowntimeFact, RunFact, ShiftOee } from './shift-oee.ts';
export { SqliteOeeStore } from './oee-store.ts';
export type { ShiftKey } from './oee-store.ts';
export { AnalyticsConnector, ANALYTICS_EVENT_TYPES } from './analytics-connector.ts';
export type { AnalyticsConnectorOptions } from './analytics-connector.ts';
export { DEFAULT_SHIFT_CALENDAR, readShiftCalendars, ShiftCalendarFile } from './calendar-file.ts';
