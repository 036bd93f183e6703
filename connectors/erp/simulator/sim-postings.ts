// What the simulated ERP does with a posting: validate like SAP (unknown or locked material,
// closed period, bad fields), book a new document, and answer with the OData v2 entity. Every
// call books a new document: only a repeated Repeatability-Request-ID (when honoured) or a
// caller that reads back first prevents a duplicate.
import {
  isoDateOf,
  SapMessage,
  type MaterialDocumentHeaderCreate,
  type MaterialDocumentItem,
  type MaterialDocumentItemCreate,
  type ProdnOrdConf2Create,
} from '../sap/sap-api.ts';
import { MOVEMENT_TYPES, stockTypeOf } from './movement-types.ts';
import { odataError, type SimResponse } from './odata-errors.ts';
import type { SimLedger } from './sim-ledger.ts';

function decimal(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function periodError(ledger: SimLedger, postingDate: unknown): SimResponse | undefined {
  const iso = typeof postingDate === 'string' ? isoDateOf(postingDate) : undefined;
  if (iso === undefined)
    return odataError(400, SapMessage.badRequest, 'PostingDate is not an Edm.DateTime value');
  const period = iso.slice(0, 7);
  if (ledger.isPeriodClosed(period))
    return odataError(
      400,
      SapMessage.periodClosed,
      `Posting only possible in open periods; period ${period.replace('-', '/')} is closed`,
    );
  return undefined;
}

export function postConfirmation(
  ledger: SimLedger,
  body: Partial<ProdnOrdConf2Create>,
): SimResponse {
  const orderId = text(body.OrderID);
  const operation = text(body.OrderOperation);
  const unit = text(body.ConfirmationUnit);
  const quantities = [
    body.ConfirmationYieldQuantity,
    body.ConfirmationScrapQuantity,
    body.ConfirmationReworkQuantity,
  ].map(decimal);
  if (orderId === undefined || operation === undefined || unit === undefined)
    return odataError(
      400,
      SapMessage.badRequest,
      'OrderID, OrderOperation and ConfirmationUnit are required',
    );
  if (quantities.some((q) => q === undefined))
    return odataError(
      400,
      SapMessage.badRequest,
      'Confirmation quantities must be non-negative decimals',
    );
  const closed = periodError(ledger, body.PostingDate);
  if (closed !== undefined) return closed;
  const group = ledger.confirmationGroup(orderId, operation);
  const count = String(ledger.next(`confirmation-count-${group}`)).padStart(8, '0');
  const entity = {
    ...body,
    ConfirmationGroup: group,
    ConfirmationCount: count,
    __metadata: { type: 'API_PROD_ORDER_CONFIRMATION_2_SRV.ProdnOrdConf2Type' },
  };
  ledger.insertConfirmation(group, count, body.ConfirmationText ?? '', entity);
  return { status: 201, body: { d: entity } };
}

function itemsOf(
  body: Partial<MaterialDocumentHeaderCreate>,
): readonly MaterialDocumentItemCreate[] {
  const items = body.to_MaterialDocumentItem;
  if (items === undefined) return [];
  const list: unknown = 'results' in items ? items.results : items;
  return Array.isArray(list) ? (list as readonly MaterialDocumentItemCreate[]) : [];
}

function itemError(ledger: SimLedger, item: MaterialDocumentItemCreate): SimResponse | undefined {
  const movement = MOVEMENT_TYPES[item.GoodsMovementType];
  if (movement === undefined)
    return odataError(
      400,
      SapMessage.badRequest,
      `Movement type ${item.GoodsMovementType} is not supported`,
    );
  if (decimal(item.QuantityInEntryUnit) === undefined || text(item.EntryUnit) === undefined)
    return odataError(400, SapMessage.badRequest, 'QuantityInEntryUnit and EntryUnit are required');
  const lock = ledger.material(item.Material);
  if (lock === undefined)
    return odataError(
      400,
      SapMessage.materialUnknown,
      `The material ${item.Material} does not exist or is not activated`,
    );
  if (lock !== null)
    return odataError(
      400,
      SapMessage.materialLocked,
      `The plant data of the material ${item.Material} is locked by the user ${lock}`,
    );
  return undefined;
}

export function postMaterialDocument(
  ledger: SimLedger,
  body: Partial<MaterialDocumentHeaderCreate>,
): SimResponse {
  const items = itemsOf(body);
  if (items.length === 0)
    return odataError(400, SapMessage.badRequest, 'A material document needs at least one item');
  const closed = periodError(ledger, body.PostingDate);
  if (closed !== undefined) return closed;
  for (const item of items) {
    const error = itemError(ledger, item);
    if (error !== undefined) return error;
  }
  const year = (isoDateOf(String(body.PostingDate)) ?? '1970').slice(0, 4);
  const doc = String(4_900_000_000 + ledger.next('material-document'));
  const booked: MaterialDocumentItem[] = items.map((item, index) => ({
    ...item,
    MaterialDocument: doc,
    MaterialDocumentYear: year,
    MaterialDocumentItem: String(index + 1).padStart(4, '0'),
  }));
  for (const item of booked) {
    for (const [target, sign] of MOVEMENT_TYPES[item.GoodsMovementType]?.effects ?? []) {
      ledger.insertStockMove({
        doc,
        year,
        item: item.MaterialDocumentItem,
        material: item.Material,
        plant: item.Plant,
        batch: item.Batch ?? '',
        stockType: target === 'item' ? stockTypeOf(item.InventoryStockType) : target,
        quantity: sign * Number(item.QuantityInEntryUnit),
      });
    }
  }
  const entity = {
    MaterialDocument: doc,
    MaterialDocumentYear: year,
    GoodsMovementCode: body.GoodsMovementCode,
    PostingDate: body.PostingDate,
    MaterialDocumentHeaderText: body.MaterialDocumentHeaderText ?? '',
    to_MaterialDocumentItem: { results: booked },
    __metadata: { type: 'API_MATERIAL_DOCUMENT_SRV.A_MaterialDocumentHeaderType' },
  };
  ledger.insertMaterialDocument(doc, year, entity.MaterialDocumentHeaderText, entity);
  return { status: 201, body: { d: entity } };
}
