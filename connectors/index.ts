// Public surface of connectors/: the business lane implementations, the ERP connector with its
// profiles, and the ERP simulator. Plain modules: services/ hosts them in Moleculer.
export * from './lane/index.ts';
export * from './erp/index.ts';
export * from './erp/simulator/index.ts';
export { silentLogger } from './logger.ts';
export type { ConnectorLogger } from './logger.ts';
