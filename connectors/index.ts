// Public surface of connectors/: the business lane implementations, the ERP connector with its
// profiles, the ERP simulator, the QMS connector and simulator, analytics, the trace and the
// audit port. Plain modules: services/ hosts them in Moleculer.
export * from './lane/index.ts';
export * from './erp/index.ts';
export * from './erp/simulator/index.ts';
export * from './analytics/index.ts';
export * from './qms/index.ts';
export * from './qms/simulator/index.ts';
export * from './trace/index.ts';
export { MemoryAuditTrail } from './audit-trail.ts';
export type { AuditTrail, AuditTrailRecord } from './audit-trail.ts';
export { silentLogger } from './logger.ts';
export type { ConnectorLogger } from './logger.ts';
