// Public surface of the ERP connector: the connector, its ledgers, profiles and parts.
export { ErpConnector } from './erp-connector.ts';
export type { ErpConnectorOptions } from './erp-connector.ts';
export type { PostResult } from './erp-poster.ts';
export type { ErpEndpoint } from './erp-http.ts';
export type { ErpOutcome, ErpProfile, ErpReadBack, ErpRequest } from './erp-profile.ts';
export type { PostingLedger, PostingRecord, VersionedRecord } from './posting-ledger.ts';
export { SqlitePostingLedger } from './ledger-sqlite.ts';
export { KvPostingLedger } from './ledger-kv.ts';
export { CircuitBreaker } from './circuit-breaker.ts';
export type { CircuitBreakerOptions } from './circuit-breaker.ts';
export { ConnectorMetrics, ERP_METRICS } from './connector-metrics.ts';
export type { ErpMetric, MetricsSink } from './connector-metrics.ts';
export { backoffMs, defaultRetry } from './retry-policy.ts';
export type { RetryPolicy } from './retry-policy.ts';
export { sapProfile, SAP_EVENT_TYPES, postingReference } from './sap/index.ts';
export type { SapMappingOptions } from './sap/index.ts';
