// The slice of SAP S/4HANA's public OData v2 APIs that Millwright posts to: production order
// confirmation (API_PROD_ORDER_CONFIRMATION_2_SRV, entity ProdnOrdConf2) and material
// documents (API_MATERIAL_DOCUMENT_SRV, A_MaterialDocumentHeader with deep-inserted
// to_MaterialDocumentItem). Field names follow the APIs' metadata; both the SAP profile and the
// ERP simulator use these types, so they cannot drift apart.

export const CONFIRMATION_SERVICE = '/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV';
export const CONFIRMATION_SET = 'ProdnOrdConf2';
export const MATERIAL_DOCUMENT_SERVICE = '/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV';
export const MATERIAL_DOCUMENT_SET = 'A_MaterialDocumentHeader';

/** OASIS Repeatable Requests (used by SAP): a request id the server remembers. */
export const REPEATABILITY_REQUEST_ID = 'repeatability-request-id';
export const REPEATABILITY_FIRST_SENT = 'repeatability-first-sent';
export const REPEATABILITY_RESULT = 'repeatability-result';

/** POST body of a confirmation. Quantities are Edm.Decimal, sent as strings. */
export interface ProdnOrdConf2Create {
  readonly OrderID: string;
  readonly OrderOperation: string;
  readonly Sequence?: string;
  readonly ConfirmationUnit: string;
  readonly ConfirmationYieldQuantity: string;
  readonly ConfirmationScrapQuantity: string;
  readonly ConfirmationReworkQuantity: string;
  readonly FinalConfirmationType?: string;
  readonly IsFinalConfirmation: boolean;
  /** Edm.DateTime in OData v2 JSON: "/Date(<ms since epoch>)/". */
  readonly PostingDate: string;
  /** 40 characters; carries Millwright's posting reference for read-back. */
  readonly ConfirmationText: string;
  readonly Plant?: string;
  readonly WorkCenter?: string;
}

export interface ProdnOrdConf2 extends ProdnOrdConf2Create {
  readonly ConfirmationGroup: string;
  readonly ConfirmationCount: string;
}

/** GoodsMovementCode: 02 goods receipt for an order, 03 goods issue, 04 transfer posting. */
export type GoodsMovementCode = '01' | '02' | '03' | '04' | '05' | '06';

export interface MaterialDocumentItemCreate {
  readonly Material: string;
  readonly Plant: string;
  readonly StorageLocation: string;
  readonly GoodsMovementType: string;
  readonly QuantityInEntryUnit: string;
  readonly EntryUnit: string;
  readonly ManufacturingOrder?: string;
  readonly ManufacturingOrderItem?: string;
  readonly GoodsMovementRefDocType?: string;
  readonly Batch?: string;
  /** '' or '01' unrestricted, '02' quality inspection, '07' blocked. */
  readonly InventoryStockType?: string;
  readonly MaterialDocumentItemText?: string;
}

export interface MaterialDocumentHeaderCreate {
  readonly GoodsMovementCode: GoodsMovementCode;
  readonly PostingDate: string;
  readonly DocumentDate?: string;
  /** 25 characters; carries Millwright's posting reference for read-back. */
  readonly MaterialDocumentHeaderText: string;
  readonly to_MaterialDocumentItem:
    | readonly MaterialDocumentItemCreate[]
    | {
        readonly results: readonly MaterialDocumentItemCreate[];
      };
}

export interface MaterialDocumentItem extends MaterialDocumentItemCreate {
  readonly MaterialDocument: string;
  readonly MaterialDocumentYear: string;
  readonly MaterialDocumentItem: string;
}

export interface MaterialDocumentHeader {
  readonly MaterialDocument: string;
  readonly MaterialDocumentYear: string;
  readonly GoodsMovementCode: GoodsMovementCode;
  readonly PostingDate: string;
  readonly MaterialDocumentHeaderText: string;
  readonly to_MaterialDocumentItem: { readonly results: readonly MaterialDocumentItem[] };
}

/** OData v2 JSON error body as SAP Gateway sends it. */
export interface ODataError {
  readonly error: {
    readonly code: string;
    readonly message: { readonly lang: string; readonly value: string };
    readonly innererror?: {
      readonly transactionid?: string;
      readonly timestamp?: string;
      readonly errordetails?: readonly {
        readonly code: string;
        readonly message: string;
        readonly severity: string;
        readonly target?: string;
      }[];
    };
  };
}

/** SAP message ids (class/number) the simulator raises and the profile classifies. */
export const SapMessage = {
  /** M3 305: the material does not exist or is not activated. */
  materialUnknown: 'M3/305',
  /** M3 897: the plant data of the material is locked by a user. */
  materialLocked: 'M3/897',
  /** M7 053: posting only possible in the open periods. */
  periodClosed: 'M7/053',
  /** Gateway: the request could not be processed (server side). */
  internal: '/IWBEP/CM_MGW_RT/004',
  /** Gateway: the request body or a parameter is invalid. */
  badRequest: '/IWBEP/CM_MGW_RT/022',
} as const;

export function odataDate(isoDate: string): string {
  return `/Date(${Date.parse(`${isoDate}T00:00:00.000Z`)})/`;
}

/** "/Date(1710374400000)/" -> "2024-03-14"; undefined when the value is not one. */
export function isoDateOf(odata: string): string | undefined {
  const match = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(odata);
  if (match?.[1] === undefined) return undefined;
  return new Date(Number(match[1])).toISOString().slice(0, 10);
}

export function odataFilterEq(field: string, value: string): string {
  return `${field} eq '${value.replaceAll("'", "''")}'`;
}
