// The SAP S/4HANA profile: validates each event against its contract, maps it to the OData
// posting (sap-mapping.ts), reads SAP's answers (document numbers, classified errors) and
// reads a posting back by the reference kept in its text field.
import {
  MillwrightError,
  parseContract,
  type AnyBusinessEvent,
  type GoodsReceived,
  type MaterialConsumed,
  type OperationConfirmed,
  type QualityRejected,
  type QualityReleased,
} from '../../../contracts/index.ts';
import type { ErpOutcome, ErpProfile, ErpReadBack, ErpRequest } from '../erp-profile.ts';
import {
  CONFIRMATION_SERVICE,
  CONFIRMATION_SET,
  MATERIAL_DOCUMENT_SERVICE,
  MATERIAL_DOCUMENT_SET,
  odataFilterEq,
} from './sap-api.ts';
import { classifySapError } from './sap-errors.ts';
import {
  confirmationBody,
  defaultSapMapping,
  materialDocumentBody,
  movementOf,
  type SapMappingOptions,
} from './sap-mapping.ts';
import { postingReference } from './sap-reference.ts';

const CONFIRMATIONS = `${CONFIRMATION_SERVICE}/${CONFIRMATION_SET}`;
const MATERIAL_DOCUMENTS = `${MATERIAL_DOCUMENT_SERVICE}/${MATERIAL_DOCUMENT_SET}`;

// No scrap.declared.v1 (decision 0701): operation scrap reaches SAP as the confirmation's
// scrap quantity; a 551 would post it twice and take stock that was never received. The
// lane consumer subscribes to these types only, so scrap events never reach the connector.
export const SAP_EVENT_TYPES = [
  'operation.confirmed.v1',
  'material.consumed.v1',
  'goods.received.v1',
  'quality.released.v1',
  'quality.rejected.v1',
] as const;

type Postable =
  OperationConfirmed | MaterialConsumed | GoodsReceived | QualityReleased | QualityRejected;

interface Entity {
  readonly MaterialDocument?: string;
  readonly MaterialDocumentYear?: string;
  readonly ConfirmationGroup?: string;
  readonly ConfirmationCount?: string;
}

/** "4900000123/2025" for a material document, "0000000042/00000003" for a confirmation. */
function documentOf(entity: Entity | undefined): string | undefined {
  if (entity?.MaterialDocument !== undefined)
    return `${entity.MaterialDocument}/${entity.MaterialDocumentYear ?? ''}`;
  if (entity?.ConfirmationGroup !== undefined)
    return `${entity.ConfirmationGroup}/${entity.ConfirmationCount ?? ''}`;
  return undefined;
}

export function sapProfile(options: Partial<SapMappingOptions> = {}): ErpProfile {
  const mapping: SapMappingOptions = {
    ...defaultSapMapping,
    ...options,
    units: { ...defaultSapMapping.units, ...options.units },
  };
  return {
    name: 'sap-s4hana',
    eventTypes: SAP_EVENT_TYPES,

    toRequest(event: AnyBusinessEvent): ErpRequest {
      if (!(SAP_EVENT_TYPES as readonly string[]).includes(event.type)) {
        throw new MillwrightError(
          'MW_ERP_UNSUPPORTED_EVENT',
          `the SAP profile posts no ${event.type}`,
          { type: event.type, supported: SAP_EVENT_TYPES },
        );
      }
      const valid = parseContract(event.type, event) as Postable;
      const reference = postingReference(valid.eventId);
      if (valid.type === 'operation.confirmed.v1') {
        const body = confirmationBody(valid, reference, mapping);
        return { method: 'POST', path: CONFIRMATIONS, body, kind: 'confirmation', reference };
      }
      const [code, item] = movementOf(valid);
      const body = materialDocumentBody(valid, code, item, reference, mapping);
      return { method: 'POST', path: MATERIAL_DOCUMENTS, body, kind: item.movementType, reference };
    },

    interpret(request: ErpRequest, status: number, body: unknown): ErpOutcome {
      if (status >= 200 && status < 300) {
        const document = documentOf((body as { d?: Entity } | undefined)?.d);
        if (document !== undefined) return { kind: 'posted', documents: [document] };
        const error = new MillwrightError(
          'MW_ERP_UNAVAILABLE',
          `SAP answered ${status} without a document number for ${request.kind}`,
          { status },
        );
        return { kind: 'unknown', error };
      }
      return classifySapError(status, body, request.kind);
    },

    readBack(request: ErpRequest): ErpReadBack {
      const field =
        request.path === CONFIRMATIONS ? 'ConfirmationText' : 'MaterialDocumentHeaderText';
      const filter = encodeURIComponent(odataFilterEq(field, request.reference));
      return { method: 'GET', path: `${request.path}?$filter=${filter}&$format=json` };
    },

    readBackDocuments(status: number, body: unknown): readonly string[] | ErpOutcome {
      if (status !== 200) return classifySapError(status, body, 'the read-back');
      const results = (body as { d?: { results?: Entity[] } } | undefined)?.d?.results ?? [];
      return results.map(documentOf).filter((d): d is string => d !== undefined);
    },
  };
}
