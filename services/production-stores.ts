// The durable stores of the production services of one node (master data and the order book),
// opened once per node in the data folder and closed when the node stops.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MasterDataStore, OrderBook } from '../production/index.ts';

export interface ProductionStores {
  readonly masterData: MasterDataStore;
  readonly orders: OrderBook;
  close(): void;
}

export function openProductionStores(dataDir: string): ProductionStores {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'production.sqlite');
  const masterData = new MasterDataStore(file);
  const orders = new OrderBook(file);
  let closed = false;
  return {
    masterData,
    orders,
    close() {
      if (closed) return;
      closed = true;
      masterData.close();
      orders.close();
    },
  };
}
