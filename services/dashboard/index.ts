// Public surface of the dashboard's plain modules (the Moleculer service is
// services/dashboard.service.ts; the page itself is web/dashboard/).
export { collect, hasAction } from './collect.ts';
export type { ActorRow, Collected, DeadLetterRow, NodeRow, Section } from './collect.ts';
export { DashboardHub } from './hub.ts';
export type { SnapshotListener } from './hub.ts';
export { ratePerSecond, totalsOf } from './metrics-summary.ts';
export type { MetricSnapshot, MetricTotals } from './metrics-summary.ts';
export { HISTORY_POINTS, SnapshotBuilder } from './snapshot.ts';
export type { DashboardSnapshot, MetricsView, OeeRow, RatePoint } from './snapshot.ts';
