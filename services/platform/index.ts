// Public surface of the Moleculer glue.
export { clusterNamespace, createBrokerOptions, REDACTED_PATHS } from './broker-options.ts';
export { ConfigSchema, loadConfig, secretFromEnvironment } from './config.ts';
export type { EdgeConfig } from './edge-config.ts';
export { templateSecretReader } from './template-secrets.ts';
export type { MillwrightConfig } from './config.ts';
export { correlationMiddleware, ensureCorrelationId } from './correlation.middleware.ts';
export type { CallerMeta, CorrelationMeta } from './correlation.middleware.ts';
export { MillwrightErrorRegenerator } from './error-regenerator.ts';
export { MsgpackrSerializer } from './msgpackr.serializer.ts';
export { createTelemetryPool, fromNativeError, telemetryKernel } from './telemetry.ts';
export { AuditLog, canonicalJson } from './audit-log.ts';
export type { AuditEntry, AuditRecord, AuditVerification } from './audit-log.ts';
export { callerOf } from './caller.ts';
export type { AnalyticsConfig, QmsConfig } from './qms-config.ts';
export { localServiceNames, readinessOf } from './broker-readiness.ts';
export { checkReadiness } from './readiness.ts';
export type { ReadinessPort, ReadinessReport } from './readiness.ts';
