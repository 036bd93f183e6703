// Public surface of production/: master data and production order release (plain modules;
// the orders and masterdata Moleculer services delegate here).
export { MasterDataStore } from './masterdata/master-data-store.ts';
export type { LoadedVersion } from './masterdata/master-data-store.ts';
export { PlantMasterData } from './masterdata/plant-master-data.ts';
export type { DataIssue } from './masterdata/plant-master-data.ts';
export { OrderBook } from './orders/order-book.ts';
export { releaseOrder } from './orders/release-order.ts';
export type {
  OrderDispatcher,
  ReleaseDependencies,
  ReleaseResult,
} from './orders/release-order.ts';
export { validateOrder } from './orders/validate-order.ts';
export type { OrderProblem } from './orders/validate-order.ts';
export { checkMasterDataFile } from './masterdata/read-master-data-file.ts';
export type { FileCheck, FileProblem } from './masterdata/read-master-data-file.ts';
