// Public surface of the QMS connector: the connector, its HTTP client, its stores and the QMS
// API shapes (the simulator has its own surface in simulator/).
export { QmsConnector } from './qms-connector.ts';
export type { QmsConnectorOptions, QmsCounter, QualityDecisionEvent } from './qms-connector.ts';
export { QmsClient } from './qms-client.ts';
export type { CreatedLot, QmsEndpoint } from './qms-client.ts';
export { SqliteInspectionStore } from './inspection-store.ts';
export type { InspectionRecord, InspectionState, InspectionStore } from './inspection-store.ts';
export { KvInspectionStore } from './inspection-store-kv.ts';
export { decisionEvent } from './decision-event.ts';
export type * from './qms-api.ts';
export { INSPECTION_LOTS, USAGE_DECISIONS } from './qms-api.ts';
