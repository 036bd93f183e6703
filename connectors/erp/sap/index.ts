// Public surface of the SAP S/4HANA profile.
export { sapProfile, SAP_EVENT_TYPES } from './sap-profile.ts';
export type { SapMappingOptions } from './sap-mapping.ts';
export { postingReference } from './sap-reference.ts';
export * from './sap-api.ts';
