// Public surface of contracts/: the canonical model v1, its catalogue, validation, error
// catalogue, units and crosswalks. Depends on zod only.
export * from './ids.ts';
export * from './quantity.ts';
export * from './envelope.ts';
export * from './event-id.ts';
export * from './telemetry-frame.ts';
export * from './masterdata.ts';
export * from './events/production-order.ts';
export * from './events/operation.ts';
export * from './events/material.ts';
export * from './events/scrap.ts';
export * from './events/downtime.ts';
export * from './events/quality.ts';
export * from './events/genealogy.ts';
export * from './events/maintenance.ts';
export { ContractCatalogue } from './catalogue.ts';
export type { ContractDefinition, ContractKind } from './catalogue.ts';
export { contracts } from './registry.ts';
export { parseContract, parseWith } from './validate.ts';
export * from './errors/index.ts';
export * from './uom/index.ts';
export * from './subjects.ts';
export * from './business-lane.ts';
