// Movement types the simulator books, with their effect on stock per stock type (SAP MM
// inventory management): goods receipt for an order (101), goods issue to an order (261),
// scrapping (551, 553, 555), stock status transfers (321, 322, 343, 344, 349, 350) and the
// reversals (102, 262, 552). Enough to answer "what does ERP hold" the way SAP would.
import type { GoodsMovementCode } from '../sap/sap-api.ts';

export type StockType = 'unrestricted' | 'qualityInspection' | 'blocked';

export interface MovementType {
  readonly code: GoodsMovementCode;
  /** Effects on stock; 'item' means the item's InventoryStockType decides. */
  readonly effects: readonly (readonly [StockType | 'item', 1 | -1])[];
}

export const MOVEMENT_TYPES: Readonly<Record<string, MovementType>> = {
  '101': { code: '02', effects: [['item', 1]] },
  '102': { code: '02', effects: [['item', -1]] },
  '261': { code: '03', effects: [['unrestricted', -1]] },
  '262': { code: '03', effects: [['unrestricted', 1]] },
  '551': { code: '03', effects: [['unrestricted', -1]] },
  '552': { code: '03', effects: [['unrestricted', 1]] },
  '553': { code: '03', effects: [['qualityInspection', -1]] },
  '555': { code: '03', effects: [['blocked', -1]] },
  '321': {
    code: '04',
    effects: [
      ['qualityInspection', -1],
      ['unrestricted', 1],
    ],
  },
  '322': {
    code: '04',
    effects: [
      ['unrestricted', -1],
      ['qualityInspection', 1],
    ],
  },
  '343': {
    code: '04',
    effects: [
      ['blocked', -1],
      ['unrestricted', 1],
    ],
  },
  '344': {
    code: '04',
    effects: [
      ['unrestricted', -1],
      ['blocked', 1],
    ],
  },
  '349': {
    code: '04',
    effects: [
      ['blocked', -1],
      ['qualityInspection', 1],
    ],
  },
  '350': {
    code: '04',
    effects: [
      ['qualityInspection', -1],
      ['blocked', 1],
    ],
  },
};

/** InventoryStockType of a material document item: '' / '01', '02', '07'. */
export function stockTypeOf(inventoryStockType: string | undefined): StockType {
  if (inventoryStockType === '02' || inventoryStockType === '2') return 'qualityInspection';
  if (inventoryStockType === '07' || inventoryStockType === '7') return 'blocked';
  return 'unrestricted';
}
