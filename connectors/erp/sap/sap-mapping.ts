// Canonical events (contracts v1) to SAP S/4HANA postings. One event is one SAP document:
//   operation.confirmed.v1  -> ProdnOrdConf2 (yield, scrap, rework, final-confirmation flag)
//   material.consumed.v1    -> material document, movement type 261 (goods issue to the order)
//   goods.received.v1       -> 101 (goods receipt from the order) into the event's stock status
//   scrap.declared.v1       -> not posted (decision 0701: scrap travels in the confirmation)
//   quality.released.v1     -> 321 (quality inspection -> unrestricted)
//   quality.rejected.v1     -> 350 (quality inspection -> blocked) or 553 (scrap from inspection)
import type {
  GoodsReceived,
  MaterialConsumed,
  NonNegativeQuantity,
  OperationConfirmed,
  QualityRejected,
  QualityReleased,
} from '../../../contracts/index.ts';
import {
  odataDate,
  type GoodsMovementCode,
  type MaterialDocumentHeaderCreate,
  type MaterialDocumentItemCreate,
  type ProdnOrdConf2Create,
} from './sap-api.ts';

export interface SapMappingOptions {
  readonly storageLocation: string;
  /** Posting dates are the calendar day of `occurredAt` in this time zone (the plant's). */
  readonly timeZone: string;
  /** Canonical unit -> SAP unit of entry; unlisted units are sent upper-cased. */
  readonly units: Readonly<Record<string, string>>;
}

export const defaultSapMapping: SapMappingOptions = {
  storageLocation: '0001',
  timeZone: 'UTC',
  units: { ea: 'EA', pc: 'PC', kg: 'KG', g: 'G', t: 'TO', l: 'L', m: 'M', m2: 'M2', m3: 'M3' },
};

export interface Placed {
  readonly plant: string;
  readonly occurredAt: string;
}

export function postingDate(occurredAt: string, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(occurredAt));
  return odataDate(day);
}

function decimal(quantity: NonNegativeQuantity): string {
  return String(quantity.value);
}

export function confirmationBody(
  event: OperationConfirmed,
  reference: string,
  o: SapMappingOptions,
): ProdnOrdConf2Create {
  const p = event.payload;
  return {
    OrderID: p.order,
    OrderOperation: p.operation.padStart(4, '0'),
    ConfirmationUnit: o.units[p.yield.unit] ?? p.yield.unit.toUpperCase(),
    ConfirmationYieldQuantity: decimal(p.yield),
    ConfirmationScrapQuantity: decimal(p.scrap),
    ConfirmationReworkQuantity: decimal(p.rework),
    IsFinalConfirmation: p.finalConfirmation,
    PostingDate: postingDate(event.occurredAt, o.timeZone),
    ConfirmationText: reference,
    Plant: event.plant,
  };
}

interface ItemInput {
  readonly material: string;
  readonly quantity: NonNegativeQuantity;
  readonly movementType: string;
  readonly order?: string | undefined;
  readonly batch?: string | undefined;
  readonly stockType?: string;
  readonly text?: string;
}

export function materialDocumentBody(
  event: Placed,
  code: GoodsMovementCode,
  item: ItemInput,
  reference: string,
  o: SapMappingOptions,
): MaterialDocumentHeaderCreate {
  const line: MaterialDocumentItemCreate = {
    Material: item.material,
    Plant: event.plant,
    StorageLocation: o.storageLocation,
    GoodsMovementType: item.movementType,
    QuantityInEntryUnit: decimal(item.quantity),
    EntryUnit: o.units[item.quantity.unit] ?? item.quantity.unit.toUpperCase(),
    ...(item.order === undefined ? {} : { ManufacturingOrder: item.order }),
    ...(item.order !== undefined && item.movementType === '101'
      ? { GoodsMovementRefDocType: 'F' }
      : {}),
    ...(item.batch === undefined ? {} : { Batch: item.batch }),
    ...(item.stockType === undefined ? {} : { InventoryStockType: item.stockType }),
    ...(item.text === undefined ? {} : { MaterialDocumentItemText: item.text.slice(0, 50) }),
  };
  const date = postingDate(event.occurredAt, o.timeZone);
  return {
    GoodsMovementCode: code,
    PostingDate: date,
    DocumentDate: date,
    MaterialDocumentHeaderText: reference,
    to_MaterialDocumentItem: [line],
  };
}

const STOCK_TYPE = { unrestricted: '01', restricted: '02', blocked: '07' } as const;

/** The material document of a goods movement event: [GoodsMovementCode, item]. */
export function movementOf(
  event: MaterialConsumed | GoodsReceived | QualityReleased | QualityRejected,
): [GoodsMovementCode, ItemInput] {
  switch (event.type) {
    case 'material.consumed.v1': {
      const p = event.payload;
      const item = { material: p.material, quantity: p.quantity, order: p.order, batch: p.lot };
      return ['03', { ...item, movementType: '261' }];
    }
    case 'goods.received.v1': {
      const p = event.payload;
      const stockType = STOCK_TYPE[p.stockStatus];
      const item = { material: p.material, quantity: p.quantity, order: p.order, batch: p.lot };
      return ['02', { ...item, movementType: '101', stockType }];
    }
    case 'quality.released.v1': {
      const p = event.payload;
      return [
        '04',
        { material: p.material, quantity: p.quantity, batch: p.lot, movementType: '321' },
      ];
    }
    case 'quality.rejected.v1': {
      const p = event.payload;
      const item = { material: p.material, quantity: p.quantity, batch: p.lot, text: p.reason };
      return p.disposition === 'blocked'
        ? ['04', { ...item, movementType: '350' }]
        : ['03', { ...item, movementType: '553' }];
    }
  }
}
